"""The demo's two concept versions, built through the concept services: version 1 through the
whole process up to approval, version 2 in consultation with open amendments."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser

from concept.models import (
    Amendment,
    AmendmentStatus,
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    ConsultationResult,
    ConsultationRole,
    Section,
    VersionStatus,
)
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_incorporate,
    amendment_review_start,
    amendment_submit,
    amendment_withdraw,
    consultation_record,
    section_create,
    section_delete,
    section_update,
    version_create,
    version_create_next,
    version_present,
    version_transition,
)
from measures.models import Measure
from measures.services import measure_cite
from minden_integration.loader import demo_calendar as timeline
from minden_integration.loader import demo_data
from minden_integration.loader.demo_calendar import (
    CONSULTATION_START_TIME,
    END_OF_DAY,
    DemoCalendar,
    rng,
)
from minden_integration.loader.demo_measures import goal_measures
from minden_integration.loader.demo_timestamps import stamp
from workgroups.models import Membership

DAY = dt.timedelta(days=1)
MINUTE = dt.timedelta(minutes=1)


def _sections_create(*, version: ConceptVersion, specs: list[dict]) -> dict[str, Section]:
    sections = Section.objects.bulk_create(
        Section(
            version=version,
            key=spec["key"],
            position=position,
            level=spec["level"],
            number=spec["number"],
            title=spec["title"],
            body=spec["body"],
            easy_language_summary=spec["easy"],
        )
        for position, spec in enumerate(specs, start=1)
    )
    return {s.key: s for s in sections}


def _cite(*, sections: dict[str, Section], specs: list[dict], measures: dict[int, Measure]) -> None:
    citing: dict[int, list[Section]] = {}
    for spec in specs:
        for code in spec["cites"]:
            for measure in goal_measures(measures, code, 3):
                citing.setdefault(measure.number, []).append(sections[spec["key"]])
    for number, cited in sorted(citing.items()):
        measure_cite(measure=measures[number], sections=cited)


def _amendment_add(
    *,
    spec: dict,
    sections: dict[str, Section],
    members: list[AbstractBaseUser],
    memberships: dict[int, Membership],
    at: dt.datetime,
    key: str,
) -> Amendment:
    """Written a few minutes before it was submitted at `at` (a draft is only written)."""
    author = members[spec["author"]]
    amendment = amendment_create(
        section=sections[spec["section"]],
        author=author,
        kind=spec["kind"],
        passage=spec["passage"],
        proposed_text=spec["proposed_text"],
        rationale=spec["rationale"],
        is_example=True,
        now=at,
    )
    written = at - dt.timedelta(minutes=rng("written", key).randint(4, 55))
    if spec["outcome"] == AmendmentStatus.DRAFT:
        stamp(amendment, written, at)
        return amendment
    membership = memberships[author.pk]
    amendment = amendment_submit(
        amendment=amendment,
        by=author,
        organisation_name=membership.organisation.name,
        working_group_name=membership.working_group.name,
        author_name=membership.public_name,
        now=at,
    )
    stamp(amendment, written, at)
    return amendment


def _transition(version: ConceptVersion, to: str, *, now: dt.datetime, **kwargs) -> None:
    version_transition(version=version, to=to, now=now, **kwargs)


def demo_committees_load(*, concept: Concept) -> None:
    """Example committees between the Integrationsrat and the council, deliberating in
    parallel in the usual Beratungsfolge (step 2)."""
    for offset, (name, description) in enumerate(demo_data.COMMITTEES, start=1):
        Body.objects.get_or_create(
            concept=concept,
            name=name,
            defaults={
                "kind": BodyKind.COMMITTEE,
                "position": 10 + offset,
                "description": description,
                "default_step": 2,
                "default_role": ConsultationRole.PRELIMINARY,
                "is_example": True,
            },
        )


def _through_the_bodies(version: ConceptVersion, *, calendar: DemoCalendar) -> dt.datetime:
    """Version 1's way through the bodies: every Beratung held on its own working day and
    recorded by the office the next one. Returns when the last was recorded."""
    presented = calendar.office(timeline.V1_PRESENTED, "presented")
    version_present(
        version=version,
        council_paper_reference=demo_data.COUNCIL_PAPER_REFERENCE,
        presented_on=presented.date(),
        now=presented,
    )
    recorded = presented
    consultations = list(version.consultations.in_order())
    for index, (consultation, days_before) in enumerate(
        zip(consultations, timeline.V1_HELD, strict=True)
    ):
        held_on = calendar.day(days_before)
        recorded = calendar.next_office(calendar.at(held_on, END_OF_DAY), "recorded", index)
        consultation = consultation_record(
            consultation=consultation,
            result=RESULT_OF_ROLE[consultation.role],
            held_on=held_on,
            decision_text=demo_data.DECISION_NOTE,
            agenda_item=f"TOP {consultation.step + 3} (Beispiel)",
            now=recorded,
        )
        stamp(consultation, presented, recorded)
    return recorded


RESULT_OF_ROLE = {
    ConsultationRole.PRELIMINARY: ConsultationResult.RECOMMENDED,
    ConsultationRole.INFORMATION: ConsultationResult.NOTED,
    ConsultationRole.DECISION: ConsultationResult.DECIDED,
}


def demo_versions_create(
    *,
    concept: Concept,
    officer: AbstractBaseUser,
    members: list[AbstractBaseUser],
    memberships: dict[int, Membership],
    measures: dict[int, Measure],
    calendar: DemoCalendar,
) -> None:
    """Version 1 through the whole process (in the past), version 2 in consultation now."""
    demo_committees_load(concept=concept)
    first, adopted = _first_version_create(
        concept=concept,
        officer=officer,
        members=members,
        memberships=memberships,
        measures=measures,
        calendar=calendar,
    )
    _second_version_create(
        first=first,
        adopted=adopted,
        officer=officer,
        members=members,
        memberships=memberships,
        measures=measures,
        calendar=calendar,
    )


def _first_version_create(
    *,
    concept: Concept,
    officer: AbstractBaseUser,
    members: list[AbstractBaseUser],
    memberships: dict[int, Membership],
    measures: dict[int, Measure],
    calendar: DemoCalendar,
) -> tuple[ConceptVersion, list[Amendment]]:
    """Version 1 from consultation to approval, and the amendments it adopted (the next
    version incorporates them). Its own times are set before it is frozen."""
    created = calendar.office(timeline.V1_CREATED, "v1-created")
    first = version_create(concept=concept, title="Erster Entwurf (Beispiel)", is_example=True)
    stamp(first, created)
    sections = _sections_create(version=first, specs=demo_data.SECTIONS_V1)
    _sections_written(list(sections.values()), created, "v1-sections")
    _cite(sections=sections, specs=demo_data.SECTIONS_V1, measures=measures)
    start_day = calendar.day(timeline.V1_CONSULTATION_START)
    start = calendar.at(start_day, CONSULTATION_START_TIME)
    ends = calendar.at(start_day + timeline.V1_CONSULTATION_DAYS * DAY, END_OF_DAY)
    _transition(first, VersionStatus.CONSULTATION, consultation_ends_at=ends, now=start)
    decided = []
    for index, (spec, span) in enumerate(
        zip(demo_data.AMENDMENTS_V1, timeline.V1_SUBMITTED, strict=True)
    ):
        key = f"v1-amendment-{index}"
        amendment = _amendment_add(
            spec=spec,
            sections=sections,
            members=members,
            memberships=memberships,
            at=calendar.evening(span, key),
            key=key,
        )
        decided.append((amendment, spec))
    # Closed by the nightly job just after the deadline.
    _transition(first, VersionStatus.CONSULTATION_CLOSED, now=ends + 6 * MINUTE)
    adopted = _amendments_decide(decided, officer=officer, members=members, calendar=calendar)
    approved = _through_the_bodies(first, calendar=calendar)
    ConceptVersion.objects.filter(pk=first.pk).update(updated_at=approved)
    return first, adopted


def _sections_written(sections: list[Section], start: dt.datetime, key: str) -> None:
    """The officer wrote the sections one after the other."""
    moment = start
    for index, section in enumerate(sorted(sections, key=lambda s: s.position)):
        moment += dt.timedelta(minutes=rng(key, index).randint(6, 25))
        section.created_at = section.updated_at = moment
    Section.objects.bulk_update(sections, ["created_at", "updated_at"])


def _amendments_decide(
    decided: list[tuple[Amendment, dict]],
    *,
    officer: AbstractBaseUser,
    members: list[AbstractBaseUser],
    calendar: DemoCalendar,
) -> list[Amendment]:
    """Each amendment withdrawn or decided as its spec says, each on its own working day;
    returns the adopted ones."""
    adopted = []
    for index, (amendment, spec) in enumerate(decided):
        key = f"v1-amendment-{index}"
        if spec["outcome"] == AmendmentStatus.WITHDRAWN:
            amendment = amendment_withdraw(amendment=amendment, by=members[spec["author"]])
            # Withdrawn by the author on an evening soon after submitting it.
            later = rng("withdrawn", key).randint(1, 2) * DAY
            withdrawn = (
                amendment.submitted_at + later + rng("withdrawn", key).randint(5, 90) * MINUTE
            )
            stamp(amendment, amendment.created_at, withdrawn)
            continue
        at = calendar.office(calendar.between(timeline.V1_DECIDED, "decided", key), "decided", key)
        amendment_review_start(amendment=amendment, by=officer)
        amendment = amendment_decide(
            amendment=amendment,
            by=officer,
            status=spec["outcome"],
            reasoning=spec["reasoning"],
            adopted_text=spec["adopted_text"],
            now=at,
        )
        stamp(amendment, amendment.created_at, at)
        if spec["outcome"] in (AmendmentStatus.ACCEPTED, AmendmentStatus.PARTIALLY_ACCEPTED):
            adopted.append(amendment)
    return adopted


def _second_version_create(
    *,
    first: ConceptVersion,
    adopted: list[Amendment],
    officer: AbstractBaseUser,
    members: list[AbstractBaseUser],
    memberships: dict[int, Membership],
    measures: dict[int, Measure],
    calendar: DemoCalendar,
) -> None:
    """Version 2, edited from version 1 with its adopted amendments, in consultation now."""
    created = calendar.office(timeline.V2_CREATED, "v2-created")
    second = version_create_next(version=first, title=demo_data.V2_TITLE, now=created)
    stamp(second, created)
    new_sections = _second_version_edit(version=second, calendar=calendar, created=created)
    _cite(sections=new_sections, specs=[demo_data.V2_NEW], measures=measures)
    for index, amendment in enumerate(adopted):
        amendment = amendment_incorporate(amendment=amendment, into=second)
        worked_in = calendar.office(
            calendar.between(timeline.V2_EDITED, "worked-in", index), "worked-in", index
        )
        stamp(amendment, amendment.created_at, worked_in)
    start = calendar.at(calendar.day(timeline.V2_CONSULTATION_START), CONSULTATION_START_TIME)
    ends = calendar.at(calendar.anchor + timeline.V2_CONSULTATION_ENDS * DAY, END_OF_DAY)
    _transition(second, VersionStatus.CONSULTATION, consultation_ends_at=ends, now=start)
    ConceptVersion.objects.filter(pk=second.pk).update(updated_at=start)
    for index, (spec, span) in enumerate(
        zip(demo_data.AMENDMENTS_V2, timeline.V2_SUBMITTED, strict=True)
    ):
        key = f"v2-amendment-{index}"
        amendment = _amendment_add(
            spec=spec,
            sections=new_sections,
            members=members,
            memberships=memberships,
            at=calendar.evening(span, key),
            key=key,
        )
        if spec["outcome"] == AmendmentStatus.IN_REVIEW:
            amendment = amendment_review_start(amendment=amendment, by=officer)
            reviewed = calendar.next_office(amendment.submitted_at, "review", key)
            stamp(amendment, amendment.created_at, reviewed)


def _second_version_edit(
    *, version: ConceptVersion, calendar: DemoCalendar, created: dt.datetime
) -> dict[str, Section]:
    """Edit, remove and insert sections of the new draft through the section services; keys
    stay stable. Each edit on its own day; what was renumbered changed with the insertion."""
    copied = created + rng("v2-copied").randint(1, 3) * MINUTE
    sections = {s.key: s for s in version.sections.in_order()}
    positions = {key: s.position for key, s in sections.items()}
    changed: dict[str, dt.datetime] = {}
    for index, (key, change) in enumerate(demo_data.V2_EDITS.items()):
        section_update(section=sections[key], **change)
        at = calendar.office(calendar.between(timeline.V2_EDITED, "edit", index), "edit", key)
        changed[key] = at
    section_delete(section=sections.pop(demo_data.V2_REMOVED))
    spec = demo_data.V2_NEW
    section_create(
        version=version,
        after=version.sections.get(key=spec["after"]),
        key=spec["key"],
        level=spec["level"],
        number=spec["number"],
        title=spec["title"],
        body=spec["body"],
        easy_language_summary=spec["easy"],
    )
    restructured = calendar.office(timeline.V2_EDITED[0], "restructured")
    result = {s.key: s for s in version.sections.in_order()}
    for key, section in result.items():
        section.created_at = restructured if key == spec["key"] else copied
        moved = key == spec["key"] or positions.get(key) != section.position
        section.updated_at = changed.get(key) or (restructured if moved else copied)
    Section.objects.bulk_update(result.values(), ["created_at", "updated_at"])
    return result
