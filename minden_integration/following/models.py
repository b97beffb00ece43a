"""Email subscriptions: who wants the weekly digest of what, confirmed or not yet.

Not content: no page shows a subscription, so its writes renew no generation. The address is
never shown on any page; it is kept only to send the confirmation and the digests, and deleted
when the subscriber unsubscribes (or after PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS when
it was never confirmed).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concept.models import Concept
from measures.models import Measure
from workgroups.models import WorkingGroup


class SubscriptionTarget(models.TextChoices):
    CONCEPT = "concept", _("das Konzept")
    WORKING_GROUP = "working_group", _("eine Arbeitsgruppe")
    MEASURE = "measure", _("eine Maßnahme")


def new_key() -> str:
    return secrets.token_urlsafe(24)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    target = models.CharField(_("Gegenstand"), max_length=20, choices=SubscriptionTarget.choices)
    concept = models.ForeignKey(
        Concept, verbose_name=_("Konzept"), on_delete=models.CASCADE, related_name="+"
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("Arbeitsgruppe"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("Maßnahme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # What the signed links name: random, so that a link never names the row's number, and a
    # new subscription after unsubscribing is not reached by the old links.
    key = models.CharField(_("Schlüssel"), max_length=64, unique=True, default=new_key)
    created_at = models.DateTimeField(_("angemeldet am"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("letzte Zusammenfassung am"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(target="concept", working_group__isnull=True, measure__isnull=True)
                    | Q(target="working_group", working_group__isnull=False, measure__isnull=True)
                    | Q(target="measure", working_group__isnull=True, measure__isnull=False)
                ),
                name="subscription_target_consistent",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "concept",
                condition=Q(target="concept"),
                name="subscription_once_per_concept",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "working_group",
                condition=Q(target="working_group"),
                name="subscription_once_per_group",
            ),
            models.UniqueConstraint(
                Lower("email"),
                "measure",
                condition=Q(target="measure"),
                name="subscription_once_per_measure",
            ),
        ]

    def __str__(self) -> str:
        # Never the address: the admin and logs show what is followed, not who.
        return f"{self.get_target_display()} #{self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def subject_label(self) -> str:
        """What is followed, as the pages and mails name it."""
        if self.target == SubscriptionTarget.MEASURE:
            return str(_("Maßnahme %(number)s: %(title)s")) % {
                "number": self.measure.number,
                "title": self.measure.title,
            }
        if self.target == SubscriptionTarget.WORKING_GROUP:
            return str(_("Arbeitsgruppe „%(name)s“")) % {"name": self.working_group.name}
        return str(_("Integrationskonzept „%(title)s“")) % {"title": self.concept.title}
