"""Members' account pages: Django's auth views with German templates, the invitation link,
the profile with consent, the information about one's own data (Art. 15 DSGVO), deleting the
own account, and the lockout page. No registration."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from minden_integration.accounts.forms import AccountDeleteForm, ConsentForm, LoginForm
from minden_integration.accounts.personal_data import (
    personal_data_for_user,
    personal_data_response,
)
from minden_integration.accounts.selectors import profile_context
from minden_integration.accounts.services import account_erase, profile_visit_register
from minden_integration.accounts.throttling import client_ip, lockout_minutes_left
from workgroups.consents import ConsentHow
from workgroups.models import Invitation, Membership
from workgroups.services import (
    invitation_accept,
    invitation_find,
    membership_consent_set,
)

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class BadRequestOnInvalidMixin:
    """A form with errors comes back with status 400, like every other form of the portal."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LoginView(BadRequestOnInvalidMixin, auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Staff work in the admin: without a `next`, they land on its start page (its
        worklist), members on the participation page."""
        if self.request.user.is_staff:
            return reverse("admin:index")
        return super().get_default_redirect_url()


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Sie sind abgemeldet."))
        return response


class PasswordChangeView(BadRequestOnInvalidMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password-change-done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(BadRequestOnInvalidMixin, auth_views.PasswordResetView):
    """The same answer whether or not an account has the address (Django's behaviour)."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/emails/password_reset_email.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    @property
    def extra_email_context(self):
        # The link is built on PORTAL_BASE_URL, never on the request's Host header.
        return {"base_url": settings.PORTAL_BASE_URL}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(BadRequestOnInvalidMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _invitation_invalid(request, reason: str):
    """Unknown (or altered) links are 404; used, replaced or expired ones are 410 Gone."""
    status = 404 if reason == "unknown" else 410
    return render(request, "accounts/invitation_invalid.html", {"reason": reason}, status=status)


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request, token: str):
    invitation = invitation_find(token=token)
    if invitation is None:
        return _invitation_invalid(request, "unknown")
    state = invitation.state(timezone.now())
    if state != Invitation.State.OPEN:
        return _invitation_invalid(request, state)
    form = SetPasswordForm(invitation.user, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                user = invitation_accept(token=token, password=form.cleaned_data["new_password1"])
            except ValidationError as exc:
                return _invitation_invalid(request, exc.code or "unknown")
            login(request, user, backend=MODEL_BACKEND)
            messages.success(
                request, _("Willkommen! Ihr Passwort ist gespeichert und Sie sind angemeldet.")
            )
            return redirect("accounts:profile")
        status = 400
    context = {"form": form, "invitation": invitation}
    return render(request, "accounts/invitation_accept.html", context, status=status)


@login_required
def profile(request):
    since = profile_visit_register(user=request.user)
    context = profile_context(user=request.user, since=since)
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def consent_update(request, pk: int):
    membership = get_object_or_404(Membership, pk=pk, user=request.user)
    form = ConsentForm(request.POST)
    if form.is_valid():
        consent = form.cleaned_data["consent_to_name"]
        membership_consent_set(
            membership=membership, consent=consent, how=ConsentHow.FORM, by=request.user
        )
        if consent:
            messages.success(request, _("Danke! Ihr Name darf nun genannt werden."))
        else:
            messages.success(
                request, _("Ihre Einwilligung ist widerrufen; Ihr Name wird nirgends mehr gezeigt.")
            )
    return redirect("accounts:profile")


@never_cache
@login_required
def personal_data(request):
    """The information of Art. 15 DSGVO about the signed-in person, as a readable page."""
    context = {"report": personal_data_for_user(user=request.user)}
    return render(request, "accounts/personal_data.html", context)


@never_cache
@login_required
def personal_data_download(request):
    """The copy of Art. 15 Abs. 3 DSGVO: the same report as a JSON file."""
    return personal_data_response(personal_data_for_user(user=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request):
    can_delete = not (request.user.is_staff or request.user.is_superuser)
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not can_delete:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            try:
                account_erase(user=request.user, by=request.user)
            except ValidationError as error:
                # The erasure log cannot be written: nothing was deleted.
                form.add_error(None, error)
                status = 503
            else:
                logout(request)
                messages.success(request, _("Ihr Konto ist gelöscht."))
                return redirect("home")
    context = {"form": form, "can_delete_account": can_delete}
    return render(request, "accounts/account_delete.html", context, status=status)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): the German page, status 429."""
    minutes = lockout_minutes_left(
        ip_address=getattr(request, "axes_ip_address", None) or client_ip(request),
    )
    return render(
        request,
        "accounts/locked.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
