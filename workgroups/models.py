"""Working groups, the organisations in them, memberships and the session rounds.

No field here records a person's origin or migration background (DSGVO Art. 9): the portal
speaks of organisations and sectors, never of individuals' backgrounds.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from concept.models import Concept
from minden_integration.core.models import (
    ContentModel,
    ContentQuerySet,
    TimeStampedModel,
    subquery_count,
)
from workgroups.consents import ConsentRecord  # noqa: F401 - the consent records' own module


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


class WorkingGroupQuerySet(ContentQuerySet):
    def for_concept(self, concept):
        return self.filter(concept=concept).order_by("position", "name")

    def for_list(self):
        """The public list of groups: each row with its session count and the number of
        participants listed, in one query (the site adds what other apps count)."""
        return self.annotate(
            session_count=subquery_count(Session.objects.all(), "working_group"),
            listed_count=subquery_count(Membership.objects.all(), "working_group"),
        )

    def for_detail(self, *, sessions: QuerySet | None = None):
        """A group's public page: participants and sessions in fixed queries; `sessions` lets
        the page annotate them further.

        Minutes are deferred: the group page never shows them, published or not.
        """
        if sessions is None:
            sessions = Session.objects.all()
        return self.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organisation").order_by(
                    "organisation__name", "pk"
                ),
            ),
            Prefetch("sessions", queryset=sessions.defer("minutes").order_by("round")),
        )


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
        help_text=_(
            "Die erfasste Zahl aller Teilnehmenden, auch derer ohne Konto im Portal; nicht "
            "kleiner als die Zahl der verzeichneten Mitgliedschaften. Leer lassen, wenn keine "
            "Zahl erfasst ist."
        ),
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

    def get_absolute_url(self) -> str:
        return reverse("workgroups:group-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        listed = self.memberships.count() if self.pk else 0
        if self.participant_count is not None and self.participant_count < listed:
            raise ValidationError(
                {
                    "participant_count": _(
                        "Es sind schon %(listed)s Teilnehmende verzeichnet; die Zahl kann "
                        "nicht kleiner sein."
                    )
                    % {"listed": listed}
                }
            )

    def participant_figure(self, listed: int) -> int | None:
        """How many took part, as far as recorded: the recorded count, unless it is smaller
        than the `listed` participants (then it is out of date and no longer said). The pages
        and OParl's `memberCount` say only this number, so none contradicts the list."""
        if self.participant_count is None or self.participant_count < listed:
            return None
        return self.participant_count


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


class SessionQuerySet(ContentQuerySet):
    def in_order(self):
        return self.order_by("working_group__position", "round", "date")

    def for_detail(self):
        """A session's public page, with its group."""
        return self.select_related("working_group")


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
    is_example = models.BooleanField(
        _("Beispielinhalt"),
        default=False,
        help_text=_("Tagesordnung und Protokoll sind erfundene Beispieltexte."),
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

    def get_absolute_url(self) -> str:
        return reverse(
            "workgroups:session-detail",
            kwargs={"slug": self.working_group.slug, "pk": self.pk},
        )

    @property
    def date_label(self) -> str:
        return date_format(self.date, "SHORT_DATE_FORMAT") if self.date else self.date_text

    def clean(self):
        super().clean()
        if not self.date and not self.date_text.strip():
            raise ValidationError({"date_text": _("Bitte ein Datum oder eine Zeitangabe angeben.")})


class InvitationQuerySet(ContentQuerySet):
    def open(self):
        """Neither used nor replaced by a newer invitation (it may still have expired)."""
        return self.filter(used_at__isnull=True, revoked_at__isnull=True)


class Invitation(ContentModel):
    """A one-time link with which an invited member sets a password.

    Only the SHA-256 of the token is stored: the link itself exists only in the email.
    """

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        USED = "used", _("verwendet")
        REVOKED = "revoked", _("ersetzt")
        EXPIRED = "expired", _("abgelaufen")

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("Mitgliedschaft"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(
        _("Prüfsumme des Schlüssels (SHA-256)"), max_length=64, unique=True
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gültig bis"))
    used_at = models.DateTimeField(_("verwendet am"), null=True, blank=True)
    revoked_at = models.DateTimeField(
        _("ersetzt am"), null=True, blank=True, help_text=_("Durch eine neuere Einladung.")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(used_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_user",
            ),
            models.CheckConstraint(
                condition=Q(token_hash__regex=r"^[0-9a-f]{64}$"), name="invitation_token_hash_hex"
            ),
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_used_or_revoked",
            ),
        ]

    def __str__(self) -> str:
        return _("Einladung für %(user)s") % {"user": self.user}

    def state(self, now) -> str:
        if self.used_at:
            return self.State.USED
        if self.revoked_at:
            return self.State.REVOKED
        if now >= self.expires_at:
            return self.State.EXPIRED
        return self.State.OPEN
