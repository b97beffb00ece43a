"""Translations of the measures' titles and descriptions (see `concept.models.translations`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from concept.models.translations import TranslationBase
from minden_integration.core.models import ContentQuerySet


def measure_source(measure) -> dict[str, str]:
    """The German of a measure that a translation renders."""
    return {"title": measure.title, "description": measure.description}


class MeasureTranslation(TranslationBase):
    measure = models.ForeignKey(
        "measures.Measure",
        verbose_name=_("Maßnahme"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)

    objects = ContentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Übersetzung einer Maßnahme")
        verbose_name_plural = _("Übersetzungen von Maßnahmen")
        ordering = ["measure", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "language"], name="measuretranslation_unique_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} [{self.language}]"

    def current_source(self) -> dict[str, str]:
        return measure_source(self.measure)
