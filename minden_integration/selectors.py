"""Cross-app reads for pages that are not about one version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count

from concept.models import Concept, ConceptVersion
from workgroups.models import WorkingGroup


def current_concept() -> Concept | None:
    return (
        Concept.objects.filter(slug=settings.PORTAL_CONCEPT_SLUG).first()
        or Concept.objects.order_by("pk").first()
    )


def home_context() -> dict[str, Any]:
    concept = current_concept()
    if concept is None:
        return {"concept": None, "groups": [], "version": None}
    groups = WorkingGroup.objects.for_concept(concept).annotate(
        session_count=Count("sessions", distinct=True),
        measure_count=Count("measures", distinct=True),
    )
    return {
        "concept": concept,
        "groups": groups,
        "version": ConceptVersion.objects.filter(concept=concept).current(),
    }
