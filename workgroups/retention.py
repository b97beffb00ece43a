"""What the working groups delete once its period has passed (`PORTAL_RETENTION_*`): spent
invitations and the records of withdrawn consents. Registered as retention rules in
`WorkgroupsConfig.ready`; `manage.py purge_personal_data` runs them daily."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from minden_integration.core.personal_data import RetentionRule, before
from workgroups.consents import ConsentRecord
from workgroups.models import Invitation


def invitations_purge(*, now: dt.datetime, days: int) -> int:
    """Delete invitations used, replaced or expired more than `days` days ago; an open one
    that has not expired stays. The account and the membership stay in any case."""
    limit = before(now, days)
    deleted, _rows = Invitation.objects.filter(
        Q(used_at__lt=limit)
        | Q(revoked_at__lt=limit)
        | Q(used_at__isnull=True, revoked_at__isnull=True, expires_at__lt=limit)
    ).delete()
    return deleted


def consent_records_purge(*, now: dt.datetime, days: int) -> int:
    """Delete the records of consents withdrawn more than `days` days ago; a consent in force
    is kept as long as its membership."""
    deleted, _rows = ConsentRecord.objects.filter(withdrawn_at__lt=before(now, days)).delete()
    return deleted


RULES = (
    RetentionRule(
        key="invitations",
        label=_("Einladungen"),
        setting="PORTAL_RETENTION_INVITATION_DAYS",
        purge=invitations_purge,
    ),
    RetentionRule(
        key="consent_records",
        label=_("Nachweise widerrufener Einwilligungen"),
        setting="PORTAL_RETENTION_CONSENT_DAYS",
        purge=consent_records_purge,
    ),
)
