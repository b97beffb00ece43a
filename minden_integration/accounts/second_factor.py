"""The second factor of staff accounts (django-otp): a TOTP app and one-time recovery codes.

Every account of the administration (officers, clerks, superusers) is signed in only once a
code from its app, or one of its recovery codes, has been checked in this session; members
sign in with their password alone. Wrong codes are limited per account: the counts live on the
account's devices in the database (django-otp's throttling fields), so that neither another
address nor another server process starts afresh.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from base64 import b32encode
from dataclasses import dataclass

import segno
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
# The longest wait after wrong codes, however many there were.
MAX_LOCK = dt.timedelta(days=1)
TOTP_NAME = "App"
TOTP_DIGITS = 6
RECOVERY_NAME = "Wiederherstellungscodes"
RESET_PERMISSIONS = ("otp_totp.delete_totpdevice", "otp_static.delete_staticdevice")


def needs_second_factor(user) -> bool:
    """Every account of the administration; never a member's."""
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def is_verified(user) -> bool:
    """Whether this request's session has passed the second factor (OTPMiddleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def has_second_factor(user) -> bool:
    """Whether the account has a confirmed app (or recovery codes) to sign in with."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True).exists()
    )


def _confirmed_devices(user, *, for_update: bool = False) -> list[Device]:
    devices = []
    for model in (TOTPDevice, StaticDevice):
        queryset = model.objects.filter(user=user, confirmed=True).order_by("pk")
        devices += list(queryset.select_for_update() if for_update else queryset)
    return devices


# --- how long an account waits after wrong codes ------------------------------------------


def _lock_until(device: Device) -> dt.datetime | None:
    limit = settings.PORTAL_SECOND_FACTOR_FAILURE_LIMIT
    failures = device.throttling_failure_count
    if failures < limit or device.throttling_failure_timestamp is None:
        return None
    lock = dt.timedelta(minutes=settings.PORTAL_SECOND_FACTOR_LOCK_MINUTES)
    # 15 minutes at the limit, doubled with each further wrong code, a day at most.
    wait = min(lock * 2 ** min(failures - limit, 10), MAX_LOCK)
    return device.throttling_failure_timestamp + wait


def second_factor_wait(*, user, now: dt.datetime | None = None) -> int:
    """Whole minutes this account must still wait before a code is checked (0: none)."""
    now = now or timezone.now()
    ends = [end for end in map(_lock_until, _confirmed_devices(user)) if end and end > now]
    if not ends:
        return 0
    return max(1, math.ceil((max(ends) - now).total_seconds() / 60))


def _locked_error(minutes: int) -> ValidationError:
    return ValidationError(
        ngettext(
            "Zu viele falsche Codes. Aus Sicherheitsgründen werden für dieses Konto eine Minute "
            "lang keine Codes geprüft. Bitte versuchen Sie es danach erneut.",
            "Zu viele falsche Codes. Aus Sicherheitsgründen werden für dieses Konto "
            "%(minutes)d Minuten lang keine Codes geprüft. Bitte versuchen Sie es danach "
            "erneut.",
            minutes,
        )
        % {"minutes": minutes},
        code="locked",
    )


# --- checking a code ------------------------------------------------------------------------


def normalise_code(code: str) -> str:
    """Spaces and hyphens are only for reading; recovery codes in any case."""
    return re.sub(r"[\s-]+", "", code or "").lower()


