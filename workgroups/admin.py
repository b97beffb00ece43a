"""The officer's admin for working groups, their members and session rounds.

A change of a member's consent goes through `membership_consent_set`, which records it
(Art. 7 Abs. 1 DSGVO: when, which text, entered by whom) and, when withdrawn, removes the name
from every amendment at once; the records are shown read-only. Members get an account only by
invitation („Mitglied einladen“, `member_invite`).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from minden_integration.core.admin_a11y import AccessibleAutocompleteMixin, LabelledTabularInline
from minden_integration.core.admin_helpers import ServiceErrorsMixin, service_for_each
from workgroups.admin_records import ConsentRecordInline, InvitationInline
from workgroups.consents import ConsentHow
from workgroups.models import Membership, Organisation, Session, WorkingGroup
from workgroups.services import invitation_resend, member_invite, membership_consent_set

INVITE_PERMISSIONS = ("workgroups.add_membership", "workgroups.add_invitation")


def can_invite(request: HttpRequest) -> bool:
    return request.user.has_perms(INVITE_PERMISSIONS)


class MemberInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        error_messages={
            "required": _("Bitte geben Sie die E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein."),
        },
        help_text=_("Sie wird der Benutzername. Gibt es schon ein Konto damit, wird es verwendet."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie den Namen an.")},
        help_text=_("Öffentlich nur mit Einwilligung, die das Mitglied selbst gibt."),
    )
    working_group = forms.ModelChoiceField(
        label=_("Arbeitsgruppe"),
        queryset=WorkingGroup.objects.select_related("concept").order_by(
            "concept__title", "position", "name"
        ),
        error_messages={"required": _("Bitte wählen Sie die Arbeitsgruppe.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name"), required=False
    )


def membership_save(membership: Membership, *, consent_changed: bool, save, by) -> None:
    """Save everything but the consent directly; the consent only through the service, which
    records it as entered in the admin by `by`. A new membership is saved without it first."""
    consent = membership.consent_to_name
    if membership.pk is None:
        membership.consent_to_name = False
        save()
        if consent:
            membership_consent_set(membership=membership, consent=True, how=ConsentHow.ADMIN, by=by)
        return
    if not consent_changed:
        save()
        return
    membership.consent_to_name = not consent  # the stored value: it changed
    save()
    membership_consent_set(membership=membership, consent=consent, how=ConsentHow.ADMIN, by=by)


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


class SessionInline(LabelledTabularInline):
    model = Session
    fields = ("round", "date", "date_text", "place", "minutes_public")
    ordering = ("round",)
    extra = 0
    show_change_link = True


class MembershipInline(LabelledTabularInline):
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
    change_form_template = "admin/workgroups/workinggroup/change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if can_invite(request):
            extra_context["member_invite_url"] = (
                reverse("admin:workgroups_membership_invite") + f"?working_group={object_id}"
            )
        return super().change_view(request, object_id, form_url, extra_context)

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
                membership,
                consent_changed=membership.pk in consent_changed,
                save=membership.save,
                by=request.user,
            )
        formset.save_m2m()


@admin.register(Membership)
class MembershipAdmin(AccessibleAutocompleteMixin, ServiceErrorsMixin, admin.ModelAdmin):
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
    inlines = [ConsentRecordInline, InvitationInline]
    actions = ["resend_invitations"]
    change_list_template = "admin/workgroups/membership/change_list.html"
    invite_template = "admin/workgroups/membership/invite.html"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "einladen/",
                self.admin_site.admin_view(self.invite_view),
                name=f"{opts.app_label}_{opts.model_name}_invite",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if can_invite(request):
            extra_context["member_invite_url"] = reverse("admin:workgroups_membership_invite")
        return super().changelist_view(request, extra_context=extra_context)

    def invite_view(self, request: HttpRequest) -> HttpResponse:
        """„Mitglied einladen“: account, membership and a one-time link by email."""
        if not can_invite(request):
            raise PermissionDenied
        opts = self.model._meta
        status = 200
        if request.method == "POST":
            form = MemberInviteForm(request.POST)
            if form.is_valid():
                try:
                    invitation = member_invite(**form.cleaned_data, invited_by=request.user)
                except ValidationError as exc:
                    if hasattr(exc, "error_dict"):
                        for field, errors in exc.error_dict.items():
                            form.add_error(field if field in form.fields else None, errors)
                    else:
                        form.add_error(None, exc)
                except IntegrityError:
                    form.add_error(
                        None,
                        gettext("Die Einladung wurde gleichzeitig geändert. Bitte erneut senden."),
                    )
                except OSError:
                    messages.error(
                        request,
                        gettext(
                            "Die Einladung ist angelegt, aber die E-Mail konnte nicht gesendet "
                            "werden. Bitte prüfen Sie die Adresse und laden Sie erneut ein."
                        ),
                    )
                    return redirect("admin:workgroups_membership_changelist")
                else:
                    self.log_addition(
                        request,
                        invitation.membership,
                        gettext("Eingeladen: %(email)s") % {"email": invitation.user.email},
                    )
                    messages.success(
                        request,
                        gettext(
                            "Einladung an %(email)s gesendet (gültig bis %(expires)s). Ältere, "
                            "noch offene Einladungen dieses Kontos gelten nicht mehr."
                        )
                        % {
                            "email": invitation.user.email,
                            "expires": date_format(
                                timezone.localtime(invitation.expires_at), "DATETIME_FORMAT"
                            ),
                        },
                    )
                    return redirect("admin:workgroups_membership_change", invitation.membership.pk)
            status = 400
        else:
            form = MemberInviteForm(initial={"working_group": request.GET.get("working_group")})
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Mitglied einladen"),
            "subtitle": None,
            "opts": opts,
            "app_label": opts.app_label,
            "form": form,
            "valid_days": settings.PORTAL_INVITATION_VALID_DAYS,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, self.invite_template, context, status=status)

    def has_invite_permission(self, request: HttpRequest) -> bool:
        return can_invite(request)

    @admin.action(description=_("Einladung erneut senden"), permissions=["invite"])
    def resend_invitations(self, request, queryset):
        service_for_each(
            self,
            request,
            queryset.order_by("pk"),
            lambda membership: invitation_resend(membership=membership, invited_by=request.user),
            gettext("%(count)d Einladung(en) erneut gesendet."),
        )

    @admin.display(description=_("Konto"), boolean=True, ordering="user")
    def has_account(self, obj: Membership) -> bool:
        return obj.user_id is not None

    def save_model(self, request, obj, form, change):
        membership_save(
            obj,
            consent_changed=change and "consent_to_name" in form.changed_data,
            save=lambda: super(MembershipAdmin, self).save_model(request, obj, form, change),
            by=request.user,
        )


@admin.register(Session)
class SessionAdmin(AccessibleAutocompleteMixin, ServiceErrorsMixin, admin.ModelAdmin):
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
