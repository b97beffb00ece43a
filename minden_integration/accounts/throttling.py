"""django-axes' hooks: which address a login comes from, and how long a lock still lasts."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone


def client_ip(request: HttpRequest) -> str | None:
    """The connection's address, or behind N trusted proxies the N-th from the right of
    X-Forwarded-For (entries further left are the client's own claims, never trusted)."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.PORTAL_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    return forwarded[-count] if len(forwarded) >= count else remote


def lockout_minutes_left(*, username: str | None, ip_address: str | None) -> int:
    """Whole minutes until the lock on this account and address ends (at least 1)."""
    from axes.models import AccessAttempt

    cool_off: dt.timedelta = settings.AXES_COOLOFF_TIME
    last = (
        AccessAttempt.objects.filter(username=username, ip_address=ip_address)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    if last is None:
        return math.ceil(cool_off.total_seconds() / 60)
    left = (last + cool_off - timezone.now()).total_seconds()
    return max(1, math.ceil(left / 60))


@transaction.atomic
def throttling_records_expire(*, days: int, now: dt.datetime | None = None) -> int:
    """Remove every login-throttling record older than `days` days; returns how many."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    limit = (now or timezone.now()) - dt.timedelta(days=days)
    removed = 0
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        count, _ = model.objects.filter(attempt_time__lt=limit).delete()
        removed += count
    return removed
