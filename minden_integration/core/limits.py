"""Where a request comes from, and how often an address may do one thing: the rate limits of
the public forms (accessibility feedback, `/echtheit/`) and the cap on the officers' mail.

The counts live in the database (`RateCounter`), so every process of the portal sees the same
numbers: a limit per process would multiply with the number of workers. A limit counts in fixed
windows (5 per hour: the hour from :00), each count one atomic statement.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)

EVERYONE = "*"


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _is_address(value: str | None) -> bool:
    try:
        ipaddress.ip_address(value or "")
    except ValueError:
        return False
    return True


def _from_trusted_proxy(remote: str | None) -> bool:
    """Without PORTAL_TRUSTED_PROXIES every connection is taken to come through the proxy."""
    spec = tuple(getattr(settings, "PORTAL_TRUSTED_PROXIES", ()))
    if not spec:
        return True
    if not _is_address(remote):
        return False
    address = ipaddress.ip_address(remote)
    return any(address in network for network in _networks(spec))


def client_ip(request: HttpRequest) -> str | None:
    """The connection's address, or behind N trusted proxies the N-th from the right of
    X-Forwarded-For: entries further left are the client's own claims, never trusted. A
    connection that did not come through a trusted proxy is its own address."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.PORTAL_TRUSTED_PROXY_COUNT
    if count <= 0 or not _from_trusted_proxy(remote):
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if not forwarded:
        logger.warning("No X-Forwarded-For behind %d trusted proxies; using %s.", count, remote)
        return remote
    if len(forwarded) < count:
        # Fewer hops than proxies: the request skipped the outer ones. The leftmost entry is
        # what the first proxy it passed saw; the proxy's own address would be everyone's.
        logger.warning(
            "X-Forwarded-For has %d of %d expected entries; using the leftmost.",
            len(forwarded),
            count,
        )
        chosen = forwarded[0]
    else:
        chosen = forwarded[-count]
    if not _is_address(chosen):
        logger.warning("X-Forwarded-For entry %r is no address; using %s.", chosen[:60], remote)
        return remote
    return chosen


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    count: int
    limit: int
    retry_after: int  # seconds until the window ends


def rate_limit(scope: str) -> tuple[int, int] | None:
    """(how many, per how many seconds) for a scope from PORTAL_RATE_LIMITS; None: no limit."""
    return getattr(settings, "PORTAL_RATE_LIMITS", {}).get(scope)


def _digest(scope: str, key: str) -> str:
    return salted_hmac("minden.rate-limit", f"{scope}|{key}", algorithm="sha256").hexdigest()


def _window_start(now: dt.datetime, seconds: int) -> dt.datetime:
    start = int(now.timestamp()) // seconds * seconds
    return dt.datetime.fromtimestamp(start, tz=dt.UTC)


def rate_hit(*, scope: str, key: str | None, now: dt.datetime | None = None) -> Verdict:
    """Count one use of `scope` by `key` (an address, or EVERYONE) and say whether it stays
    within the limit. Refused uses count as well: they cannot extend a fixed window."""
    from minden_integration.core.models import RateCounter

    spec = rate_limit(scope)
    if spec is None:
        return Verdict(allowed=True, count=0, limit=0, retry_after=0)
    limit, seconds = spec
    now = now or timezone.now()
    start = _window_start(now, seconds)
    digest = _digest(scope, key or "?")
    rows = RateCounter.objects.filter(scope=scope, key=digest, window_start=start)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        scope=scope,
                        key=digest,
                        window_start=start,
                        expires_at=start + dt.timedelta(seconds=seconds),
                        count=1,
                    )
            except IntegrityError:
                # Another process opened the window in the meantime.
                rows.update(count=F("count") + 1)
            else:
                # Once per new window: forget the windows that have ended.
                RateCounter.objects.filter(expires_at__lt=now).delete()
        count = rows.values_list("count", flat=True).get()
    retry_after = max(1, int((start + dt.timedelta(seconds=seconds) - now).total_seconds()))
    return Verdict(allowed=count <= limit, count=count, limit=limit, retry_after=retry_after)


def rate_counters_expire(*, now: dt.datetime | None = None) -> int:
    """Remove the counts of windows that have ended; returns how many."""
    from minden_integration.core.models import RateCounter

    count, _ = RateCounter.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return count
