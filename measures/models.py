"""Goals, measures, imap's recommendations and the progress of each measure.

A measure's status is set only by recording a progress update: one source of truth.
"""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import (
    Case,
    IntegerField,
    Prefetch,
    Q,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from concept.models import Concept, Section
from minden_integration.core.models import ContentQuerySet, TimeStampedModel
from workgroups.models import Organisation, Session, WorkingGroup


class TargetGroup(TimeStampedModel):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Goal(TimeStampedModel):
    concept = models.ForeignKey(
        Concept, verbose_name=_("Konzept"), on_delete=models.CASCADE, related_name="goals"
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("Arbeitsgruppe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
    )
    code = models.CharField(_("Kennung"), max_length=20, help_text=_("z. B. „B1“"))
    title = models.CharField(_("Ziel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["concept", "code"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "code"], name="goal_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self):
        super().clean()
        if (
            self.working_group_id
            and self.concept_id
            and self.working_group.concept_id != self.concept_id
        ):
            raise ValidationError(
                {"working_group": _("Die Arbeitsgruppe gehört zu einem anderen Konzept.")}
            )


class Timeframe(models.TextChoices):
    SHORT = "short", _("kurzfristig")
    MEDIUM = "medium", _("mittelfristig")
    LONG = "long", _("langfristig")


def timeframe_deadline(timeframe: str, decided_on: dt.date) -> dt.date:
    """The day a measure of `timeframe` is due: its number of years
    (`PORTAL_TIMEFRAME_YEARS`) after the council's decision; 29 February falls on the 28th."""
    year = decided_on.year + settings.PORTAL_TIMEFRAME_YEARS[timeframe]
    try:
        return decided_on.replace(year=year)
    except ValueError:
        return decided_on.replace(year=year, day=28)


class Priority(models.TextChoices):
    HIGH = "high", _("hoch")
    MEDIUM = "medium", _("mittel")
    LOW = "low", _("niedrig")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    IN_PROGRESS = "in_progress", _("in Umsetzung")
    IMPLEMENTED = "implemented", _("umgesetzt")
    ONGOING = "ongoing", _("Daueraufgabe")
    DEFERRED = "deferred", _("zurückgestellt")
    DROPPED = "dropped", _("entfallen")


# A measure in one of these states is never overdue: done, done for good, or given up.
NEVER_OVERDUE = frozenset({MeasureStatus.IMPLEMENTED, MeasureStatus.ONGOING, MeasureStatus.DROPPED})


class MeasureQuerySet(ContentQuerySet):
    def for_concept(self, concept):
        return self.filter(concept=concept)

    def for_list(self):
        """One row of the catalogue: the measure and its single-valued relations, one query."""
        return self.select_related("working_group", "goal", "lead_organisation")

    def for_detail(self, version=None):
        """The measure page; `current_citations` holds the sections of `version` citing it."""
        sections = (
            Section.objects.filter(version=version).order_by("position")
            if version is not None
            else Section.objects.none()
        )
        return self.select_related(
            "working_group", "goal", "lead_organisation", "origin_session__working_group"
        ).prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.order_by("name")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("name")),
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("code")),
            # Only what the officer published counts; hidden ones show only their reason.
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.published()
                .newest_first()
                .select_related("reported_for"),
            ),
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.filter(review=ReviewState.HIDDEN).newest_first(),
                to_attr="hidden_updates",
            ),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.with_current().order_by("position", "pk"),
            ),
            Prefetch("cited_sections", queryset=sections, to_attr="current_citations"),
        )

    def overdue(self, decided_on: dt.date | None, today: dt.date):
        """Measures past their deadline (`timeframe_deadline`) and neither implemented, a
        standing task nor dropped: the one rule for every page that names overdue measures.
        Without a council decision nothing is due."""
        if decided_on is None:
            return self.none()
        expired = [tf for tf in Timeframe if timeframe_deadline(tf, decided_on) < today]
        return self.filter(timeframe__in=expired).exclude(status__in=NEVER_OVERDUE)

    def order_by_status(self):
        """Status in the order of the workflow (geplant … entfallen), not alphabetically."""
        return self.alias(
            status_position=Case(
                *(When(status=status, then=Value(i)) for i, status in enumerate(MeasureStatus)),
                default=Value(len(MeasureStatus)),
                output_field=IntegerField(),
            )
        ).order_by("status_position", "number")

    def order_by_title(self):
        return self.order_by(Lower("title"), "number")

    def order_by_working_group(self):
        return self.order_by("working_group__position", "working_group__name", "number")


