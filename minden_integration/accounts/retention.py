"""What the accounts app deletes once its period has passed: login-throttling records, expired
sessions and old visits of "Mein Konto". Registered as retention rules in
`AccountsConfig.ready`; `manage.py purge_personal_data` runs them daily."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from minden_integration.accounts.models import ProfileVisit
from minden_integration.accounts.throttling import throttling_records_expire
from minden_integration.core.personal_data import RetentionRule, before


def throttling_purge(*, now: dt.datetime, days: int) -> int:
    return throttling_records_expire(days=days, now=now)


def sessions_purge(*, now: dt.datetime, days: int | None = None) -> int:
    """Delete the sessions that have expired (what `manage.py clearsessions` does), counted
    where the sessions are rows of a table."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        store.clear_expired()
        return 0
    deleted, _rows = store.get_model_class().objects.filter(expire_date__lt=now).delete()
    return deleted


def profile_visits_purge(*, now: dt.datetime, days: int) -> int:
    """Forget a visit of "Mein Konto" after `days` days: the page then marks every decision as
    new, as on the first visit."""
    deleted, _rows = ProfileVisit.objects.filter(seen_at__lt=before(now, days)).delete()
    return deleted


RULES = (
    RetentionRule(
        key="throttling",
        label=_("Aufzeichnungen des Anmeldeschutzes"),
        setting="PORTAL_RETENTION_THROTTLING_DAYS",
        purge=throttling_purge,
    ),
    RetentionRule(
        key="sessions", label=_("Abgelaufene Sitzungen"), setting=None, purge=sessions_purge
    ),
    RetentionRule(
        key="profile_visits",
        label=_("Besuche von „Mein Konto“"),
        setting="PORTAL_RETENTION_PROFILE_VISIT_DAYS",
        purge=profile_visits_purge,
    ),
)
