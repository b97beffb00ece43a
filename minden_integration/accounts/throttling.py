"""Login throttling, on the portal's and the admin's login alike.

- Per address, across accounts, a lock (django-axes, AXES_LOCKOUT_PARAMETERS = ip_address):
  whoever tries many passwords on many accounts from one address is stopped for a while.
- Per account, across addresses, a growing wait and never a lock: after the first few failures
  each further try must wait twice as long as the one before, up to a cap. Someone trying
  passwords from many addresses gains little, and the member, elsewhere, still gets in once the
  wait has passed. When failures come from several addresses, the owner gets one email.

django-axes' backend refuses a locked address; `LoginWaitBackend` refuses an account that must
still wait (without checking the password and without counting the try for the account); the
middleware answers either refusal with its page (429).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from minden_integration.core.limits import client_ip, rate_counters_expire
from minden_integration.core.links import portal_url

__all__ = ["client_ip"]

logger = logging.getLogger(__name__)

# How many address keys a record keeps: enough to tell "several addresses" apart.
ADDRESSES_KEPT = 20


def _key(kind: str, value: str) -> str:
    return salted_hmac(f"minden.login.{kind}", value, algorithm="sha256").hexdigest()


def account_key(username: str) -> str:
    return _key("account", username.strip().lower())


def wait_after(failures: int) -> int:
    """Seconds the next try waits after `failures` failed ones: none for the first few, then
    2, 4, 8, ... up to the cap."""
    free = settings.PORTAL_LOGIN_FREE_FAILURES
    if failures <= free:
        return 0
    cap = settings.PORTAL_LOGIN_WAIT_MAX_SECONDS
    exponent = failures - free
    return cap if exponent >= cap.bit_length() else min(cap, 2**exponent)


def _memory() -> dt.timedelta:
    return dt.timedelta(hours=settings.PORTAL_LOGIN_FAILURE_MEMORY_HOURS)


def _current(username: str, now: dt.datetime):
    from minden_integration.accounts.models import LoginFailures

    return LoginFailures.objects.filter(
        account_key=account_key(username), last_failure_at__gte=now - _memory()
    ).first()


def account_wait_seconds(*, username: str, now: dt.datetime | None = None) -> int:
    """Seconds this account must still wait before the next try (0: it may try now)."""
    now = now or timezone.now()
    record = _current(username, now)
    if record is None:
        return 0
    until = record.last_failure_at + dt.timedelta(seconds=wait_after(record.failures))
    return max(0, math.ceil((until - now).total_seconds()))


@transaction.atomic
def login_failure_record(
    *, username: str, address: str | None, now: dt.datetime | None = None
) -> int:
    """Count a failed password check for the account; returns its failures so far. Tells the
    owner once when they come from several addresses."""
    from minden_integration.accounts.models import LoginFailures

    now = now or timezone.now()
    record, created = LoginFailures.objects.select_for_update().get_or_create(
        account_key=account_key(username), defaults={"last_failure_at": now}
    )
    if not created and record.last_failure_at < now - _memory():
        record.failures, record.address_keys, record.notified_at = 0, [], None
    record.failures += 1
    record.last_failure_at = now
    address_key = _key("address", address or "?")[:16]
    if address_key not in record.address_keys and len(record.address_keys) < ADDRESSES_KEPT:
        record.address_keys.append(address_key)
    if (
        record.notified_at is None
        and record.failures >= settings.PORTAL_LOGIN_ALERT_FAILURES
        and len(record.address_keys) >= settings.PORTAL_LOGIN_ALERT_ADDRESSES
    ):
        record.notified_at = now
        transaction.on_commit(partial(login_failures_notify, username, record.failures))
    record.save()
    return record.failures


@transaction.atomic
def login_success_record(*, username: str, address: str | None) -> None:
    """A correct password ends the account's waiting, and forgives this address the failures
    it had with this account (not those with other accounts)."""
    from axes.models import AccessAttempt

    from minden_integration.accounts.models import LoginFailures

    LoginFailures.objects.filter(account_key=account_key(username)).delete()
    AccessAttempt.objects.filter(username=username, ip_address=address).delete()


def login_failures_notify(username: str, failures: int) -> bool:
    """Tell the account's owner that someone is trying passwords on it; nothing is sent for a
    name that is no (active) account or has no address."""
    user = (
        get_user_model()
        .objects.filter(username__iexact=username.strip(), is_active=True)
        .exclude(email="")
        .first()
    )
    if user is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "failures": failures,
            "reset_link": portal_url("accounts:password-reset"),
            "wait_max": settings.PORTAL_LOGIN_WAIT_MAX_SECONDS,
        }
        subject = _("Fehlgeschlagene Anmeldeversuche bei Ihrem Konto")
        body = render_to_string("accounts/emails/login_failures.txt", context)
    try:
        with mailers.default as mailer:
            return bool(mailer.send_messages([EmailMessage(subject, body, None, [user.email])]))
    except OSError:
        logger.exception("The email about failed logins could not be sent.")
        return False


class LoginWaitBackend:
    """Refuses, before any password check, an account that must still wait; marks the other
    requests as checked, so that only real password checks count against the account.

    Only `authenticate`: without `get_user` it never becomes a session's backend (Django's
    `force_login` takes the first backend that has one), and it grants no permissions."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None:
            return None
        wait = account_wait_seconds(username=username)
        if wait:
            request.portal_login_wait = wait
            raise PermissionDenied
        request.portal_login_checked = True
        return None


def login_failed(sender, credentials, request=None, **kwargs):
    """`user_login_failed`: count the failure for the account when its password was checked
    (not when the address was locked or the account had to wait)."""
    username = (credentials or {}).get(get_user_model().USERNAME_FIELD)
    if request is None or username is None:
        return
    if not getattr(request, "portal_login_checked", False):
        return
    login_failure_record(username=username, address=client_ip(request))


def logged_in(sender, request, user, **kwargs):
    """`user_logged_in`: a successful login ends the waiting for the account."""
    if request is None:
        return
    login_success_record(username=user.get_username(), address=client_ip(request))


class LoginWaitMiddleware:
    """Answers a login the account had to wait for with the German page (429)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        wait = getattr(request, "portal_login_wait", 0)
        if not wait:
            return response
        waiting = render(
            request,
            "accounts/login_wait.html",
            {"seconds": wait, "retry_path": request.get_full_path()},
            status=429,
        )
        waiting["Retry-After"] = str(wait)
        return waiting


def lockout_minutes_left(*, ip_address: str | None) -> int:
    """Whole minutes until the lock on this address ends at the latest (at least 1)."""
    from axes.models import AccessAttempt

    cool_off: dt.timedelta = settings.AXES_COOLOFF_TIME
    last = (
        AccessAttempt.objects.filter(ip_address=ip_address)
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
    """Remove every login-throttling record older than `days` days, every account's failures
    older than their memory, and the rate limits' ended windows; returns how many."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from minden_integration.accounts.models import LoginFailures

    now = now or timezone.now()
    limit = now - dt.timedelta(days=days)
    removed = 0
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        count, _ = model.objects.filter(attempt_time__lt=limit).delete()
        removed += count
    count, _ = LoginFailures.objects.filter(last_failure_at__lt=now - _memory()).delete()
    return removed + count + rate_counters_expire(now=now)
