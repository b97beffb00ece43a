"""The sections of a version, with the stable keys that tie them across versions."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from concept.models.versions import ConceptVersion
from minden_integration.core.models import ContentQuerySet, TimeStampedModel


class SectionQuerySet(ContentQuerySet):
    def in_order(self):
        return self.order_by("position")


def section_anchor(key: str) -> str:
    """The permanent anchor of a section on its version's page (cited in council papers)."""
    return f"abschnitt-{key}"


def new_section_key() -> str:
    return uuid.uuid4().hex[:12]


class SectionLevel(models.IntegerChoices):
    CHAPTER = 1, _("Kapitel")
    SUBCHAPTER = 2, _("Unterkapitel")
    SUBSUBCHAPTER = 3, _("Abschnitt")


class Section(TimeStampedModel):
    version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Version"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    key = models.SlugField(
        _("Stabiler Schlüssel"),
        max_length=64,
        default=new_section_key,
        help_text=_("Bleibt beim Fortschreiben gleich; damit werden Versionen verglichen."),
    )
    position = models.PositiveIntegerField(_("Position"), validators=[MinValueValidator(1)])
    level = models.PositiveSmallIntegerField(
        _("Ebene"), choices=SectionLevel.choices, default=SectionLevel.CHAPTER
    )
    number = models.CharField(_("Nummer"), max_length=20, help_text=_("z. B. „2.1“"))
    title = models.CharField(_("Überschrift"), max_length=300)
    body = models.TextField(_("Text (Markdown)"), blank=True)
    easy_language_summary = models.TextField(_("Zusammenfassung in Leichter Sprache"), blank=True)

    history = HistoricalRecords(
        verbose_name=_("Änderung eines Abschnitts"),
        verbose_name_plural=_("Änderungen von Abschnitten"),
    )
    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Abschnitt")
        verbose_name_plural = _("Abschnitte")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="section_unique_key"),
            models.UniqueConstraint(
                fields=["version", "position"],
                name="section_unique_position",
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="section_position_positive"),
            models.CheckConstraint(condition=Q(level__in=[1, 2, 3]), name="section_level_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def anchor(self) -> str:
        return section_anchor(self.key)

    def clean(self):
        super().clean()
        if self.version_id and self.version.is_frozen:
            raise ValidationError(
                _("Version %(number)s ist eingefroren; ihre Abschnitte sind unveränderlich.")
                % {"number": self.version.number}
            )
