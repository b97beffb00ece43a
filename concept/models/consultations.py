"""The Beratungsfolge: a version's way through the bodies, one Beratung at a time.

As a council information system keeps it (OParl `Consultation`): the administration's Vorlage
with its Drucksache number goes to the bodies in a planned sequence; each Beratung has a body,
a role, a planned date and agenda item, and once held the date held and the result. Beratungen
with the same `step` run in parallel; the deciding Beratung comes last. The version's status
follows from the results through `RESULT_MOVES` in `concept.models.moves`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from concept.models.concept import Body
from concept.models.moves import ConsultationResult, ConsultationRole
from concept.models.versions import ConceptVersion
from minden_integration.core.models import ContentQuerySet, TimeStampedModel


class ConsultationQuerySet(ContentQuerySet):
    def in_order(self):
        return self.select_related("body").order_by("step", "body__position", "pk")

    def held(self):
        return self.exclude(result="")

    def planned(self):
        return self.filter(result="")


class Consultation(TimeStampedModel):
    version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Version"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("Gremium"), on_delete=models.PROTECT, related_name="consultations"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=ConsultationRole.choices)
    step = models.PositiveSmallIntegerField(
        _("Schritt"),
        help_text=_("Beratungen mit derselben Schrittnummer finden parallel statt."),
    )
    planned_on = models.DateField(_("geplant am"), null=True, blank=True)
    agenda_item = models.CharField(
        _("Tagesordnungspunkt"), max_length=50, blank=True, help_text=_("z. B. „TOP 5“")
    )
    agenda_item_url = models.URLField(
        _("Tagesordnungspunkt im Ratsinformationssystem"), max_length=500, blank=True
    )
    held_on = models.DateField(_("beraten am"), null=True, blank=True)
    # Only for Beratungen of the past whose day is not known (the demo's first version).
    held_text = models.CharField(_("beraten (Zeitangabe)"), max_length=100, blank=True)
    result = models.CharField(
        _("Ergebnis"), max_length=20, choices=ConsultationResult.choices, blank=True
    )
    decision_text = models.TextField(
        _("Beschlusstext"),
        blank=True,
        help_text=_("Bei „geändert beschlossen“: was der Rat geändert hat."),
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("folgt auf"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_by",
        help_text=_("Die Beratung, die hierher verwiesen oder vertagt hat."),
    )
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    history = HistoricalRecords(
        verbose_name=_("Änderung einer Beratung"),
        verbose_name_plural=_("Änderungen von Beratungen"),
    )
    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beratung")
        verbose_name_plural = _("Beratungen")
        ordering = ["version", "step", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result="") | Q(held_on__isnull=False) | ~Q(held_text=""),
                name="consultation_held_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(result="") | (Q(held_on__isnull=True) & Q(held_text="")),
                name="consultation_planned_not_held",
            ),
            models.CheckConstraint(
                condition=Q(result__in=["", *ConsultationResult.values]),
                name="consultation_result_valid",
            ),
            models.CheckConstraint(
                condition=Q(role__in=ConsultationRole.values), name="consultation_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.get_role_display()}"

    @property
    def is_held(self) -> bool:
        return bool(self.result)

    @property
    def held_label(self) -> str:
        if self.held_on:
            return date_format(self.held_on, "SHORT_DATE_FORMAT")
        return self.held_text

    @property
    def planned_label(self) -> str:
        return date_format(self.planned_on, "SHORT_DATE_FORMAT") if self.planned_on else ""
