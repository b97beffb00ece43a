"""Cross-app reads for pages that are not about one version."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Q

from concept.beratungsfolge import process_timeline
from concept.models import Concept, ConceptVersion
from measures.models import Measure, MeasureStatus
from workgroups.models import Session, WorkingGroup


def home_context() -> dict[str, Any]:
    concept = Concept.objects.current()
    if concept is None:
        return {"concept": None}
    groups = list(WorkingGroup.objects.for_concept(concept).for_list())
    by_status = dict(
        Measure.objects.filter(concept=concept)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    measures = Measure.objects.filter(concept=concept).aggregate(
        total=Count("pk"), examples=Count("pk", filter=Q(is_example=True))
    )
    sessions = Session.objects.filter(working_group__concept=concept).aggregate(
        total=Count("pk"), rounds=Max("round")
    )
    participants = concept.participant_count
    if participants is None:
        participants = sum(g.participant_count or 0 for g in groups) or None
    return {
        "concept": concept,
        "groups": groups,
        "version": ConceptVersion.objects.filter(concept=concept).current(),
        # The milestones and the held Beratungen, each on its own date.
        "timeline": process_timeline(concept),
        "figures": {
            "groups": len(groups),
            "sessions": sessions["total"],
            "rounds": sessions["rounds"] or 0,
            "participants": participants,
            "participants_approximate": concept.participant_count_approximate,
            "measures": measures["total"],
        },
        "measures_by_status": [
            {"status": status, "label": status.label, "count": by_status.get(status.value, 0)}
            for status in MeasureStatus
        ],
        "shows_examples": measures["examples"] > 0,
    }
