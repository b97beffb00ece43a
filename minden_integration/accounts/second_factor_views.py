"""The second factor's pages for staff: checking a code after the password, setting up the
app, the recovery codes, and the forms kept when a session ended."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from minden_integration.accounts.forms import RecoveryCodeForm, SecondFactorCodeForm
from minden_integration.accounts.saved_forms import saved_form_discard, saved_forms_for
from minden_integration.accounts.second_factor import (
    format_recovery_code,
    has_second_factor,
    is_verified,
    needs_second_factor,
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_check,
    second_factor_setup_confirm,
    second_factor_setup_start,
    second_factor_wait,
    totp_qr_svg,
    totp_secret_text,
)

# The recovery codes just made, shown once on the next page and then gone from the session.
NEW_CODES_KEY = "portal_new_recovery_codes"


def _next_url(request) -> str:
    """Where to go once signed in: a safe `next`, else the admin's start page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _signed_in(request, device) -> None:
    """The session has passed the second factor: a new session key for the new privileges."""
    otp_login(request, device)
    request.session.cycle_key()


@never_cache
@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_verify(request):
    user = request.user
    if not needs_second_factor(user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = _next_url(request)
    if is_verified(user):
        return redirect(next_url)
    if not has_second_factor(user):
        return redirect(_with_next("accounts:second-factor-setup", next_url))
    code_form = SecondFactorCodeForm(autofocus=True)
    recovery_form = RecoveryCodeForm()
    status = 200
    if request.method == "POST":
        if "recovery_code" in request.POST:
            form, field = RecoveryCodeForm(request.POST), "recovery_code"
            recovery_form = form
        else:
            form, field = SecondFactorCodeForm(request.POST, autofocus=True), "code"
            code_form = form
        status = 400
        if form.is_valid():
            try:
                device = second_factor_check(user=user, code=form.cleaned_data[field])
            except ValidationError as error:
                form.add_error(field, error)
                status = 429 if error.code == "locked" else 400
            else:
                _signed_in(request, device)
                if isinstance(device, StaticDevice):
                    _recovery_code_used(request)
                return redirect(next_url)
    context = {
        "code_form": code_form,
        "recovery_form": recovery_form,
        "next": next_url,
        "wait_minutes": second_factor_wait(user=user),
    }
    return render(request, "accounts/second_factor_verify.html", context, status=status)


def _recovery_code_used(request) -> None:
    left = recovery_codes_left(request.user)
    messages.warning(
        request,
        ngettext(
            "Sie haben sich mit einem Wiederherstellungscode angemeldet; er gilt nun nicht mehr. "
            "Es bleibt %(count)d Code. Haben Sie Ihr Telefon verloren, richten Sie unter „Mein "
            "Konto“ die App neu ein.",
            "Sie haben sich mit einem Wiederherstellungscode angemeldet; er gilt nun nicht mehr. "
            "Es bleiben %(count)d Codes. Haben Sie Ihr Telefon verloren, richten Sie unter „Mein "
            "Konto“ die App neu ein.",
            left,
        )
        % {"count": left},
    )


@never_cache
@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    """Setting up the app: at the first sign-in, or later (signed in with the old one or a
    recovery code) for a new phone. Never with the password alone while an app exists."""
    user = request.user
    if not needs_second_factor(user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = _next_url(request)
    renewal = has_second_factor(user)
    if renewal and not is_verified(user):
        return redirect(_with_next("accounts:second-factor", next_url))
    device = second_factor_setup_start(user=user)
    form = SecondFactorCodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                enrolment = second_factor_setup_confirm(
                    user=user, device=device, code=form.cleaned_data["code"]
                )
            except ValidationError as error:
                form.add_error("code", error)
            else:
                _signed_in(request, enrolment.device)
                request.session[NEW_CODES_KEY] = enrolment.recovery_codes
                messages.success(request, _("Die App ist eingerichtet."))
                return redirect(_with_next("accounts:recovery-codes", next_url))
    context = {
        "form": form,
        "next": next_url,
        "renewal": renewal,
        "qr_svg": totp_qr_svg(device, title=_("QR-Code zum Einrichten der App")),
        "secret": totp_secret_text(device),
        "account_label": user.get_username(),
    }
    return render(request, "accounts/second_factor_setup.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes are shown once, right after they are made; later only how many are
    left, and the button that replaces them."""
    user = request.user
    if not needs_second_factor(user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = _next_url(request)
    if not is_verified(user):
        return redirect(_with_next("accounts:second-factor", request.get_full_path()))
    if request.method == "POST":
        try:
            request.session[NEW_CODES_KEY] = recovery_codes_renew(user=user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(_with_next("accounts:second-factor-setup", next_url))
        messages.success(request, _("Neue Wiederherstellungscodes sind erzeugt."))
        return redirect(_with_next("accounts:recovery-codes", next_url))
    codes = request.session.pop(NEW_CODES_KEY, None)
    context = {
        "codes": [format_recovery_code(code) for code in codes or []],
        "left": recovery_codes_left(user),
        "next": next_url,
    }
    return render(request, "accounts/recovery_codes.html", context)


@never_cache
@login_required
def saved_forms(request):
    """The forms this account sent after its session had ended: to be sent again."""
    context = {"forms": saved_forms_for(request)}
    return render(request, "accounts/saved_forms.html", context)


@login_required
@require_POST
def saved_form_drop(request):
    path = request.POST.get("path", "")
    saved_form_discard(request, path)
    messages.info(request, _("Die aufbewahrten Eingaben sind verworfen."))
    if url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}):
        return redirect(path)
    return redirect("accounts:profile")
