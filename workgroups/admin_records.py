"""The admin's read-only records beside the memberships: the invitations sent and the
consents given and withdrawn (Art. 7 Abs. 1 DSGVO). Neither is edited here: invitations are
sent with „Mitglied einladen“, consents change only with the membership's consent field."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minden_integration.core.admin_a11y import LabelledTabularInline
from workgroups.consents import ConsentRecord
from workgroups.models import Invitation, Membership


class InvitationInline(LabelledTabularInline):
    """The invitations sent for a membership; read only, the token itself is never stored."""

    model = Invitation
    fields = ("created_at", "invited_by", "expires_at", "used_at", "revoked_at")
    readonly_fields = fields
    ordering = ("-created_at",)
    extra = 0
    can_delete = False
    verbose_name_plural = _("Einladungen")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ConsentRecordInline(LabelledTabularInline):
    """The consents given and withdrawn for a membership (Art. 7 Abs. 1 DSGVO); read only:
    they change only with the consent field above."""

    model = ConsentRecord
    fields = ("purpose", "given_at", "given_how", "withdrawn_at", "withdrawn_how", "text")
    readonly_fields = fields
    ordering = ("-given_at", "-pk")
    extra = 0
    can_delete = False
    verbose_name_plural = _("Nachweise der Einwilligungen")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Who was invited when, and whether the link was used; read only. „Hinzufügen“ is the
    invite form: an invitation exists only together with its email."""

    list_display = (
        "user",
        "group_column",
        "created_at",
        "expires_at",
        "state_column",
        "invited_by",
    )
    list_filter = ("membership__working_group",)
    search_fields = ("user__email", "membership__name", "membership__working_group__name")
    list_select_related = ("user", "membership__working_group", "invited_by")
    date_hierarchy = "created_at"
    fields = (
        "user",
        "membership",
        "created_at",
        "expires_at",
        "used_at",
        "revoked_at",
        "invited_by",
    )
    readonly_fields = fields

    @admin.display(description=_("Arbeitsgruppe"), ordering="membership__working_group__name")
    def group_column(self, obj: Invitation) -> str:
        return obj.membership.working_group.name

    @admin.display(description=_("Stand"))
    def state_column(self, obj: Invitation) -> str:
        return Invitation.State(obj.state(timezone.now())).label

    def has_change_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        return self.admin_site._registry[Membership].invite_view(request)


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    """Every consent with its text, how and when it was given and withdrawn; read only."""

    list_display = ("membership", "purpose", "given_at", "given_how", "withdrawn_at")
    list_filter = ("purpose", "given_how", "withdrawn_how", "membership__working_group")
    search_fields = ("membership__name", "membership__user__email", "text")
    list_select_related = ("membership__working_group", "membership__organisation")
    date_hierarchy = "given_at"
    fields = (
        "membership",
        "purpose",
        "text",
        "language",
        "given_at",
        "given_how",
        "given_by",
        "withdrawn_at",
        "withdrawn_how",
        "withdrawn_by",
        "note",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
