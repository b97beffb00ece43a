"""`factor` times the demo data: measures, sessions, sections, members, amendments, versions.

Used by the benchmarks only (`make bench`, `make load`); the tests build their data with
factories. Deterministic: every choice comes from one generator seeded with `seed`, so two runs
grow the same rows (only the timestamps follow the clock). Bulk inserts where the rows carry no
rule (measures, sessions, sections); the services where they do (amendments, versions), so that
statuses, numbers, freezing and snapshots are what the portal itself would have written.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from concept.derived import sections_derive
from concept.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Concept,
    ConceptVersion,
    Section,
    VersionStatus,
)
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_review_start,
    amendment_submit,
    amendment_withdraw,
    section_update,
    version_create_next,
    version_transition,
)
from measures.models import (
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    Priority,
    ProgressUpdate,
    Timeframe,
)
from measures.search_index import measures_search_refresh
from minden_integration.roles import MEMBER
from workgroups.models import Membership, Session

# What becomes of the added amendments, in this proportion (out of 20).
AMENDMENT_FATES = (
    [AmendmentStatus.DRAFT] * 2
    + [AmendmentStatus.SUBMITTED] * 6
    + [AmendmentStatus.IN_REVIEW] * 3
    + [AmendmentStatus.ACCEPTED] * 3
    + [AmendmentStatus.PARTIALLY_ACCEPTED] * 2
    + [AmendmentStatus.REJECTED] * 2
    + [AmendmentStatus.WITHDRAWN] * 2
)
DEMO_MEMBER_USERS = 3
DEMO_AMENDMENTS = 8
DEMO_VERSIONS = 2


@transaction.atomic
def scale_demo(factor: int = 10, *, seed: int = 2011) -> dict[str, int]:
    """Grow the loaded demo data `factor` times; returns what there is now."""
    if factor <= 1:
        return counts()
    rng = random.Random(seed)
    concept = Concept.objects.current()
    consulting = ConceptVersion.objects.get(concept=concept, status=VersionStatus.CONSULTATION)
    # Versions first: the frozen ones keep the measures of their time (the demo's), as a
    # concept's older versions would.
    steps = [
        ("versions", lambda: versions_grow(concept, factor, rng)),
        ("sessions", lambda: sessions_grow(concept, factor)),
        ("measures", lambda: grown.update(measures=measures_grow(concept, factor, rng))),
        ("indicators", lambda: indicators_grow(grown["measures"], rng)),
        ("sections", lambda: sections_grow(consulting, factor, grown["measures"], rng)),
        ("members", lambda: grown.update(members=members_grow(concept, factor, rng))),
        ("amendments", lambda: amendments_grow(consulting, factor, grown["members"], rng)),
        # bulk_create bypasses the services, which write a section's derived rows with it.
        ("derived", lambda: sections_derive(Section.objects.filter(version__concept=concept))),
    ]
    grown: dict = {}
    for name, step in steps:
        started = time.perf_counter()
        step()
        timings[name] = time.perf_counter() - started
    return counts()


def counts() -> dict[str, int]:
    concept = Concept.objects.current()
    consulting = ConceptVersion.objects.filter(
        concept=concept, status=VersionStatus.CONSULTATION
    ).first()
    versions = ConceptVersion.objects.filter(concept=concept)
    return {
        "measures": Measure.objects.filter(concept=concept).count(),
        "sessions": Session.objects.filter(working_group__concept=concept).count(),
        "consulting_version": consulting.number if consulting else 0,
        "sections_in_consultation": consulting.sections.count() if consulting else 0,
        "versions": versions.count(),
        "frozen_versions": versions.filter(frozen_at__isnull=False).count(),
        "members": Membership.objects.filter(
            working_group__concept=concept, user__isnull=False
        ).count(),
        "amendments": sum(v.amendments.count() for v in versions),
    }


def indicators_grow(measures: list[Measure], rng: random.Random) -> None:
    """An indicator for every fifth added measure, most with a value on its update: the
    bullet charts of /umsetzung/ at scale."""
    chosen = measures[::5]
    indicators = Indicator.objects.bulk_create(
        Indicator(
            measure=m,
            name="Teilnehmende in Sprachkursen",
            unit="Personen",
            baseline=0,
            target=rng.choice([20, 50, 100]),
            is_example=True,
        )
        for m in chosen
    )
    updates = dict(
        ProgressUpdate.objects.filter(measure__in=chosen).values_list("measure_id", "pk")
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator,
            update_id=updates[indicator.measure_id],
            value=rng.randrange(int(indicator.target) + 10),
        )
        for indicator in indicators
        if indicator.measure_id in updates and rng.random() < 0.8
    )


def sessions_grow(concept: Concept, factor: int) -> None:
    sessions = []
    for group in concept.working_groups.all():
        top = group.sessions.order_by("-round").first().round
        for round_number in range(top + 1, top * factor + 1):
            sessions.append(
                Session(
                    working_group=group,
                    round=round_number,
                    date_text="Beispiel",
                    agenda=f"Beispiel-Tagesordnung {round_number}: Sprachförderung, Ausbildung",
                    minutes="Beispielprotokoll " * 20,
                    minutes_public=round_number % 2 == 0,
                    is_example=True,
                )
            )
    Session.objects.bulk_create(sessions)


def measures_grow(concept: Concept, factor: int, rng: random.Random) -> list[Measure]:
    organisations = list(
        Measure.objects.filter(concept=concept, lead_organisation__isnull=False)
        .values_list("lead_organisation", flat=True)
        .distinct()
        .order_by("lead_organisation")
    )
    target_groups = list(
        Measure.target_groups.through.objects.values_list("targetgroup_id", flat=True)
        .distinct()
        .order_by("targetgroup_id")
    )
    recommendations = list(concept.recommendations.order_by("pk"))
    existing = list(Measure.objects.filter(concept=concept).order_by("number"))
    number = existing[-1].number
    new_measures = []
    for copy in range(1, factor):
        for template in existing:
            number += 1
            new_measures.append(
                Measure(
                    concept=concept,
                    number=number,
                    title=f"{template.title} ({copy + 1})",
                    description=template.description,
                    working_group=template.working_group,
                    goal=template.goal,
                    lead_organisation_id=rng.choice(organisations) if organisations else None,
                    timeframe=rng.choice(Timeframe.values),
                    priority=rng.choice(Priority.values),
                    status=rng.choice(MeasureStatus.values),
                    is_example=True,
                )
            )
    created = Measure.objects.bulk_create(new_measures)
    Through = Measure.target_groups.through
    if target_groups:
        Through.objects.bulk_create(
            Through(measure_id=m.pk, targetgroup_id=rng.choice(target_groups)) for m in created
        )
    if recommendations:
        RecThrough = recommendations[0].measures.through
        RecThrough.objects.bulk_create(
            RecThrough(recommendation_id=rng.choice(recommendations).pk, measure_id=m.pk)
            for m in created
        )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            measure=m,
            date=dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(3000)),
            status=m.status,
            note="Beispielbericht",
            is_example=True,
        )
        for m in created
    )
    # bulk_create sends no signals: the new measures get their search data here.
    measures_search_refresh(measures=created)
    return created


def sections_grow(
    version: ConceptVersion, factor: int, measures: list[Measure], rng: random.Random
) -> None:
    """More sections in the version in consultation (not frozen, so rows may be added), and
    the new measures cite them."""
    sections = list(version.sections.order_by("position"))
    position = sections[-1].position
    new_sections = []
    for copy in range(1, factor):
        for section in sections:
            position += 1
            new_sections.append(
                Section(
                    version=version,
                    key=f"{section.key}-{copy}",
                    position=position,
                    level=section.level,
                    number=f"{section.number}.{copy}",
                    title=f"{section.title} ({copy + 1})",
                    body=section.body,
                    easy_language_summary=section.easy_language_summary,
                )
            )
    Section.objects.bulk_create(new_sections)
    Cite = Measure.cited_sections.through
    all_sections = list(version.sections.order_by("pk").values_list("pk", flat=True))
    Cite.objects.bulk_create(
        (Cite(measure_id=m.pk, section_id=rng.choice(all_sections)) for m in measures),
        ignore_conflicts=True,
    )


def members_grow(concept: Concept, factor: int, rng: random.Random) -> list[Membership]:
    """Accounts for participants of the working groups who had none, round the groups; half
    consent to be named. Returns every membership with an account."""
    role = Group.objects.get(name=MEMBER)
    free = {
        group.pk: list(group.memberships.filter(user__isnull=True).order_by("pk"))
        for group in concept.working_groups.order_by("position")
    }
    wanted = DEMO_MEMBER_USERS * (factor - 1)
    User = get_user_model()
    made = 0
    while made < wanted and any(free.values()):
        for memberships in free.values():
            if not memberships or made >= wanted:
                continue
            membership = memberships.pop(0)
            made += 1
            user = User.objects.create(
                username=f"bench.mitglied{made}@minden.invalid",
                email=f"bench.mitglied{made}@minden.invalid",
                first_name="Bench",
                last_name=f"Mitglied {made}",
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(role)
            membership.user = user
            membership.consent_to_name = rng.random() < 0.5
            membership.name = f"Bench Mitglied {made}" if membership.consent_to_name else ""
            membership.save(update_fields=["user", "consent_to_name", "name", "updated_at"])
    return list(
        Membership.objects.filter(working_group__concept=concept, user__isnull=False)
        .select_related("user", "working_group", "organisation")
        .order_by("pk")
    )


def amendments_grow(
    version: ConceptVersion, factor: int, memberships: list[Membership], rng: random.Random
) -> None:
    """Proposals by the members to sections of the version in consultation, through the
    services, in every status; decided by the demo's officer."""
    decided = (
        Amendment.objects.filter(version__concept=version.concept, decided_by__isnull=False)
        .select_related("decided_by")
        .first()
    )
    officer = decided.decided_by
    sections = list(version.sections.order_by("position"))
    started = version.status_changed_at or (timezone.now() - dt.timedelta(days=14))
    span = max((timezone.now() - started).total_seconds() - 3600, 60)
    moments = sorted(
        started + dt.timedelta(seconds=rng.uniform(0, span))
        for _ in range(DEMO_AMENDMENTS * (factor - 1))
    )
    for index, at in enumerate(moments):
        membership = memberships[rng.randrange(len(memberships))]
        section = sections[rng.randrange(len(sections))]
        fate = rng.choice(AMENDMENT_FATES)
        kind = rng.choice(AmendmentKind.values)
        amendment = amendment_create(
            section=section,
            author=membership.user,
            kind=kind,
            passage=section.body[:300],
            proposed_text=f"Beispiel-Vorschlag {index + 1}: " + "Sprachförderung ausbauen. " * 3,
            rationale=f"Beispiel-Begründung {index + 1} der Arbeitsgruppe.",
            is_example=True,
            now=at,
        )
        if fate == AmendmentStatus.DRAFT:
            continue
        amendment = amendment_submit(
            amendment=amendment,
            by=membership.user,
            working_group_name=membership.working_group.name,
            organisation_name=membership.organisation.name if membership.organisation_id else "",
            author_name=membership.public_name,
            now=at,
        )
        if fate == AmendmentStatus.WITHDRAWN:
            amendment_withdraw(amendment=amendment, by=membership.user)
        elif fate == AmendmentStatus.IN_REVIEW:
            amendment_review_start(amendment=amendment, by=officer)
        elif fate != AmendmentStatus.SUBMITTED:
            amendment_decide(
                amendment=amendment,
                by=officer,
                status=fate,
                reasoning=f"Beispiel-Entscheidung zu Vorschlag {index + 1}.",
                adopted_text="Übernommene Fassung (Beispiel)."
                if fate == AmendmentStatus.PARTIALLY_ACCEPTED
                else "",
                now=at + dt.timedelta(minutes=30),
            )


def versions_grow(concept: Concept, factor: int, rng: random.Random) -> None:
    """Further versions drafted from the approved one, each edited and presented to the bodies
    (frozen), and the next draft after them: comparisons between frozen versions exist, and
    the list of versions grows. The version in consultation stays as it is."""
    approved = ConceptVersion.objects.get(concept=concept, status=VersionStatus.APPROVED)
    previous = approved
    extra = DEMO_VERSIONS * factor - DEMO_VERSIONS
    today = timezone.localdate()
    for index in range(extra):
        draft = version_create_next(version=previous, title=f"Fortschreibung {index + 1} (Bench)")
        sections = list(draft.sections.order_by("position"))
        for section in rng.sample(sections, k=min(3, len(sections))):
            section_update(
                section=section,
                body=section.body + f"\n\nErgänzt in der Fortschreibung {index + 1}.",
            )
        if index == extra - 1:
            break  # the officer's working draft: shown to staff only
        previous = version_transition(
            version=draft,
            to=VersionStatus.COUNCIL_REVIEW,
            council_paper_reference=f"Bench-Drucksache {index + 1}",
            presented_on=today,
        )


# Seconds per step of the last scale_demo, for the benchmarks' header.
timings: dict[str, float] = {}
