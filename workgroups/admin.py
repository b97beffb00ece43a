"""The officer's admin for working groups, their members and session rounds.

A change of a member's consent goes through `membership_consent_set`, so a withdrawn consent
removes the name from every amendment at once.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from concept.admin import ServiceErrorsMixin
from workgroups.models import Membership, Organisation, Session, WorkingGroup
from workgroups.services import membership_consent_set


def membership_save(membership: Membership, *, consent_changed: bool, save) -> None:
    """Save everything but the consent directly; a changed consent only through the service."""
    if not consent_changed or membership.pk is None:
        save()
        return
    consent = membership.consent_to_name
    membership.consent_to_name = not consent  # the stored value: it changed
    save()
    membership_consent_set(membership=membership, consent=consent)


@admin.register(Organisation)
class OrganisationAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("name", "sector", "member_count", "website", "is_example")
    list_filter = ("sector", "is_example")
    search_fields = ("name", "website")
    ordering = ("name",)
    fields = ("name", "sector", "website", "is_example")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description=_("Mitgliedschaften"), ordering="_member_count")
    def member_count(self, obj: Organisation) -> int:
        return obj._member_count


class SessionInline(admin.TabularInline):
    model = Session
    fields = ("round", "date", "date_text", "place", "minutes_public")
    ordering = ("round",)
    extra = 0
    show_change_link = True


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("name", "organisation", "user", "role", "consent_to_name", "is_example")
    autocomplete_fields = ("organisation", "user")
    ordering = ("organisation__name", "pk")
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "concept",
        "participant_count",
        "member_count",
        "session_count",
        "position",
    )
    list_filter = ("concept",)
    search_fields = ("name", "slug", "topic")
    list_select_related = ("concept",)
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("concept", "position", "name")
    inlines = [SessionInline, MembershipInline]
    fieldsets = (
        (None, {"fields": ("concept", "name", "slug", "position")}),
        (_("Thema und Teilnahme"), {"fields": ("topic", "participant_count")}),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _member_count=Count("memberships", distinct=True),
                _session_count=Count("sessions", distinct=True),
            )
        )

    @admin.display(description=_("Mitgliedschaften"), ordering="_member_count")
    def member_count(self, obj: WorkingGroup) -> int:
        return obj._member_count

    @admin.display(description=_("Sitzungen"), ordering="_session_count")
    def session_count(self, obj: WorkingGroup) -> int:
        return obj._session_count

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        instances = formset.save(commit=False)
        consent_changed = {
            obj.pk for obj, fields in formset.changed_objects if "consent_to_name" in fields
        }
        for obj in formset.deleted_objects:
            obj.delete()
        for membership in instances:
            membership_save(
                membership, consent_changed=membership.pk in consent_changed, save=membership.save
            )
        formset.save_m2m()


@admin.register(Membership)
class MembershipAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = (
        "__str__",
        "working_group",
        "organisation",
        "role",
        "has_account",
        "consent_to_name",
        "is_example",
    )
    list_filter = ("working_group", "role", "consent_to_name", "organisation__sector", "is_example")
    search_fields = (
        "name",
        "organisation__name",
        "working_group__name",
        "user__email",
        "user__first_name",
        "user__last_name",
    )
    list_select_related = ("working_group", "organisation", "user")
    autocomplete_fields = ("working_group", "organisation", "user")
    fieldsets = (
        (None, {"fields": ("working_group", "name", "organisation", "role", "user")}),
        (_("Einwilligung"), {"fields": ("consent_to_name",)}),
        (_("Verwaltung"), {"fields": ("is_example",)}),
    )

    @admin.display(description=_("Konto"), boolean=True, ordering="user")
    def has_account(self, obj: Membership) -> bool:
        return obj.user_id is not None

    def save_model(self, request, obj, form, change):
        membership_save(
            obj,
            consent_changed=change and "consent_to_name" in form.changed_data,
            save=lambda: super(MembershipAdmin, self).save_model(request, obj, form, change),
        )


@admin.register(Session)
class SessionAdmin(ServiceErrorsMixin, admin.ModelAdmin):
    list_display = ("__str__", "working_group", "round", "date_column", "place", "minutes_public")
    list_filter = ("working_group", "round", "minutes_public", "is_example")
    search_fields = ("working_group__name", "place", "date_text", "agenda", "minutes")
    date_hierarchy = "date"
    list_select_related = ("working_group",)
    autocomplete_fields = ("working_group",)
    ordering = ("working_group__position", "working_group__name", "round")
    fieldsets = (
        (None, {"fields": ("working_group", "round", "date", "date_text", "place")}),
        (_("Inhalt"), {"fields": ("agenda", "minutes", "minutes_public")}),
        (_("Verwaltung"), {"fields": ("is_example",)}),
    )

    @admin.display(description=_("Datum"), ordering="date")
    def date_column(self, obj: Session) -> str:
        return obj.date_label
