"""The dated steps of the process: conferences, meetings and the bodies' decisions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from concept.models.concept import Body, Concept
from concept.models.versions import ConceptVersion
from minden_integration.core.models import ContentQuerySet, TimeStampedModel


class MilestoneKind(models.TextChoices):
    CONFERENCE = "conference", _("Konferenz")
    MEETING = "meeting", _("Sitzung")
    DECISION = "decision", _("Beschluss")
    OTHER = "other", _("Sonstiges")


class MilestoneOutcome(models.TextChoices):
    NONE = "", _("—")
    PRESENTED = "presented", _("Vorgestellt")
    CONSULTED = "consulted", _("Beraten")
    ADOPTED = "adopted", _("Verabschiedet")
    FORWARDED = "forwarded", _("Weitergeleitet")
    APPROVED = "approved", _("Beschlossen")
    RETURNED = "returned", _("Zurückverwiesen")


class MilestoneQuerySet(ContentQuerySet):
    def timeline(self):
        return self.select_related("body", "version").order_by("position", "date", "pk")


class Milestone(TimeStampedModel):
    """A dated step of the process; the date may be unknown (then `date_text`)."""

    concept = models.ForeignKey(
        Concept, verbose_name=_("Konzept"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("Titel"), max_length=300)
    kind = models.CharField(_("Art"), max_length=20, choices=MilestoneKind.choices)
    body = models.ForeignKey(
        Body,
        verbose_name=_("Gremium"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
    )
    date = models.DateField(_("Datum"), null=True, blank=True)
    date_text = models.CharField(
        _("Datum (Freitext)"),
        max_length=100,
        blank=True,
        help_text=_("Wenn das genaue Datum nicht bekannt ist, z. B. „Herbst 2010“."),
    )
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    outcome = models.CharField(
        _("Ergebnis"), max_length=20, choices=MilestoneOutcome.choices, blank=True
    )
    council_paper_reference = models.CharField(_("Drucksache"), max_length=100, blank=True)
    version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
    )
    position = models.PositiveIntegerField(
        _("Reihenfolge"), default=0, help_text=_("Sortierung, wenn das Datum unbekannt ist.")
    )
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    history = HistoricalRecords(
        verbose_name=_("Änderung eines Meilensteins"),
        verbose_name_plural=_("Änderungen von Meilensteinen"),
    )
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["concept", "position", "date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date__isnull=False) | ~Q(date_text=""),
                name="milestone_has_date_or_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_label}: {self.title}"

    @property
    def date_label(self) -> str:
        if self.date:
            return date_format(self.date, "SHORT_DATE_FORMAT")
        return self.date_text

    def clean(self):
        super().clean()
        if not self.date and not self.date_text.strip():
            raise ValidationError(
                {"date_text": _("Bitte ein Datum oder eine Zeitangabe wie „Herbst 2010“ angeben.")}
            )
        if self.body_id and self.concept_id and self.body.concept_id != self.concept_id:
            raise ValidationError({"body": _("Das Gremium gehört zu einem anderen Konzept.")})
