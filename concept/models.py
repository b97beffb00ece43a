"""The concept, its numbered versions, their sections, amendments and the process milestones.

`concept` is the bottom layer: it imports no other app of the project. Higher apps contribute
their parts of a version's document through `concept.contributors`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalChanges, HistoricalRecords

from minden_integration.core.models import ContentModel, ContentQuerySet, TimeStampedModel

TEXT_MAX = settings.PORTAL_TEXT_MAX_LENGTH


def is_audit_trail(model: type[models.Model]) -> bool:
    """The audit trail's tables (django-simple-history) log other rows; they hold no data of
    their own and have no admin of their own (each object's "Änderungen" page shows them)."""
    return issubclass(model, HistoricalChanges)


# --- state machines ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """One allowed status move; the tables below are the only source of truth."""

    source: str
    target: str
    label: str
    # Moves the system makes as a consequence of another (approval supersedes its predecessor).
    automatic: bool = False
    # Moves that are a body's decision and are recorded as a milestone.
    decision: bool = False


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    CONSULTATION = "consultation", _("In Beteiligung")
    CONSULTATION_CLOSED = "consultation_closed", _("Beteiligung beendet")
    COUNCIL_REVIEW = "council_review", _("Beratung im Integrationsrat")
    ADOPTED = "adopted", _("Vom Integrationsrat verabschiedet")
    RETURNED = "returned", _("Zurückverwiesen")
    FORWARDED = "forwarded", _("An die Gremien weitergeleitet")
    APPROVED = "approved", _("Vom Rat beschlossen")
    SUPERSEDED = "superseded", _("Abgelöst")


_V = VersionStatus
VERSION_MOVES: tuple[Move, ...] = (
    Move(_V.DRAFT, _V.CONSULTATION, _("Beteiligung eröffnen")),
    Move(_V.CONSULTATION, _V.CONSULTATION_CLOSED, _("Beteiligung beenden")),
    Move(_V.DRAFT, _V.COUNCIL_REVIEW, _("Dem Integrationsrat vorlegen"), decision=True),
    Move(
        _V.CONSULTATION_CLOSED, _V.COUNCIL_REVIEW, _("Dem Integrationsrat vorlegen"), decision=True
    ),
    Move(_V.COUNCIL_REVIEW, _V.ADOPTED, _("Verabschiedung festhalten"), decision=True),
    Move(_V.COUNCIL_REVIEW, _V.RETURNED, _("Zurückverweisung festhalten"), decision=True),
    Move(_V.ADOPTED, _V.FORWARDED, _("An die Gremien weiterleiten"), decision=True),
    Move(_V.FORWARDED, _V.APPROVED, _("Ratsbeschluss festhalten"), decision=True),
    Move(_V.FORWARDED, _V.RETURNED, _("Zurückverweisung durch den Rat festhalten"), decision=True),
    Move(_V.APPROVED, _V.SUPERSEDED, _("Als abgelöst markieren"), automatic=True),
)
# Every status reached through council_review: the text is frozen and the database guards it.
FROZEN_STATUSES = frozenset(
    {_V.COUNCIL_REVIEW, _V.ADOPTED, _V.RETURNED, _V.FORWARDED, _V.APPROVED, _V.SUPERSEDED}
)
# Version columns that may still change once frozen: status and decision data.
FROZEN_MUTABLE_FIELDS = frozenset(
    {"status", "status_changed_at", "council_paper_reference", "lock_version", "updated_at"}
)


class AmendmentStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("Eingereicht")
    IN_REVIEW = "in_review", _("In Prüfung")
    ACCEPTED = "accepted", _("Angenommen")
    PARTIALLY_ACCEPTED = "partially_accepted", _("Teilweise angenommen")
    REJECTED = "rejected", _("Abgelehnt")
    WITHDRAWN = "withdrawn", _("Zurückgezogen")


_A = AmendmentStatus
AMENDMENT_MOVES: tuple[Move, ...] = (
    Move(_A.DRAFT, _A.SUBMITTED, _("Einreichen")),
    Move(_A.DRAFT, _A.WITHDRAWN, _("Zurückziehen")),
    Move(_A.SUBMITTED, _A.WITHDRAWN, _("Zurückziehen")),
    Move(_A.SUBMITTED, _A.IN_REVIEW, _("In Prüfung nehmen")),
    Move(_A.IN_REVIEW, _A.ACCEPTED, _("Annehmen"), decision=True),
    Move(_A.IN_REVIEW, _A.PARTIALLY_ACCEPTED, _("Teilweise annehmen"), decision=True),
    Move(_A.IN_REVIEW, _A.REJECTED, _("Ablehnen"), decision=True),
)
AMENDMENT_DECIDED = frozenset({_A.ACCEPTED, _A.PARTIALLY_ACCEPTED, _A.REJECTED})
AMENDMENT_UNDECIDED = frozenset({_A.SUBMITTED, _A.IN_REVIEW})
AMENDMENT_ADOPTING = frozenset({_A.ACCEPTED, _A.PARTIALLY_ACCEPTED})
# The author may change the text only before the officer takes it into review.
AMENDMENT_EDITABLE = frozenset({_A.DRAFT, _A.SUBMITTED})


def find_move(moves: tuple[Move, ...], source: str, target: str) -> Move | None:
    return next((m for m in moves if m.source == source and m.target == target), None)


def moves_from(moves: tuple[Move, ...], source: str, *, automatic: bool = False) -> list[Move]:
    return [m for m in moves if m.source == source and (automatic or not m.automatic)]


def version_move(version: ConceptVersion, target: str) -> Move:
    """The move an officer may make from the version's status to `target`: DESIGN.md's table,
    and only it (automatic moves are the system's). The admin and the service both ask here."""
    if target not in VersionStatus.values:
        raise ValidationError(_("Unbekannter Status „%(status)s“.") % {"status": target})
    move = find_move(VERSION_MOVES, version.status, target)
    if move is None or move.automatic:
        raise ValidationError(
            _("Version %(number)s kann nicht von „%(source)s“ nach „%(target)s“ wechseln.")
            % {
                "number": version.number,
                "source": VersionStatus(version.status).label,
                "target": VersionStatus(target).label,
            }
        )
    return move


# --- the concept ------------------------------------------------------------------------------


class ConceptQuerySet(ContentQuerySet):
    def current(self):
        """The concept this deployment serves (one per deployment today)."""
        return self.filter(slug=settings.PORTAL_CONCEPT_SLUG).first() or self.order_by("pk").first()


class Concept(TimeStampedModel):
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    municipality = models.CharField(_("Kommune"), max_length=120)
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    moderated_by = models.CharField(_("Moderiert durch"), max_length=300, blank=True)
    funded_by = models.CharField(_("Gefördert durch"), max_length=300, blank=True)
    participant_count = models.PositiveIntegerField(
        _("Zahl der Beteiligten"),
        null=True,
        blank=True,
        help_text=_("Alle Teilnehmenden der Arbeitsgruppen zusammen; leer, wenn unbekannt."),
    )
    participant_count_approximate = models.BooleanField(
        _("Zahl ist ungefähr"), default=False, help_text=_("Wird als „rund …“ angezeigt.")
    )
    officer_title = models.CharField(
        _("Bezeichnung der zuständigen Stelle"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Integrationsbeauftragter der Stadt Minden“"),
    )

    objects = ConceptQuerySet.as_manager()

    class Meta:
        verbose_name = _("Konzept")
        verbose_name_plural = _("Konzepte")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class BodyKind(models.TextChoices):
    CONFERENCE = "conference", _("Konferenz")
    ADVISORY = "advisory", _("Beratendes Gremium (verabschiedet den Entwurf)")
    COMMITTEE = "committee", _("Ausschuss")
    COUNCIL = "council", _("Rat")


class Body(TimeStampedModel):
    """A Gremium dealing with the concept; which one adopts the draft is data, not code."""

    concept = models.ForeignKey(
        Concept, verbose_name=_("Konzept"), on_delete=models.CASCADE, related_name="bodies"
    )
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=BodyKind.choices)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["concept", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "name"], name="body_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


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
    status_changed_at = models.DateTimeField(_("Status geändert am"), null=True, blank=True)
    consultation_ends_at = models.DateTimeField(_("Beteiligung bis"), null=True, blank=True)
    council_paper_reference = models.CharField(
        _("Drucksache"), max_length=100, blank=True, help_text=_("z. B. „DS 123/2011“")
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


class AmendmentKind(models.TextChoices):
    ADDITION = "addition", _("Ergänzung")
    CORRECTION = "correction", _("Korrektur")
    DELETION = "deletion", _("Streichung")


class AmendmentQuerySet(ContentQuerySet):
    def public(self):
        """Submitted proposals are public (also once withdrawn or decided); drafts, and drafts
        withdrawn before submission, belong to their author alone."""
        return self.exclude(status=AmendmentStatus.DRAFT).filter(submitted_at__isnull=False)

    def undecided(self):
        return self.filter(status__in=AMENDMENT_UNDECIDED)


class Amendment(TimeStampedModel):
    version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Version"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    section = models.ForeignKey(
        Section, verbose_name=_("Abschnitt"), on_delete=models.CASCADE, related_name="amendments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verfasser/in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="amendments",
    )
    kind = models.CharField(_("Art"), max_length=20, choices=AmendmentKind.choices)
    passage = models.TextField(
        _("Betroffene Textstelle"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    proposed_text = models.TextField(
        _("Vorgeschlagener Text"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    rationale = models.TextField(
        _("Begründung"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    status = models.CharField(
        _("Status"),
        max_length=32,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.DRAFT,
        editable=False,
    )
    # Copied at submission: `concept` imports no other app, and the record shows the proposer
    # as they were then.
    organisation_name = models.CharField(_("Organisation"), max_length=200, blank=True)
    working_group_name = models.CharField(_("Arbeitsgruppe"), max_length=200, blank=True)
    author_name = models.CharField(
        _("Name (nur mit Einwilligung)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Wird geleert, sobald die Einwilligung widerrufen oder das Konto gelöscht wird."
        ),
    )
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reasoning = models.TextField(
        _("Begründung der Entscheidung"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    adopted_text = models.TextField(
        _("Übernommene Fassung"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    incorporated_in = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Eingearbeitet in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incorporated_amendments",
    )
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)
    lock_version = models.PositiveIntegerField(_("Bearbeitungsstand"), default=0, editable=False)

    history = HistoricalRecords(
        verbose_name=_("Änderung eines Vorschlags"),
        verbose_name_plural=_("Änderungen von Vorschlägen"),
    )
    objects = AmendmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")
        ordering = ["version", "section__position", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in AmendmentStatus]),
                name="amendment_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "partially_accepted", "rejected"])
                | (~Q(decision_reasoning="") & Q(decided_at__isnull=False)),
                name="amendment_decision_has_reasoning",
            ),
            models.CheckConstraint(
                condition=~Q(status="partially_accepted") | ~Q(adopted_text=""),
                name="amendment_partial_has_adopted_text",
            ),
            models.CheckConstraint(
                condition=Q(incorporated_in__isnull=True)
                | Q(status__in=["accepted", "partially_accepted"]),
                name="amendment_incorporated_only_when_accepted",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False) | Q(status="withdrawn"),
                name="amendment_submitted_has_time",
            ),
            *[
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(field), TEXT_MAX),
                    name=f"amendment_{field}_length",
                )
                for field in (
                    "passage",
                    "proposed_text",
                    "rationale",
                    "decision_reasoning",
                    "adopted_text",
                )
            ],
        ]
        indexes = [models.Index(fields=["version", "status"], name="amendment_version_status")]

    def __str__(self) -> str:
        return _("Vorschlag %(id)s zu %(section)s") % {
            "id": self.pk or "–",
            "section": self.section,
        }

    @property
    def is_editable(self) -> bool:
        return self.status in AMENDMENT_EDITABLE

    @property
    def proposer_label(self) -> str:
        """The public name: the person only with consent, else their group as they were then."""
        if self.author_name:
            return self.author_name
        if self.working_group_name:
            return _("Mitglied der AG %(group)s") % {"group": self.working_group_name}
        return _("Mitglied einer Arbeitsgruppe")

    def clean(self):
        super().clean()
        if self.section_id and self.version_id and self.section.version_id != self.version_id:
            raise ValidationError({"section": _("Der Abschnitt gehört nicht zu dieser Version.")})
        if self.status in AMENDMENT_DECIDED and not self.decision_reasoning.strip():
            raise ValidationError(
                {"decision_reasoning": _("Jede Entscheidung braucht eine öffentliche Begründung.")}
            )
        if self.status == AmendmentStatus.PARTIALLY_ACCEPTED and not self.adopted_text.strip():
            raise ValidationError(
                {"adopted_text": _("Bei teilweiser Annahme ist die übernommene Fassung anzugeben.")}
            )


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


# --- issued files -----------------------------------------------------------------------------


class IssuedDocument(models.TextChoices):
    """The documents `concept` issues itself. Higher apps register theirs with
    `concept.issuing.document_register`; the register of files stores any registered key."""

    VERSION = "version", _("Konzept")
    SYNOPSIS = "synopsis", _("Synopse")


class IssuedFile(ContentModel):
    """A file the city issued for a frozen version: generated once, stored, recorded once, so
    that anyone can check a copy against it (`/echtheit/`)."""

    version = models.ForeignKey(
        ConceptVersion,
        verbose_name=_("Version"),
        on_delete=models.PROTECT,
        related_name="issued_files",
    )
    # A key registered with `concept.issuing` (its label: `document_label`).
    document = models.CharField(_("Dokument"), max_length=20)
    format = models.CharField(_("Format"), max_length=10)
    file = models.FileField(_("Datei"), upload_to="issued/", max_length=300)
    mime_type = models.CharField(_("MIME-Typ"), max_length=100)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    sha512 = models.CharField(_("SHA-512"), max_length=128, unique=True)
    created_at = models.DateTimeField(_("ausgestellt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("ausgestellte Datei")
        verbose_name_plural = _("ausgestellte Dateien")
        ordering = ["version", "document", "format"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "document", "format"], name="issued_file_once_per_format"
            ),
        ]

    def get_document_display(self) -> str:
        """The document's name, from whichever app registered it."""
        from concept.issuing import document_label

        return document_label(self.document)

    def __str__(self) -> str:
        return f"{self.version} – {self.get_document_display()} ({self.format.upper()})"
