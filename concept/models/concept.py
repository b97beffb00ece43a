"""The concept itself and the bodies (Gremien) that deal with it."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concept.models.moves import ROLE_BODY_KINDS, ConsultationRole
from minden_integration.core.models import ContentQuerySet, TimeStampedModel


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
    # The concept's usual Beratungsfolge, offered when a version is presented.
    default_step = models.PositiveSmallIntegerField(
        _("Schritt in der üblichen Beratungsfolge"),
        null=True,
        blank=True,
        help_text=_(
            "Leer: nicht in der üblichen Beratungsfolge. Gleiche Nummern beraten parallel; "
            "das entscheidende Gremium kommt zuletzt."
        ),
    )
    default_role = models.CharField(
        _("Rolle in der üblichen Beratungsfolge"),
        max_length=20,
        choices=ConsultationRole.choices,
        blank=True,
    )
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["concept", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "name"], name="body_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if (self.default_step is None) != (not self.default_role):
            raise ValidationError(
                {"default_role": _("Schritt und Rolle gehören zusammen: beide oder keins.")}
            )
        if self.default_role and self.kind not in ROLE_BODY_KINDS[self.default_role]:
            raise ValidationError(
                {"default_role": _("Diese Rolle passt nicht zur Art des Gremiums.")}
            )
