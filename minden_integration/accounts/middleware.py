"""The staff session's two rules: it ends after PORTAL_STAFF_IDLE_MINUTES without a request,
and it counts as signed in only once the second factor has been checked. Members are not
concerned by either.

Both run as view middleware, after Django's CSRF check: a forged form is refused, never kept.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _

from minden_integration.accounts.saved_forms import (
    form_pairs,
    saved_form_discard,
    saved_form_keep,
)
from minden_integration.accounts.second_factor import is_verified, needs_second_factor

# When the staff session last saw a request (seconds since the epoch).
SEEN_KEY = "portal_staff_seen"
# The stored time is renewed at most this often: not a session write on every request.
SEEN_RESOLUTION_SECONDS = 60

# What an account of the administration may open before its second factor is checked: the
# steps of signing in and out, and what those pages need (the language switch, the city's
# stylesheet and coat of arms).
BEFORE_SECOND_FACTOR = {
    "accounts:login",
    "accounts:logout",
    "accounts:second-factor",
    "accounts:second-factor-setup",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "admin:logout",
    "set_language",
    "robots",
    "city-css",
    "city-logo",
}


def staff_session_started(sender, request, user, **kwargs) -> None:
    """The idle clock of a staff session starts at sign-in (user_logged_in), so that its first
    request need not write the session."""
    if needs_second_factor(user) and hasattr(request, "session"):
        request.session[SEEN_KEY] = time.time()


class _ViewMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


def _keep_posted_form(request, user) -> bool:
    """After the session has been left: keep what the refused request posted, for `user`."""
    if request.method != "POST":
        return False
    pairs = form_pairs(request)
    if not pairs:
        return False
    return saved_form_keep(
        request,
        user_pk=user.pk,
        path=request.get_full_path(),
        pairs=pairs,
        had_files=bool(request.FILES),
    )


class StaffIdleMiddleware(_ViewMiddleware):
    """A staff session that has seen no request for PORTAL_STAFF_IDLE_MINUTES ends; a form
    sent into it is kept and offered again after signing in."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not needs_second_factor(user):
            return None
        now = time.time()
        seen = request.session.get(SEEN_KEY)
        if seen is not None and now - seen > settings.PORTAL_STAFF_IDLE_MINUTES * 60:
            return self.expire(request, user)
        if seen is None or now - seen >= SEEN_RESOLUTION_SECONDS:
            request.session[SEEN_KEY] = now
        if request.method == "POST":
            # A kept form sent again (or this form sent anew): it is no longer waiting.
            saved_form_discard(request, request.get_full_path())
        return None

    def expire(self, request, user):
        pairs = form_pairs(request) if request.method == "POST" else []
        path = request.get_full_path()
        logout(request)
        minutes = settings.PORTAL_STAFF_IDLE_MINUTES
        text = _(
            "Sie waren %(minutes)d Minuten lang nicht aktiv und sind deshalb abgemeldet worden."
        ) % {"minutes": minutes}
        if not pairs:
            messages.info(request, text)
            return redirect_to_login(path, resolve_url(settings.LOGIN_URL))
        kept = saved_form_keep(
            request, user_pk=user.pk, path=path, pairs=pairs, had_files=bool(request.FILES)
        )
        if kept:
            messages.info(
                request,
                text
                + " "
                + _(
                    "Ihre Eingaben sind aufbewahrt: Nach der Anmeldung sehen Sie sie wieder und "
                    "können sie absenden."
                ),
            )
            return redirect_to_login(
                reverse("accounts:saved-forms"), resolve_url(settings.LOGIN_URL)
            )
        messages.warning(
            request,
            text
            + " "
            + _(
                "Ihre Eingaben waren zu umfangreich, um sie aufzubewahren. Wenn Sie in Ihrem "
                "Browser zurückgehen, sind sie dort vielleicht noch zu sehen: bitte kopieren Sie "
                "sie, bevor Sie sich wieder anmelden."
            ),
        )
        return redirect_to_login(path, resolve_url(settings.LOGIN_URL))


class SecondFactorMiddleware(_ViewMiddleware):
    """An account of the administration whose session has not passed the second factor is
    led to it (or to setting it up) from every page but the steps of signing in."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not needs_second_factor(user) or is_verified(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in BEFORE_SECOND_FACTOR:
            return None
        if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        target = request.get_full_path()
        if _keep_posted_form(request, user):
            target = reverse("accounts:saved-forms")
        return redirect(f"{reverse('accounts:second-factor')}?{urlencode({'next': target})}")