def second_factor_check(*, user, code: str) -> Device:
    """The device that accepts `code` (an app's six digits, or a recovery code, which is used
    up by it). A wrong code is counted; past the limit, no code is checked until the wait is
    over. Raises ValidationError (code "invalid" or "locked")."""
    code = normalise_code(code)
    with transaction.atomic():
        devices = _confirmed_devices(user, for_update=True)
        now = timezone.now()
        ends = [end for end in map(_lock_until, devices) if end and end > now]
        if ends:
            minutes = max(1, math.ceil((max(ends) - now).total_seconds() / 60))
            raise _locked_error(minutes)
        # Six digits are the app's; anything else can only be a recovery code (eight
        # characters, some of them possibly digits only).
        kind = TOTPDevice if code.isdigit() and len(code) == TOTP_DIGITS else StaticDevice
        tried = [device for device in devices if isinstance(device, kind)]
        for device in tried:
            if device.verify_token(code):
                _failures_reset(devices)
                return device
        if not tried and devices:
            # No recovery codes (or no app): the wrong code still counts.
            devices[0].throttle_increment()
    if kind is StaticDevice:
        message = _(
            "Dieser Wiederherstellungscode gilt nicht (mehr). Jeder Code gilt nur ein einziges "
            "Mal; bitte prüfen Sie die Schreibweise oder nehmen Sie einen anderen Code."
        )
    else:
        message = _(
            "Der Code stimmt nicht. Bitte geben Sie den Code ein, den Ihre App gerade anzeigt "
            "(sechs Ziffern; er wechselt alle 30 Sekunden)."
        )
    raise ValidationError(message, code="invalid")


def _failures_reset(devices: list[Device]) -> None:
    """A right code ends the count of wrong ones on every device of the account."""
    for device in devices:
        if device.throttling_failure_count:
            device.throttle_reset()


# --- setting it up --------------------------------------------------------------------------


@transaction.atomic
def second_factor_setup_start(*, user) -> TOTPDevice:
    """The app being set up: the account's unconfirmed one (the same secret on every reload),
    or a new one. A confirmed app stays valid until the new one is confirmed."""
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("-pk")
        .first()
    )
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    recovery_codes: list[str]


def second_factor_setup_confirm(*, user, device: TOTPDevice, code: str) -> Enrolment:
    """Confirm the app being set up with its first code: it replaces every other app of the
    account, and new recovery codes replace the old ones."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise_code(code)):
            raise ValidationError(
                _(
                    "Der Code stimmt nicht. Bitte prüfen Sie, ob Sie den QR-Code oder den "
                    "Schlüssel richtig übernommen haben, und geben Sie den Code ein, den Ihre "
                    "App gerade anzeigt."
                ),
                code="invalid",
            )
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _recovery_codes_replace(user)
    return Enrolment(device=device, recovery_codes=codes)


def _recovery_codes_replace(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        token = StaticToken.random_token()
        if token not in codes:
            codes.append(token)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=token) for token in codes)
    return codes


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """Ten new recovery codes; the old ones stop working. Only for an account with an app."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(
            _("Bitte richten Sie zuerst die App für den zweiten Faktor ein."), code="no_app"
        )
    return _recovery_codes_replace(user)


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def format_recovery_code(code: str) -> str:
    """Four and four characters, easier to copy by hand (the hyphen is ignored when typed)."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


# --- resetting it (a lost phone) -------------------------------------------------------------


def may_reset_second_factor(actor, target) -> bool:
    """Who may make another staff account set up its second factor anew: whoever has the
    permission (the officer), for another account of the administration, but a superuser's
    only by a superuser. Nobody resets their own here: they set up a new app after signing in
    with the old one or a recovery code."""
    return bool(
        actor.has_perms(RESET_PERMISSIONS)
        and actor.pk != target.pk
        and needs_second_factor(target)
        and (actor.is_superuser or not target.is_superuser)
    )


@transaction.atomic
def second_factor_reset(*, user: AbstractBaseUser, by: AbstractBaseUser | None = None) -> int:
    """Remove the account's app and recovery codes: at its next sign-in it sets them up anew,
    and sessions verified with them are no longer (OTPMiddleware drops a removed device).
    `by` is the acting user (None: the command line); returns how many devices were removed."""
    if by is not None and not may_reset_second_factor(by, user):
        raise PermissionDenied
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        count, _ = model.objects.filter(user=user).delete()
        removed += count
    return removed


# --- what the setup page shows ----------------------------------------------------------------


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret as the apps take it when typed (Base32), in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice, *, title: str) -> str:
    """The app's setup link as a QR code, as inline SVG markup: no image request, so the
    strict Content-Security-Policy needs no exception. `title` is its accessible name."""
    qr = segno.make(device.config_url, error="m")
    # A viewBox without a fixed size: the stylesheet sizes it, and it scales with the page.
    svg = qr.svg_inline(
        border=4, dark="#000", light="#fff", title=title, svgclass="qr-code", omitsize=True
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)
