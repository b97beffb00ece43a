"""What `measures` adds to a version's document, and carries into the next version."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch

from concept.models import ConceptVersion
from measures.models import Goal, Measure, Recommendation
from minden_integration.core.generation import generation_bump


def contribute(version: ConceptVersion) -> dict[str, Any]:
    measures = Measure.objects.for_concept(version.concept_id).for_opendata(version)
    return measures_part(version.concept_id, measures.order_by("number"))


def measures_part(concept_id: int, measures: Iterable[Measure]) -> dict[str, Any]:
    """Goals, measures and recommendations in the document's shape. `measures` come in their
    own order, prepared by `for_opendata`: also the live open data reads them here."""
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
        "measures": [measure_data(measure) for measure in measures],
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


def measure_data(measure: Measure) -> dict[str, Any]:
    return {
        "number": measure.number,
        "title": measure.title,
        "description": measure.description,
        "working_group": {"slug": measure.working_group.slug, "name": measure.working_group.name},
        "goal": measure.goal.code if measure.goal_id else None,
        "lead_organisation": measure.lead_organisation.name
        if measure.lead_organisation_id
        else None,
        "partners": sorted(org.name for org in measure.partners.all()),
        "target_groups": sorted(group.name for group in measure.target_groups.all()),
        "timeframe": measure.timeframe,
        "priority": measure.priority,
        "status": measure.status,
        "cited_in": [section.key for section in measure.cited_here],
        "recommendations": [rec.code for rec in measure.recommendations.all()],
        "is_example": measure.is_example,
    }


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
