"""The concept's numbered versions: what is public, what is current, what is frozen."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from concept.models.concept import Concept
from concept.models.moves import VersionStatus
from minden_integration.core.models import ContentQuerySet, TimeStampedModel

# Version columns that may still change once frozen: status and decision data.
FROZEN_MUTABLE_FIELDS = frozenset(
    {
        "status",
        "status_changed_at",
        "status_since",
        "council_paper_reference",
        "paper_url",
        "presented_on",
        "lock_version",
        "updated_at",
    }
)


class ConceptVersionQuerySet(ContentQuerySet):
    def public(self):
        """Everything past draft: drafts are shown to staff only."""
        return self.exclude(status=VersionStatus.DRAFT)

    def frozen(self):
        return self.filter(frozen_at__isnull=False)

    def current(self):
        """The approved version, or else the newest version past draft."""
        public = self.public()
        return (
            public.filter(status=VersionStatus.APPROVED).first()
            or public.order_by("-number").first()
        )


class ConceptVersion(TimeStampedModel):
    concept = models.ForeignKey(
        Concept, verbose_name=_("Konzept"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("Versionsnummer"), validators=[MinValueValidator(1)])
    title = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=32,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        editable=False,
    )
    # The technical time of the last move, and the day the status holds from as the record
    # says (a body's decision: the day it met). Pages and exports show `status_since`.
    status_changed_at = models.DateTimeField(_("Status geändert am"), null=True, blank=True)
    status_since = models.DateField(_("Status seit"), null=True, blank=True, editable=False)
    consultation_ends_at = models.DateTimeField(_("Beteiligung bis"), null=True, blank=True)
    consultation_closed_at = models.DateTimeField(
        _("Beteiligung beendet am"), null=True, blank=True, editable=False
    )
    council_paper_reference = models.CharField(
        _("Drucksache"), max_length=100, blank=True, help_text=_("z. B. „DS 123/2011“")
    )
    paper_url = models.URLField(
        _("Vorlage im Ratsinformationssystem"), max_length=500, blank=True, editable=False
    )
    presented_on = models.DateField(
        _("den Gremien vorgelegt am"), null=True, blank=True, editable=False
    )
    # The version this one was drafted from ("Nächste Version anlegen"); none for a fresh draft.
    drafted_from = models.ForeignKey(
        "self",
        verbose_name=_("fortgeschrieben aus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="successors",
    )
    # A decision with changes: this version is the beschlossene Fassung of that one.
    resolution_of = models.OneToOneField(
        "self",
        verbose_name=_("beschlossene Fassung von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="resolution",
    )
    is_example = models.BooleanField(
        _("Beispielinhalt"),
        default=False,
        help_text=_("Erfundener Beispieltext, der öffentlich als Beispielinhalt markiert wird."),
    )
    frozen_at = models.DateTimeField(_("eingefroren am"), null=True, blank=True, editable=False)
    # NULL means "not frozen"; an empty string would be a (broken) snapshot.
    snapshot = models.TextField(  # noqa: DJ001
        _("Momentaufnahme (kanonisches JSON)"), null=True, blank=True, editable=False
    )
    checksum = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64, blank=True, editable=False)
    lock_version = models.PositiveIntegerField(_("Bearbeitungsstand"), default=0, editable=False)

    # The snapshot is written once and kept on the row; the trail need not copy it each time.
    history = HistoricalRecords(
        excluded_fields=["snapshot"],
        verbose_name=_("Änderung einer Version"),
        verbose_name_plural=_("Änderungen von Versionen"),
    )
    objects = ConceptVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Version")
        verbose_name_plural = _("Versionen")
        ordering = ["concept", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["concept", "number"], name="version_unique_number"),
            models.UniqueConstraint(
                fields=["concept"],
                condition=Q(status="approved"),
                name="version_one_approved_per_concept",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="version_number_positive"),
            models.CheckConstraint(
                condition=~Q(status="consultation") | Q(consultation_ends_at__isnull=False),
                name="version_consultation_has_deadline",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in VersionStatus]),
                name="version_status_valid",
            ),
            # Frozen iff snapshot, checksum and time are all present, and exactly the
            # statuses after council_review are frozen.
            models.CheckConstraint(
                condition=(
                    Q(
                        frozen_at__isnull=True,
                        snapshot__isnull=True,
                        checksum="",
                        status__in=["draft", "consultation", "consultation_closed"],
                    )
                    | (
                        Q(
                            frozen_at__isnull=False,
                            snapshot__isnull=False,
                            checksum__regex=r"^[0-9a-f]{64}$",
                        )
                        & ~Q(status__in=["draft", "consultation", "consultation_closed"])
                    )
                ),
                name="version_frozen_consistent",
            ),
        ]

    def __str__(self) -> str:
        label = _("Version %(number)s") % {"number": self.number}
        return f"{label}: {self.title}" if self.title else str(label)

    def get_absolute_url(self) -> str:
        return reverse("concept:version-detail", kwargs={"number": self.number})

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def text_editable(self) -> bool:
        """DESIGN.md: text is editable only in draft; from council review on the database
        guards it as well. The admin and the services ask here."""
        return self.status == VersionStatus.DRAFT

    @property
    def is_public(self) -> bool:
        """Who may see it, not what may change: the rule of `ConceptVersionQuerySet.public()`
        (drafts are for staff only). It meets `text_editable` at draft today, by design's
        choice, not by definition, so it keeps its own comparison."""
        return self.status != VersionStatus.DRAFT

    @property
    def checksum_prefix(self) -> str:
        return self.checksum[:12]

    def accepts_amendments(self, now) -> bool:
        return (
            self.status == VersionStatus.CONSULTATION
            and self.consultation_ends_at is not None
            and now < self.consultation_ends_at
        )

    def clean(self):
        super().clean()
        if self.status == VersionStatus.CONSULTATION and not self.consultation_ends_at:
            raise ValidationError(
                {"consultation_ends_at": _("Eine Version in Beteiligung braucht ein Fristende.")}
            )
        if self.pk and self.frozen_at:
            stored = type(self).objects.filter(pk=self.pk).values().first()
            if stored:
                changed = [
                    f.name
                    for f in self._meta.concrete_fields
                    if f.attname not in FROZEN_MUTABLE_FIELDS
                    and stored.get(f.attname) != getattr(self, f.attname)
                ]
                if changed:
                    raise ValidationError(
                        _(
                            "Version %(number)s ist eingefroren; ihr Text kann nicht mehr "
                            "geändert werden."
                        )
                        % {"number": self.number}
                    )
