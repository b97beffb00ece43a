"""Accounts in the admin: only superusers manage staff accounts, groups and permissions.

Django warns that `auth.change_user` is in effect superuser status: whoever may edit users can
make themselves superuser or set a superuser's password and act under that name. So no role
edits `User` rows. The officer sees the members' accounts read-only („Mitgliederkonten“: neither
staff nor superusers, without staff flags, groups, permissions or passwords) and manages them
only through the services: invite, resend the invitation, deactivate, reactivate.

Accounts and memberships carry „Auskunft (Art. 15)“: the report of what is held about the
person (`admin_personal_data`), for the officer and superusers only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from minden_integration.accounts.admin_personal_data import PersonalDataReportMixin
from minden_integration.accounts.erasures import erasure_log_check
from minden_integration.accounts.personal_data import (
    personal_data_for_membership,
    personal_data_for_user,
)
from minden_integration.accounts.services import account_erase
from minden_integration.core.admin_helpers import service_for_each
from workgroups.admin import MembershipAdmin
from workgroups.models import Membership
from workgroups.services import (
    ADMINISTRATION_ACCOUNTS,
    invitation_resend,
    is_administration_account,
    member_deactivate,
    member_reactivate,
)

User = get_user_model()

# Managing members' accounts is part of managing memberships and invitations.
MEMBER_MANAGER_PERMISSIONS = ("workgroups.change_membership", "workgroups.add_invitation")

admin.site.unregister(User)
admin.site.unregister(Group)
# django-otp's own pages (English, showing secrets, adding devices for others) stay out: the
# second factor is set up by its holder and reset on the page of `second_factor_admin`.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


@admin.register(User)
class PortalUserAdmin(PersonalDataReportMixin, UserAdmin):
    actions = ["deactivate_members", "reactivate_members", "resend_invitations"]
    change_form_template = "admin/accounts/user_change_form.html"
    officer_list_display = ("username", "email", "first_name", "last_name", "is_active")
    officer_fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.exclude(ADMINISTRATION_ACCOUNTS)

    # Only a superuser adds, edits (staff flags, groups, permissions, passwords) or deletes.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        is_member_account = obj is None or not is_administration_account(obj)
        return request.user.has_perm("auth.view_user") and is_member_account

    def has_manage_members_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(MEMBER_MANAGER_PERMISSIONS)

    def get_fieldsets(self, request: HttpRequest, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.officer_fieldsets

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        if not request.user.is_superuser:
            # Not Django's user forms: they carry the password hash field whatever is shown.
            kwargs["form"] = forms.ModelForm
        return super().get_form(request, obj, **kwargs)

    def get_list_display(self, request: HttpRequest):
        if request.user.is_superuser:
            return super().get_list_display(request)
        return self.officer_list_display

    def get_list_filter(self, request: HttpRequest):
        if request.user.is_superuser:
            return super().get_list_filter(request)
        return ("is_active",)

    def _refuse_staff_accounts(self, request: HttpRequest, object_id: str) -> None:
        """Another account of the administration is refused, not reported missing; and nothing
        is posted to an account page by anyone but a superuser."""
        if request.user.is_superuser:
            return
        if request.method == "POST":
            raise PermissionDenied
        pk = object_id if object_id.isdigit() else None
        if User.objects.filter(ADMINISTRATION_ACCOUNTS, pk=pk).exists():
            raise PermissionDenied

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        self._refuse_staff_accounts(request, unquote(object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request: HttpRequest, object_id, extra_context=None):
        self._refuse_staff_accounts(request, unquote(object_id))
        if request.method == "POST":
            try:
                erasure_log_check()
            except OSError as error:
                self.message_user(
                    request,
                    gettext(
                        "Das Löschprotokoll kann nicht geschrieben werden (%(error)s); das "
                        "Konto bleibt deshalb bestehen."
                    )
                    % {"error": error.strerror or error},
                    messages.ERROR,
                )
                return redirect(request.path)
        return super().delete_view(request, object_id, extra_context)

    # Deleting a user is erasing a person: through the service, which also writes the erasure
    # log (a restored backup erases them again). A log that cannot be written refuses it.
    def delete_model(self, request: HttpRequest, obj) -> None:
        account_erase(user=obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for user in queryset.order_by("pk"):
            account_erase(user=user, by=request.user)

    def history_view(self, request: HttpRequest, object_id, extra_context=None):
        self._refuse_staff_accounts(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def user_change_password(self, request: HttpRequest, id, form_url=""):
        self._refuse_staff_accounts(request, unquote(id))
        return super().user_change_password(request, id, form_url)

    # The report of Art. 15 DSGVO (PersonalDataReportMixin): the officer's for members'
    # accounts, a superuser's for any.
    def check_object_id(self, request: HttpRequest, object_id: str) -> None:
        self._refuse_staff_accounts(request, object_id)

    def personal_data_report(self, obj):
        return personal_data_for_user(user=obj)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if not request.user.is_superuser:
            extra_context = {"title": gettext("Mitgliederkonten"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Konto deaktivieren"), permissions=["manage_members"])
    def deactivate_members(self, request, queryset):
        service_for_each(
            self,
            request,
            queryset.order_by("pk"),
            lambda user: member_deactivate(user=user),
            gettext("%(count)d Konto/Konten deaktiviert."),
        )

    @admin.action(description=_("Konto wieder aktivieren"), permissions=["manage_members"])
    def reactivate_members(self, request, queryset):
        service_for_each(
            self,
            request,
            queryset.order_by("pk"),
            lambda user: member_reactivate(user=user),
            gettext("%(count)d Konto/Konten wieder aktiviert."),
        )

    @admin.action(description=_("Einladung erneut senden"), permissions=["manage_members"])
    def resend_invitations(self, request, queryset):
        def resend(user):
            membership = user.memberships.order_by("pk").first()
            if membership is None:
                raise ValidationError(
                    gettext("%(user)s gehört zu keiner Arbeitsgruppe.")
                    % {"user": user.get_username()}
                )
            invitation_resend(membership=membership, invited_by=request.user)

        service_for_each(
            self,
            request,
            queryset.order_by("pk"),
            resend,
            gettext("%(count)d Einladung(en) erneut gesendet."),
        )


# The membership admin with the report of Art. 15 DSGVO, also for participants without an
# account: the report lives here, above the working groups.
admin.site.unregister(Membership)


@admin.register(Membership)
class PortalMembershipAdmin(PersonalDataReportMixin, MembershipAdmin):
    change_form_template = "admin/accounts/membership_change_form.html"

    def check_object(self, request: HttpRequest, obj: Membership) -> None:
        staff = obj.user_id is not None and is_administration_account(obj.user)
        if staff and not request.user.is_superuser:
            raise PermissionDenied

    def personal_data_report(self, obj: Membership):
        return personal_data_for_membership(membership=obj)


@admin.register(Group)
class PortalGroupAdmin(GroupAdmin):
    """Roles and their permissions: for superusers only."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser
