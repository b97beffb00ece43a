"""Working groups, the organisations in them, memberships and the session rounds.

No field here records a person's origin or migration background (DSGVO Art. 9): the portal
speaks of organisations and sectors, never of individuals' backgrounds.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concept.models import Concept, TimeStampedModel


class Sector(models.TextChoices):
    EDUCATION = "education", _("Bildungseinrichtung")
    SOCIAL_SERVICE = "social_service", _("Sozialdienst")
    YOUTH_WORK = "youth_work", _("Jugendarbeit")
    CHURCH = "church", _("Kirche")
    MOSQUE_CULTURAL = "mosque_cultural", _("Moschee- oder Kulturverein")
    MIGRANT_ORGANISATION = "migrant_organisation", _("Migrantenorganisation")
    ADMINISTRATION = "administration", _("Stadtverwaltung")
    POLITICS = "politics", _("Politik")
    OTHER = "other", _("Sonstige")


class Organisation(TimeStampedModel):
    name = models.CharField(_("Name"), max_length=200, unique=True)
    sector = models.CharField(_("Bereich"), max_length=30, choices=Sector.choices)
    website = models.URLField(_("Website"), blank=True)
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WorkingGroupQuerySet(models.QuerySet):
    def for_concept(self, concept):
        return self.filter(concept=concept).order_by("position", "name")


class WorkingGroup(TimeStampedModel):
    concept = models.ForeignKey(
        Concept, verbose_name=_("Konzept"), on_delete=models.CASCADE, related_name="working_groups"
    )
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=80)
    topic = models.TextField(_("Thema"), blank=True)
    participant_count = models.PositiveIntegerField(
        _("Zahl der Teilnehmenden"),
        null=True,
        blank=True,
        help_text=_("Auch Teilnehmende ohne Konto im Portal; leer, wenn unbekannt."),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("Arbeitsgruppe")
        verbose_name_plural = _("Arbeitsgruppen")
        ordering = ["concept", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "slug"], name="workinggroup_unique_slug"),
            models.UniqueConstraint(fields=["concept", "name"], name="workinggroup_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Mitglied")
    CHAIR = "chair", _("Leitung")
    MODERATION = "moderation", _("Moderation")
    GUEST = "guest", _("Gast")


class Membership(TimeStampedModel):
    """A participant of a group; most of the ~50 participants have no portal account."""

    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("Arbeitsgruppe"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    name = models.CharField(
        _("Name"), max_length=200, blank=True, help_text=_("Öffentlich nur mit Einwilligung.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    consent_to_name = models.BooleanField(
        _("Einwilligung zur Nennung des Namens"),
        default=False,
        help_text=_("Nur dann wird der Name öffentlich gezeigt; jederzeit widerrufbar."),
    )
    is_example = models.BooleanField(_("Beispielinhalt"), default=False)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["working_group", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "user"],
                condition=Q(user__isnull=False),
                name="membership_unique_user_per_group",
            ),
        ]

    def __str__(self) -> str:
        who = self.name or (self.organisation.name if self.organisation_id else _("Teilnehmende/r"))
        return f"{who} ({self.working_group})"

    @property
    def public_name(self) -> str:
        return self.name if self.consent_to_name else ""


class SessionQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("working_group__position", "round", "date")


class Session(TimeStampedModel):
    """One Sitzungsrunde of a group; minutes stay with the group until published."""

    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("Arbeitsgruppe"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    round = models.PositiveSmallIntegerField(_("Sitzungsrunde"), validators=[MinValueValidator(1)])
    date = models.DateField(_("Datum"), null=True, blank=True)
    date_text = models.CharField(
        _("Datum (Freitext)"),
        max_length=100,
        blank=True,
        help_text=_("Wenn das genaue Datum nicht bekannt ist, z. B. „Winter 2010/11“."),
    )
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    agenda = models.TextField(_("Tagesordnung"), blank=True)
    minutes = models.TextField(_("Protokoll"), blank=True)
    minutes_public = models.BooleanField(
        _("Protokoll veröffentlicht"),
        default=False,
        help_text=_("Bis zur Veröffentlichung sehen nur die Mitglieder der Gruppe das Protokoll."),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["working_group", "round"]
        constraints = [
            models.UniqueConstraint(fields=["working_group", "round"], name="session_unique_round"),
            models.CheckConstraint(condition=Q(round__gte=1), name="session_round_positive"),
            models.CheckConstraint(
                condition=Q(date__isnull=False) | ~Q(date_text=""),
                name="session_has_date_or_text",
            ),
        ]

    def __str__(self) -> str:
        return _("%(group)s, %(round)s. Sitzungsrunde") % {
            "group": self.working_group,
            "round": self.round,
        }

    @property
    def date_label(self) -> str:
        return self.date.strftime("%d.%m.%Y") if self.date else self.date_text

    def clean(self):
        super().clean()
        if not self.date and not self.date_text.strip():
            raise ValidationError({"date_text": _("Bitte ein Datum oder eine Zeitangabe angeben.")})