class Measure(TimeStampedModel):
    concept = models.ForeignKey(
        Concept, verbose_name=_("Konzept"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.PositiveIntegerField(_("Nummer"), validators=[MinValueValidator(1)])
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("Arbeitsgruppe"),
        on_delete=models.PROTECT,
        related_name="measures",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("Ziel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
    )
    origin_session = models.ForeignKey(
        Session,
        verbose_name=_("Entstanden in Sitzung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Federführung"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_measures",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("Partner"), blank=True, related_name="partner_measures"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("Zielgruppen"), blank=True, related_name="measures"
    )
    timeframe = models.CharField(_("Zeitraum"), max_length=10, choices=Timeframe.choices)
    priority = models.CharField(_("Priorität"), max_length=10, choices=Priority.choices)
    status = models.CharField(
        _("Umsetzungsstand"),
        max_length=20,
        choices=MeasureStatus.choices,
        default=MeasureStatus.PLANNED,
        editable=False,
        help_text=_("Wird nur über eine Fortschrittsmeldung geändert."),
    )
    # Which sections of the concept cite this measure: `measures` owns the link.
    cited_sections = models.ManyToManyField(
        Section,
        verbose_name=_("Zitiert in Abschnitten"),
        blank=True,
        related_name="citing_measures",
    )
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)
    # Stored search data, kept current by `measures.search_index` (see `measures.search`).
    search_vector = SearchVectorField(_("Suchindex"), null=True, editable=False)
    search_text = models.TextField(_("Suchtext"), blank=True, editable=False)

    # The search data is derived; the trail records what people changed.
    history = HistoricalRecords(
        excluded_fields=["search_vector", "search_text"],
        verbose_name=_("Änderung einer Maßnahme"),
        verbose_name_plural=_("Änderungen von Maßnahmen"),
    )
    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["concept", "number"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "number"], name="measure_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="measure_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in MeasureStatus]),
                name="measure_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(timeframe__in=[s.value for s in Timeframe]),
                name="measure_timeframe_valid",
            ),
            models.CheckConstraint(
                condition=Q(priority__in=[s.value for s in Priority]),
                name="measure_priority_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("measures:measure-detail", kwargs={"number": self.number})

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.working_group_id
            and self.concept_id
            and self.working_group.concept_id != self.concept_id
        ):
            errors["working_group"] = _("Die Arbeitsgruppe gehört zu einem anderen Konzept.")
        if self.goal_id and self.concept_id and self.goal.concept_id != self.concept_id:
            errors["goal"] = _("Das Ziel gehört zu einem anderen Konzept.")
        if (
            self.origin_session_id
            and self.working_group_id
            and self.origin_session.working_group_id != self.working_group_id
        ):
            errors["origin_session"] = _("Die Sitzung gehört zu einer anderen Arbeitsgruppe.")
        if errors:
            raise ValidationError(errors)


class Recommendation(TimeStampedModel):
    """A Handlungsempfehlung written by imap from the groups' measures."""

    concept = models.ForeignKey(
        Concept, verbose_name=_("Konzept"), on_delete=models.CASCADE, related_name="recommendations"
    )
    code = models.CharField(_("Kennung"), max_length=20, help_text=_("z. B. „E12“"))
    title = models.CharField(_("Titel"), max_length=300)
    text = models.TextField(_("Text"))
    measures = models.ManyToManyField(
        Measure, verbose_name=_("Maßnahmen"), related_name="recommendations"
    )
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    class Meta:
        verbose_name = _("Handlungsempfehlung")
        verbose_name_plural = _("Handlungsempfehlungen")
        ordering = ["concept", "code"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "code"], name="recommendation_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


# The progress models live in their own module; importing them here registers them.
from measures.progress_models import (  # noqa: E402
    Indicator,
    IndicatorValue,
    MeasureContact,
    ProgressUpdate,
    ReviewState,
)
from measures.report_models import (  # noqa: E402
    ImplementationReport,
    ImplementationReportConsultation,
    ImplementationReportFile,
)
from measures.translation_models import MeasureTranslation, measure_source  # noqa: E402

__all__ = [
    "Goal",
    "ImplementationReport",
    "ImplementationReportConsultation",
    "ImplementationReportFile",
    "Indicator",
    "IndicatorValue",
    "Measure",
    "MeasureContact",
    "MeasureStatus",
    "MeasureTranslation",
    "NEVER_OVERDUE",
    "Priority",
    "ProgressUpdate",
    "Recommendation",
    "ReviewState",
    "TargetGroup",
    "Timeframe",
    "measure_source",
    "timeframe_deadline",
]
