"""View mixins every app's public pages share."""

from __future__ import annotations

from django.http import Http404
from django.utils.functional import cached_property

from concept.models import Concept


class CurrentConceptMixin:
    """The concept this deployment serves; public pages show only its content."""

    @cached_property
    def concept(self) -> Concept | None:
        return Concept.objects.current()

    def concept_or_404(self) -> Concept:
        if self.concept is None:
            raise Http404
        return self.concept
