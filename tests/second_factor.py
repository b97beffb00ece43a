"""The second factor in tests: a staff account's app, and the code it would show now."""

from __future__ import annotations

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user) -> TOTPDevice:
    """The account's app, set up and confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="App", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one when the current one has been used in this
    30-second step already (django-otp takes each step's code once; its tolerance of one step
    and its drift correction then accept the next)."""
    device.refresh_from_db()
    now = (int(time.time()) - device.t0) // device.step + device.drift
    step = max(now, device.last_t + 1)
    return str(hotp(device.bin_key, step, digits=device.digits)).zfill(device.digits)


def session_verify(client, user) -> TOTPDevice:
    """Mark the client's session as past the second factor with the account's app, as
    `django_otp.login` does after a right code."""
    device = confirmed_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
