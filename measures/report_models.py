"""The annual implementation report (Umsetzungsbericht): issued once per closed year, corrected
only by issuing a numbered "berichtigte Fassung" beside it.

Each edition keeps the content it was issued with (canonical JSON, like a frozen version's
snapshot), so its page and its files never change; the files are recorded with their SHA-256
and SHA-512 and found by the authenticity check (`/echtheit/`) like the concept's.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concept.models import Body, Concept
from minden_integration.core.models import ContentModel, ContentQuerySet, TimeStampedModel


class ImplementationReportQuerySet(ContentQuerySet):
    def for_year(self, concept: Concept | None, year: int):
        return self.filter(concept=concept, year=year)

    def latest_first(self):
        return self.order_by("-year", "-edition")


class ImplementationReport(ContentModel):
    """One edition of a year's report: the first (edition 0) or the n-th berichtigte Fassung."""

    concept = models.ForeignKey(
        Concept,
        verbose_name=_("Konzept"),
        on_delete=models.PROTECT,
        related_name="implementation_reports",
    )
    year = models.PositiveSmallIntegerField(_("Berichtsjahr"))
    edition = models.PositiveSmallIntegerField(
        _("Fassung"), default=0, help_text=_("0: erste Fassung; 1, 2, …: berichtigte Fassungen.")
    )
    correction_note = models.TextField(
        _("Was wurde berichtigt?"),
        blank=True,
        help_text=_("Pflicht bei einer berichtigten Fassung; wird im Bericht abgedruckt."),
    )
    # Canonical JSON (sorted keys, fixed separators, UTF-8) of what the edition reports.
    content = models.TextField(_("Inhalt"), editable=False)
    issued_at = models.DateTimeField(_("herausgegeben am"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("herausgegeben von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ImplementationReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Umsetzungsbericht")
        verbose_name_plural = _("Umsetzungsberichte")
        ordering = ["concept", "-year", "-edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "year", "edition"], name="implementation_report_edition_once"
            ),
            models.CheckConstraint(
                condition=Q(edition=0) | ~Q(correction_note=""),
                name="implementation_report_correction_named",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def title(self) -> str:
        from measures.report import edition_title

        return edition_title(self.year, self.edition)

    @property
    def data(self) -> dict[str, Any]:
        return json.loads(self.content)

    def get_absolute_url(self) -> str:
        return reverse("reports:report-edition", args=[self.year, self.edition])


class ImplementationReportFile(ContentModel):
    """A file of one edition, rendered once by the task worker, stored and recorded."""

    report = models.ForeignKey(
        ImplementationReport,
        verbose_name=_("Umsetzungsbericht"),
        on_delete=models.PROTECT,
        related_name="files",
    )
    format = models.CharField(_("Format"), max_length=10)
    file = models.FileField(_("Datei"), upload_to="issued/", max_length=300)
    mime_type = models.CharField(_("MIME-Typ"), max_length=100)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    sha512 = models.CharField(_("SHA-512"), max_length=128, db_index=True)
    created_at = models.DateTimeField(_("ausgestellt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("ausgestellte Datei eines Umsetzungsberichts")
        verbose_name_plural = _("ausgestellte Dateien von Umsetzungsberichten")
        ordering = ["report", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "format"], name="implementation_report_file_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.format.upper()})"

    def get_absolute_url(self) -> str:
        return reverse(
            "reports:report-download", args=[self.report.year, self.report.edition, self.format]
        )


class ImplementationReportConsultation(TimeStampedModel):
    """A body takes note of an edition (Kenntnisnahme): the report's way through the bodies
    of the concept's usual Beratungsfolge, in OParl the Paper's Consultations."""

    report = models.ForeignKey(
        ImplementationReport,
        verbose_name=_("Umsetzungsbericht"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("Gremium"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    held_on = models.DateField(_("zur Kenntnis genommen am"), null=True, blank=True)
    agenda_item = models.CharField(_("Tagesordnungspunkt"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("Kenntnisnahme eines Umsetzungsberichts")
        verbose_name_plural = _("Kenntnisnahmen von Umsetzungsberichten")
        ordering = ["report", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "body"], name="implementation_report_consultation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.body}"
