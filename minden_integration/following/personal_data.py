"""The subscribers' part of the portal's personal data. Registered in `FollowingConfig.ready`
as a source of the Art. 15 report (the subscriptions of the person's addresses) and as a
retention rule: a subscription never confirmed is deleted after
PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS; a confirmed one is deleted when its subscriber
unsubscribes (`services.subscription_cancel`), so no rule is needed for it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minden_integration.core.personal_data import (
    Column,
    DataSubject,
    PersonalDataSource,
    RetentionRule,
    Section,
    before,
)
from minden_integration.following.models import Subscription


def subscription_sections(subject: DataSubject) -> list[Section]:
    emails = [email for email in subject.emails if email]
    subscriptions = []
    if emails:
        matches = Q()
        for email in emails:
            matches |= Q(email__iexact=email)
        subscriptions = list(
            Subscription.objects.filter(matches)
            .select_related("concept", "working_group", "measure")
            .order_by("created_at", "pk")
        )
    columns = [
        Column("subject", _("Benachrichtigungen zu")),
        Column("email", _("E-Mail-Adresse")),
        Column("created_at", _("angemeldet am")),
        Column("confirmed_at", _("bestätigt am")),
        Column("last_digest_at", _("letzte Zusammenfassung am")),
    ]
    rows = [
        {
            "subject": subscription.subject_label,
            "email": subscription.email,
            "created_at": subscription.created_at,
            "confirmed_at": subscription.confirmed_at,
            "last_digest_at": subscription.last_digest_at,
        }
        for subscription in subscriptions
    ]
    return [
        Section(
            key="subscriptions",
            title=_("Benachrichtigungen per E-Mail"),
            processing="subscriptions",
            columns=columns,
            rows=rows,
            note=_("Gefunden über die E-Mail-Adresse des Kontos."),
        )
    ]


def unconfirmed_purge(*, now: dt.datetime, days: int) -> int:
    deleted, _rows = (
        Subscription.objects.unconfirmed().filter(created_at__lt=before(now, days)).delete()
    )
    return deleted


SOURCE = PersonalDataSource(key="subscriptions", collect=subscription_sections)
RULE = RetentionRule(
    key="unconfirmed_subscriptions",
    label=gettext_lazy("Nicht bestätigte Benachrichtigungen per E-Mail"),
    setting="PORTAL_RETENTION_SUBSCRIPTION_UNCONFIRMED_DAYS",
    purge=unconfirmed_purge,
)
