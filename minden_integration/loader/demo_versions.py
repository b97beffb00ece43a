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
from minden_integration.loader import demo_data
from minden_integration.loader.demo_measures import goal_measures
from workgroups.models import Membership

DAY = dt.timedelta(days=1)


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
    now: dt.datetime,
) -> Amendment:
    author = members[spec["author"]]
    amendment = amendment_create(
        section=sections[spec["section"]],
        author=author,
        kind=spec["kind"],
        passage=spec["passage"],
        proposed_text=spec["proposed_text"],
        rationale=spec["rationale"],
        is_example=True,
        now=now,
    )
    if spec["outcome"] == AmendmentStatus.DRAFT:
        return amendment
    membership = memberships[author.pk]
    return amendment_submit(
        amendment=amendment,
        by=author,
        organisation_name=membership.organisation.name,
        working_group_name=membership.working_group.name,
        author_name=membership.public_name,
        now=now,
    )


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


def _through_the_bodies(version: ConceptVersion, *, start: dt.datetime) -> None:
    """Version 1's way through the bodies, every Beratung held and recorded in order."""
    version_present(
        version=version,
        council_paper_reference=demo_data.COUNCIL_PAPER_REFERENCE,
        presented_on=(start + 40 * DAY).date(),
        now=start + 40 * DAY,
    )
    held = {1: 50, 2: 70, 3: 100}  # days after the start, by step
    for consultation in version.consultations.in_order():
        day = start + held[consultation.step] * DAY
        consultation_record(
            consultation=consultation,
            result=RESULT_OF_ROLE[consultation.role],
            held_on=day.date(),
            decision_text=demo_data.DECISION_NOTE,
            agenda_item=f"TOP {consultation.step + 3} (Beispiel)",
            now=day,
        )


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
    now: dt.datetime,
) -> None:
    """Version 1 through the whole process (in the past), version 2 in consultation now."""
    demo_committees_load(concept=concept)
    first, adopted = _first_version_create(
        concept=concept,
        officer=officer,
        members=members,
        memberships=memberships,
        measures=measures,
        start=now - 400 * DAY,
    )
    _second_version_create(
        first=first,
        adopted=adopted,
        officer=officer,
        members=members,
        memberships=memberships,
        measures=measures,
        now=now,
    )


def _first_version_create(
    *,
    concept: Concept,
    officer: AbstractBaseUser,
    members: list[AbstractBaseUser],
    memberships: dict[int, Membership],
    measures: dict[int, Measure],
    start: dt.datetime,
) -> tuple[ConceptVersion, list[Amendment]]:
    """Version 1 from consultation to approval, and the amendments it adopted (the next
    version incorporates them)."""
    first = version_create(concept=concept, title="Erster Entwurf (Beispiel)", is_example=True)
    sections = _sections_create(version=first, specs=demo_data.SECTIONS_V1)
    _cite(sections=sections, specs=demo_data.SECTIONS_V1, measures=measures)
    _transition(first, VersionStatus.CONSULTATION, consultation_ends_at=start + 28 * DAY, now=start)
    decided = []
    for offset, spec in enumerate(demo_data.AMENDMENTS_V1, start=3):
        amendment = _amendment_add(
            spec=spec,
            sections=sections,
            members=members,
            memberships=memberships,
            now=start + offset * DAY,
        )
        decided.append((amendment, spec))
    _transition(first, VersionStatus.CONSULTATION_CLOSED, now=start + 28 * DAY)
    adopted = _amendments_decide(decided, officer=officer, members=members, now=start + 32 * DAY)
    _through_the_bodies(first, start=start)
    return first, adopted


def _amendments_decide(
    decided: list[tuple[Amendment, dict]],
    *,
    officer: AbstractBaseUser,
    members: list[AbstractBaseUser],
    now: dt.datetime,
) -> list[Amendment]:
    """Each amendment withdrawn or decided as its spec says; returns the adopted ones."""
    adopted = []
    for amendment, spec in decided:
        if spec["outcome"] == AmendmentStatus.WITHDRAWN:
            amendment_withdraw(amendment=amendment, by=members[spec["author"]])
            continue
        amendment_review_start(amendment=amendment, by=officer)
        amendment_decide(
            amendment=amendment,
            by=officer,
            status=spec["outcome"],
            reasoning=spec["reasoning"],
            adopted_text=spec["adopted_text"],
            now=now,
        )
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
    now: dt.datetime,
) -> None:
    """Version 2, edited from version 1 with its adopted amendments, in consultation now."""
    second = version_create_next(version=first, title=demo_data.V2_TITLE, now=now - 30 * DAY)
    new_sections = _second_version_edit(version=second)
    _cite(sections=new_sections, specs=[demo_data.V2_NEW], measures=measures)
    for amendment in adopted:
        amendment_incorporate(amendment=amendment, into=second)
    _transition(second, VersionStatus.CONSULTATION, consultation_ends_at=now + 56 * DAY, now=now)
    for spec in demo_data.AMENDMENTS_V2:
        amendment = _amendment_add(
            spec=spec,
            sections=new_sections,
            members=members,
            memberships=memberships,
            now=now,
        )
        if spec["outcome"] == AmendmentStatus.IN_REVIEW:
            amendment_review_start(amendment=amendment, by=officer)


def _second_version_edit(*, version: ConceptVersion) -> dict[str, Section]:
    """Edit, remove and insert sections of the new draft through the section services; keys
    stay stable."""
    sections = {s.key: s for s in version.sections.in_order()}
    for key, change in demo_data.V2_EDITS.items():
        section_update(section=sections[key], **change)
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
    return {s.key: s for s in version.sections.in_order()}
