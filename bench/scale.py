"""Ten times the demo data: more measures, sessions, sections, progress and citations.

Used by the benchmarks only; the tests build their two data sizes with factories.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from concept.models import Concept, ConceptVersion, Section, VersionStatus
from measures.models import Measure, MeasureStatus, Priority, ProgressUpdate, Timeframe
from measures.search_index import measures_search_refresh
from workgroups.models import Session


@transaction.atomic
def scale_demo(factor: int = 10, *, seed: int = 2011) -> dict[str, int]:
    """Grow the loaded demo data `factor` times (measures, sessions, sections)."""
    rng = random.Random(seed)
    concept = Concept.objects.current()
    groups = list(concept.working_groups.all())
    organisations = list(
        Measure.objects.filter(concept=concept, lead_organisation__isnull=False)
        .values_list("lead_organisation", flat=True)
        .distinct()
    )
    target_groups = list(
        Measure.target_groups.through.objects.values_list("targetgroup_id", flat=True).distinct()
    )
    recommendations = list(concept.recommendations.all())
    existing = list(Measure.objects.filter(concept=concept).order_by("number"))
    highest = existing[-1].number

    sessions = []
    for group in groups:
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

    new_measures = []
    number = highest
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
    Through.objects.bulk_create(
        Through(measure_id=m.pk, targetgroup_id=rng.choice(target_groups))
        for m in created
        if target_groups
    )
    RecThrough = recommendations[0].measures.through if recommendations else None
    if RecThrough:
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

    # More sections in the version in consultation (not frozen, so rows may be added).
    version = ConceptVersion.objects.filter(
        concept=concept, status=VersionStatus.CONSULTATION
    ).first()
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
    all_sections = list(version.sections.values_list("pk", flat=True))
    Cite.objects.bulk_create(
        (Cite(measure_id=m.pk, section_id=rng.choice(all_sections)) for m in created),
        ignore_conflicts=True,
    )
    return {
        "measures": Measure.objects.filter(concept=concept).count(),
        "sessions": Session.objects.filter(working_group__concept=concept).count(),
        "sections_in_consultation": version.sections.count(),
    }
