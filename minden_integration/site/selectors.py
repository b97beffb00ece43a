"""Cross-app reads for pages that are not about one version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone

from concept.beratungsfolge import process_timeline
from concept.models import Concept, ConceptVersion
from concept.selectors import open_consultation
from measures.models import Measure, MeasureStatus
from minden_integration.site.models import AccessibilityFeedback
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
    # The concept's total as reported ("rund 50"); else the groups' figures added up, but only
    # when every group has one: a sum of some groups is no total.
    participants = concept.participant_count
    if participants is None and groups:
        figures = [g.participant_figure(g.listed_count) for g in groups]
        if None not in figures:
            participants = sum(figures) or None
    return {
        "concept": concept,
        "groups": groups,
        "version": ConceptVersion.objects.filter(concept=concept).current(),
        # What members can do now, shown first; nothing once the deadline has passed.
        "consultation": open_consultation(concept),
        # The milestones and the held Beratungen, each on its own date.
        "timeline": process_timeline(concept),
        "figures": {
            "groups": len(groups),
            "sessions": sessions["total"],
            "rounds": sessions["rounds"] or 0,
            "participants": participants,
            "participants_approximate": concept.participant_count is not None
            and concept.participant_count_approximate,
            "measures": measures["total"],
        },
        "measures_by_status": [
            {"status": status, "label": status.label, "count": by_status.get(status.value, 0)}
            for status in MeasureStatus
        ],
        "shows_examples": measures["examples"] > 0,
    }


def open_feedback(*, now: dt.datetime | None = None) -> list[AccessibilityFeedback]:
    """The accessibility feedback still owed a reply, the most urgent first, each with
    `age_days` (since it came in), `due_on` and `overdue` (the due day has passed). One query."""
    today = timezone.localdate(now or timezone.now())
    rows = list(
        AccessibilityFeedback.objects.open()
        .only("pk", "created_at", "message", "page_url", "status", "answer_due_on", "email")
        .order_by("created_at", "pk")
    )
    for feedback in rows:
        feedback.age_days = (today - timezone.localdate(feedback.created_at)).days
        feedback.overdue = feedback.is_overdue(today)
    rows.sort(key=lambda feedback: feedback.due_on)
    return rows
