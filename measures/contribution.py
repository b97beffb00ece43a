"""What `measures` adds to a version's document, and carries into the next version."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from concept.models import ConceptVersion
from measures.models import Goal, Measure, Recommendation
from minden_integration.core.generation import generation_bump


def contribute(version: ConceptVersion) -> dict[str, Any]:
    measures = Measure.objects.for_concept(version.concept_id).order_by("number")
    return measures_part(version.concept_id, measure_rows(measures, version))


def measures_part(concept_id: int, measures: list[dict[str, Any]]) -> dict[str, Any]:
    """Goals, measures (`measure_rows`) and recommendations in the document's shape: the
    version's document and the live open data read them here."""
    goals = Goal.objects.filter(concept_id=concept_id).select_related("working_group")
    recommendations = Recommendation.objects.filter(concept_id=concept_id).prefetch_related(
        Prefetch("measures", queryset=Measure.objects.order_by("number").only("pk", "number"))
    )
    return {
        "goals": [
            {
                "code": goal.code,
                "title": goal.title,
                "description": goal.description,
                "working_group": goal.working_group.slug if goal.working_group_id else None,
                "is_example": goal.is_example,
            }
            for goal in goals.order_by("code")
        ],
        "measures": measures,
        "recommendations": [
            {
                "code": rec.code,
                "title": rec.title,
                "text": rec.text,
                "measures": [m.number for m in rec.measures.all()],
                "is_example": rec.is_example,
            }
            for rec in recommendations.order_by("code")
        ],
    }


def _by_measure(rows) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for measure_id, value in rows:
        grouped.setdefault(measure_id, []).append(value)
    return grouped


def measure_rows(measures: QuerySet[Measure], version: ConceptVersion | None) -> list[dict]:
    """`measures` in their own order, in the document's shape, read as plain values in five
    queries (the relations filtered by the measures' query, not by a list of their ids).
    Model instances and prefetching cost ten times as much at 990 measures: every write renews
    the live document, so its first reader pays this."""
    columns = measures.values(
        "pk",
        "number",
        "title",
        "description",
        "working_group__slug",
        "working_group__name",
        "goal__code",
        "lead_organisation__name",
        "timeframe",
        "priority",
        "status",
        "is_example",
    )
    chosen = measures.order_by().values("pk")
    partners = _by_measure(
        Measure.partners.through.objects.filter(measure__in=chosen).values_list(
            "measure_id", "organisation__name"
        )
    )
    target_groups = _by_measure(
        Measure.target_groups.through.objects.filter(measure__in=chosen).values_list(
            "measure_id", "targetgroup__name"
        )
    )
    recommendations = _by_measure(
        Recommendation.measures.through.objects.filter(measure__in=chosen)
        .order_by("recommendation__code")
        .values_list("measure_id", "recommendation__code")
    )
    cited = _by_measure(
        Measure.cited_sections.through.objects.filter(measure__in=chosen, section__version=version)
        .order_by("section__position")
        .values_list("measure_id", "section__key")
        if version is not None
        else []
    )
    return [
        {
            "number": row["number"],
            "title": row["title"],
            "description": row["description"],
            "working_group": {
                "slug": row["working_group__slug"],
                "name": row["working_group__name"],
            },
            "goal": row["goal__code"],
            "lead_organisation": row["lead_organisation__name"],
            "partners": sorted(partners.get(row["pk"], [])),
            "target_groups": sorted(target_groups.get(row["pk"], [])),
            "timeframe": row["timeframe"],
            "priority": row["priority"],
            "status": row["status"],
            "cited_in": cited.get(row["pk"], []),
            "recommendations": recommendations.get(row["pk"], []),
            "is_example": row["is_example"],
        }
        for row in columns
    ]


def copy(old: ConceptVersion, new: ConceptVersion) -> None:
    """Carry the section citations over to the sections with the same stable key."""
    new_sections = dict(new.sections.values_list("key", "pk"))
    through = Measure.cited_sections.through
    rows = through.objects.filter(section__version=old).values_list("measure_id", "section__key")
    through.objects.bulk_create(
        [
            through(measure_id=measure_id, section_id=new_sections[key])
            for measure_id, key in rows
            if key in new_sections
        ],
        ignore_conflicts=True,
    )
    # The auto-created through model's manager is Django's, not ours.
    generation_bump()
