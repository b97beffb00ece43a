"""How far each measure has come: progress updates, their review, indicators and contacts.

One source of truth: a measure's status follows its latest *published* update, and each
indicator's current value is its latest published value (`Indicator.objects.with_current()`).
Updates waiting for review or hidden by the officer count for nothing public.
"""

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from measures.models import Measure, MeasureStatus
from minden_integration.core.models import ContentQuerySet, TimeStampedModel
from workgroups.models import Organisation


class ReviewState(models.TextChoices):
    PENDING = "pending", _("wartet auf Prüfung")
    PUBLISHED = "published", _("veröffentlicht")
    HIDDEN = "hidden", _("ausgeblendet")


class ProgressUpdateQuerySet(ContentQuerySet):
    def published(self):
        return self.filter(review=ReviewState.PUBLISHED)

    def pending(self):
        return self.filter(review=ReviewState.PENDING)

    def newest_first(self):
        return self.order_by("-date", "-pk")


class ProgressUpdate(TimeStampedModel):
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("Maßnahme"),
        on_delete=models.CASCADE,
        related_name="progress_updates",
    )
    date = models.DateField(_("Datum"))
    status = models.CharField(_("Umsetzungsstand"), max_length=20, choices=MeasureStatus.choices)
    note = models.TextField(_("Bericht"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Shown publicly instead of a name: the contact's organisation when they reported.
    reported_for = models.ForeignKey(
        Organisation,
        verbose_name=_("gemeldet für"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    review = models.CharField(
        _("Prüfung"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.PUBLISHED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geprüft von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    # Why the officer corrected or hid the update: shown publicly with it.
    public_reason = models.TextField(_("Öffentliche Begründung"), blank=True)
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    history = HistoricalRecords(
        verbose_name=_("Änderung einer Fortschrittsmeldung"),
        verbose_name_plural=_("Änderungen von Fortschrittsmeldungen"),
    )
    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("Fortschrittsmeldung")
        verbose_name_plural = _("Fortschrittsmeldungen")
        ordering = ["measure", "-date", "-pk"]
        get_latest_by = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in MeasureStatus]),
                name="progress_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(review__in=[s.value for s in ReviewState]),
                name="progress_review_valid",
            ),
        ]

    def __str__(self) -> str:
        day = date_format(self.date, "SHORT_DATE_FORMAT")
        return f"{self.measure.number}: {self.get_status_display()} ({day})"


class IndicatorQuerySet(ContentQuerySet):
    def with_current(self):
        """Each indicator with `current_value` and `current_date`: its latest published value."""
        latest = IndicatorValue.objects.filter(
            indicator=OuterRef("pk"), update__review=ReviewState.PUBLISHED
        ).order_by("-update__date", "-update__pk")
        return self.annotate(
            current_value=Subquery(latest.values("value")[:1]),
            current_date=Subquery(latest.values("update__date")[:1]),
        )


class Indicator(TimeStampedModel):
    """What a measure counts toward, e.g. „Sprachkurse: 12 von 20“."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("Maßnahme"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    unit = models.CharField(_("Einheit"), max_length=50, help_text=_("z. B. „Kurse“, „%“"))
    baseline = models.DecimalField(_("Ausgangswert"), max_digits=12, decimal_places=2, default=0)
    target = models.DecimalField(_("Zielwert"), max_digits=12, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    history = HistoricalRecords(
        verbose_name=_("Änderung eines Indikators"),
        verbose_name_plural=_("Änderungen von Indikatoren"),
    )
    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["measure", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "name"], name="indicator_unique_name"),
            models.CheckConstraint(
                condition=~Q(target=models.F("baseline")), name="indicator_target_differs"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class IndicatorValue(TimeStampedModel):
    """An indicator's value as one progress update reports it."""

    update = models.ForeignKey(
        ProgressUpdate,
        verbose_name=_("Fortschrittsmeldung"),
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("Indikator"), on_delete=models.CASCADE, related_name="values"
    )
    value = models.DecimalField(_("Wert"), max_digits=12, decimal_places=2)

    history = HistoricalRecords(
        verbose_name=_("Änderung eines Indikatorwerts"),
        verbose_name_plural=_("Änderungen von Indikatorwerten"),
    )

    class Meta:
        verbose_name = _("Indikatorwert")
        verbose_name_plural = _("Indikatorwerte")
        ordering = ["indicator", "update"]
        constraints = [
            models.UniqueConstraint(
                fields=["update", "indicator"], name="indicator_value_once_per_update"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class MeasureContact(TimeStampedModel):
    """A portal account that reports progress for a measure, published only as its organisation."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("Maßnahme"), on_delete=models.CASCADE, related_name="contacts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="measure_contacts",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="measure_contacts",
        help_text=_("Öffentlich genannt wird nur die Organisation, nie die Person."),
    )

    history = HistoricalRecords(
        verbose_name=_("Änderung einer Ansprechstelle"),
        verbose_name_plural=_("Änderungen von Ansprechstellen"),
    )

    class Meta:
        verbose_name = _("Ansprechstelle")
        verbose_name_plural = _("Ansprechstellen")
        ordering = ["measure", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "user"], name="measure_contact_once"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.number}: {self.organisation}"
