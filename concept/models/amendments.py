"""The amendments members propose to a version's sections, and the officer's decisions on them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from concept.models.moves import (
    AMENDMENT_DECIDED,
    AMENDMENT_EDITABLE,
    AMENDMENT_UNDECIDED,
    AmendmentStatus,
)
from concept.models.sections import Section
from concept.models.versions import ConceptVersion
from minden_integration.core.models import ContentQuerySet, TimeStampedModel

TEXT_MAX = settings.PORTAL_TEXT_MAX_LENGTH


class AmendmentKind(models.TextChoices):
    ADDITION = "addition", _("Ergänzung")
    CORRECTION = "correction", _("Korrektur")
    DELETION = "deletion", _("Streichung")


class AmendmentSubmittedAs(models.TextChoices):
    """Who speaks: the member as a person, or their organisation through them."""

    PERSON = "person", _("als Person")
    ORGANISATION = "organisation", _("im Namen der Organisation")


class AmendmentQuerySet(ContentQuerySet):
    def public(self):
        """Submitted proposals are public (also once withdrawn or decided); drafts, and drafts
        withdrawn before submission, belong to their author alone."""
        return self.exclude(status=AmendmentStatus.DRAFT).filter(submitted_at__isnull=False)

    def undecided(self):
        return self.filter(status__in=AMENDMENT_UNDECIDED)

    def for_author_list(self):
        """The author's own list ("Meine Änderungsvorschläge"): version and section as plain
        columns (no section text, no snapshot), the latest change first."""
        return self.annotate(
            version_number=F("version__number"),
            section_number=F("section__number"),
            section_title=F("section__title"),
        ).order_by("-updated_at", "-pk")

    def decided_since(self, moment):
        """Decided after `moment`; every decided one when it is None."""
        decided = self.filter(status__in=AMENDMENT_DECIDED)
        if moment is not None:
            decided = decided.filter(decided_at__gt=moment)
        return decided


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
    # Chosen and copied at submission: `concept` imports no other app, and the record shows
    # the proposer as they were then. A person is never shown with their organisation (one
    # member of an organisation in a group would be identified by it), so a person's
    # submission stores none; an organisation's names no person.
    submitted_as = models.CharField(
        _("Art der Einreichung"),
        max_length=20,
        choices=AmendmentSubmittedAs.choices,
        default=AmendmentSubmittedAs.PERSON,
        editable=False,
    )
    organisation_name = models.CharField(
        _("Organisation"),
        max_length=200,
        blank=True,
        help_text=_("Nur bei Vorschlägen im Namen einer Organisation."),
    )
    working_group_name = models.CharField(_("Arbeitsgruppe"), max_length=200, blank=True)
    author_name = models.CharField(
        _("Name (nur mit Einwilligung)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Nur bei Vorschlägen als Person; wird geleert, sobald die Einwilligung widerrufen "
            "oder das Konto gelöscht wird."
        ),
    )
    number = models.PositiveIntegerField(
        _("Nummer"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Laufende Nummer in der Version, vergeben beim Einreichen."),
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
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True, number__isnull=True)
                | Q(submitted_at__isnull=False, number__isnull=False, number__gte=1),
                name="amendment_submitted_has_number",
            ),
            models.UniqueConstraint(
                fields=["version", "number"], name="amendment_unique_number_per_version"
            ),
            models.CheckConstraint(
                condition=Q(submitted_as__in=[s.value for s in AmendmentSubmittedAs]),
                name="amendment_submitted_as_valid",
            ),
            models.CheckConstraint(
                condition=(Q(submitted_as="person") & Q(organisation_name=""))
                | (Q(submitted_as="organisation") & ~Q(organisation_name="") & Q(author_name="")),
                name="amendment_proposer_person_or_organisation",
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
        """The one name members, the public, emails and the admin use for it."""
        return _("%(label)s zu Version %(version)s") % {
            "label": self.label,
            "version": self.version.number,
        }

    @property
    def label(self) -> str:
        """Its public name, „Vorschlag 3“: the number within its version, given at submission;
        a draft has none."""
        if self.number is None:
            return str(_("Entwurf"))
        return str(_("Vorschlag %(number)s") % {"number": self.number})

    @property
    def is_editable(self) -> bool:
        return self.status in AMENDMENT_EDITABLE

    @property
    def _group_member_label(self) -> str:
        if self.working_group_name:
            return str(_("Mitglied der AG %(group)s") % {"group": self.working_group_name})
        return str(_("Mitglied einer Arbeitsgruppe"))

    @property
    def _organisation_label(self) -> str:
        if self.working_group_name:
            return str(
                _("%(organisation)s (AG %(group)s)")
                % {"organisation": self.organisation_name, "group": self.working_group_name}
            )
        return self.organisation_name

    @property
    def proposer_label(self) -> str:
        """Who proposed it, on every page: an organisation by its name and group; a person by
        name only with their consent, else as a member of their group, never with their
        organisation (which could identify them)."""
        if self.submitted_as == AmendmentSubmittedAs.ORGANISATION:
            return self._organisation_label
        return self.author_name or self._group_member_label

    @property
    def proposer_anonymous_label(self) -> str:
        """The proposer for files that never change (issued synopses): consent to be named can
        be withdrawn, so a person only as a member of their group; an organisation as on the
        pages."""
        if self.submitted_as == AmendmentSubmittedAs.ORGANISATION:
            return self._organisation_label
        return self._group_member_label

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
