"""The admin's page for the second factor of the administration's accounts: who has set it
up, and, for the officer, resetting it when a colleague's phone is lost. A clerk has no such
page; nobody resets their own here (they set up a new app after signing in)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from minden_integration.accounts.second_factor import (
    RESET_PERMISSIONS,
    may_reset_second_factor,
    second_factor_reset,
)

User = get_user_model()


def index_links(user) -> dict:
    """The admin start page's way to the second factor: one's own, and the staff page for whoever
    may reset another's."""
    links = {"own_second_factor_url": reverse("accounts:profile") + "#second-factor-heading"}
    if user.has_perms(RESET_PERMISSIONS):
        links["staff_second_factor_url"] = reverse("admin:second-factor-staff")
    return links


def staff_accounts():
    """The accounts of the administration, with whether each has an app and how many recovery
    codes are left: one query."""
    return (
        User.objects.filter(Q(is_staff=True) | Q(is_superuser=True))
        .annotate(
            has_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            codes_left=Count(
                "staticdevice__token_set",
                filter=Q(staticdevice__confirmed=True),
                distinct=True,
            ),
        )
        .prefetch_related("groups")
        .order_by("username")
    )


def staff_list(request):
    if not request.user.has_perms(RESET_PERMISSIONS):
        raise PermissionDenied
    rows = [
        {"account": account, "may_reset": may_reset_second_factor(request.user, account)}
        for account in staff_accounts()
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Zweiter Faktor der Verwaltungskonten"),
        "rows": rows,
        "own_url": reverse("accounts:profile") + "#second-factor-heading",
    }
    return TemplateResponse(request, "admin/accounts/second_factor_list.html", context)


def staff_reset(request, pk: int):
    account = get_object_or_404(User, pk=pk)
    if not may_reset_second_factor(request.user, account):
        raise PermissionDenied
    if request.method == "POST":
        second_factor_reset(user=account, by=request.user)
        messages.success(
            request,
            _(
                "Der zweite Faktor von %(account)s ist zurückgesetzt. Bei der nächsten Anmeldung "
                "richtet das Konto ihn neu ein."
            )
            % {"account": account.get_username()},
        )
        return redirect("admin:second-factor-staff")
    context = {
        **admin.site.each_context(request),
        "title": _("Zweiten Faktor zurücksetzen"),
        "account": account,
        "list_url": reverse("admin:second-factor-staff"),
    }
    return TemplateResponse(request, "admin/accounts/second_factor_reset.html", context)
