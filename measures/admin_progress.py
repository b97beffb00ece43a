"""The officer's admin for implementation monitoring: progress updates with their review
(accept, hide with a public reason, correct with a public reason), indicators and contacts.

Updates are written only through `measures.progress`; the change form of an update is for
reading, its workflow pages beside it change it.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from concept.admin.common import WORKFLOW_TEMPLATE
from measures.models import (
    Indicator,
    IndicatorValue,
    MeasureContact,
    ProgressUpdate,
    ReviewState,
)
from measures.progress import progress_accept, progress_correct, progress_hide
from measures.progress_forms import ProgressCorrectForm, ProgressHideForm
from measures.progress_reads import FINISHED, stale_days
from measures.services import progress_record
from minden_integration.core.admin_a11y import AccessibleAutocompleteMixin, LabelledTabularInline
from minden_integration.core.admin_helpers import (
    ServiceErrorsMixin,
    WorkflowPageMixin,
    copy_columns,
    service_for_each,
)
from minden_integration.core.admin_history import AuditTrailAdmin

REVIEW_PERMISSION = "measures.change_progressupdate"


class ProgressUpdateForm(forms.ModelForm):
    date = forms.DateField(label=_("Datum"), initial=timezone.localdate)

    class Meta:
        model = ProgressUpdate
        fields = ("measure", "date", "status", "note", "is_example")


class ProgressUpdateInline(LabelledTabularInline):
    """Add-only: the officer's update is published at once; review happens on its own page."""

    model = ProgressUpdate
    form = ProgressUpdateForm
    fields = ("date", "status", "note", "is_example", "review", "reported_for", "recorded_by")
    readonly_fields = ("review", "reported_for", "recorded_by")
    ordering = ("-date", "-pk")
    extra = 1

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by", "reported_for")


class IndicatorInline(LabelledTabularInline):
    model = Indicator
    fields = ("position", "name", "unit", "baseline", "target", "is_example")
    ordering = ("position", "pk")
    extra = 0


class MeasureContactInline(LabelledTabularInline):
    """Who reports for the measure: an account, shown publicly only as its organisation."""

    model = MeasureContact
    fields = ("user", "organisation")
    autocomplete_fields = ("user", "organisation")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organisation")


class StaleFilter(admin.SimpleListFilter):
    """Measures under way without a published update for PORTAL_PROGRESS_STALE_DAYS."""

    title = _("Fortschrittsmeldung")
    parameter_name = "meldung"

    def lookups(self, request, model_admin):
        return [("ueberfaellig", _("überfällig"))]

    def queryset(self, request, queryset):
        if self.value() != "ueberfaellig":
            return queryset
        limit = timezone.localdate() - dt.timedelta(days=stale_days())
        return (
            queryset.exclude(status__in=FINISHED)
            .alias(
                last_published=Max(
                    "progress_updates__date",
                    filter=Q(progress_updates__review=ReviewState.PUBLISHED),
                )
            )
            .filter(
                Q(last_published__lt=limit)
                | Q(last_published__isnull=True, created_at__date__lt=limit)
            )
        )


class ProgressReviewMixin(WorkflowPageMixin):
    """Accept, hide and correct: admin actions and the pages beside an update's change form."""

    workflow_template = WORKFLOW_TEMPLATE

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(REVIEW_PERMISSION)

    def _change_url(self, update: ProgressUpdate) -> str:
        return reverse("admin:measures_progressupdate_change", args=[update.pk])

    def _update_or_404(self, request, object_id) -> ProgressUpdate:
        update = self.get_object(request, unquote(object_id))
        if update is None:
            raise Http404(gettext("Diese Fortschrittsmeldung gibt es nicht."))
        if not self.has_review_permission(request):
            raise PermissionDenied
        return update

    @admin.action(description=_("Annehmen und veröffentlichen"), permissions=["review"])
    def accept(self, request, queryset):
        service_for_each(
            self,
            request,
            queryset.select_related("measure"),
            lambda update: progress_accept(update=update, by=request.user),
            gettext("%(count)d Fortschrittsmeldung(en) veröffentlicht."),
        )

    @admin.action(
        description=_("Ausblenden (mit öffentlicher Begründung) …"), permissions=["review"]
    )
    def hide(self, request, queryset):
        """An intermediate page: one public reason for all selected."""
        updates = list(queryset.select_related("measure").order_by("pk"))
        form = ProgressHideForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            service_for_each(
                self,
                request,
                updates,
                lambda update: progress_hide(
                    update=update, by=request.user, reason=form.cleaned_data["public_reason"]
                ),
                gettext("%(count)d Fortschrittsmeldung(en) ausgeblendet."),
            )
            return None
        carry = [("action", "hide"), ("apply", "1")] + [
            (ACTION_CHECKBOX_NAME, u.pk) for u in updates
        ]
        return self._workflow_page(
            request,
            None,
            title=ngettext(
                "%(count)d Fortschrittsmeldung ausblenden",
                "%(count)d Fortschrittsmeldungen ausblenden",
                len(updates),
            )
            % {"count": len(updates)},
            form=form,
            submit_label=gettext("Ausblenden"),
            explanation=gettext(
                "Ausgeblendete Meldungen zählen nicht für den Umsetzungsstand; auf der Seite der "
                "Maßnahme steht statt ihrer die Begründung."
            ),
            cancel_url=reverse("admin:measures_progressupdate_changelist"),
            carry=carry,
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/berichtigen/",
                view(self.correct_view),
                name="measures_progressupdate_correct",
            ),
            *super().get_urls(),
        ]

    def correct_view(self, request, object_id):
        update = self._update_or_404(request, object_id)
        indicators = list(update.measure.indicators.order_by("position", "pk"))
        initial_values = {v.indicator_id: v.value for v in update.indicator_values.all()}
        form = ProgressCorrectForm(
            request.POST if request.method == "POST" else None,
            indicators=indicators,
            initial_values=initial_values,
            initial={"status": update.status, "note": update.note},
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                corrected = progress_correct(
                    update=update,
                    by=request.user,
                    reason=data["public_reason"],
                    status=data["status"],
                    note=data["note"],
                    values=form.values(),
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                self.log_change(request, corrected, gettext("berichtigt"))
                messages.success(request, gettext("Die Fortschrittsmeldung ist berichtigt."))
                return HttpResponseRedirect(self._change_url(corrected))
        return self._workflow_page(
            request,
            update,
            title=gettext("%(update)s berichtigen") % {"update": update},
            form=form,
            submit_label=gettext("Berichtigung speichern"),
            explanation=gettext(
                "Die Begründung erscheint öffentlich bei der Meldung; die frühere Fassung bleibt "
                "im Änderungsprotokoll."
            ),
        )


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(
    ProgressReviewMixin, AccessibleAutocompleteMixin, ServiceErrorsMixin, AuditTrailAdmin
):
    """Added here or by contacts; changed only through the review pages."""

    form = ProgressUpdateForm
    change_form_template = "admin/measures/progressupdate/change_form.html"
    list_display = (
        "measure",
        "date",
        "status",
        "review",
        "reported_for",
        "recorded_by",
        "is_example",
    )
    list_filter = ("review", "status", "is_example", "measure__working_group")
    search_fields = ("=measure__number", "measure__title", "note")
    date_hierarchy = "date"
    list_select_related = ("measure", "recorded_by", "reported_for")
    autocomplete_fields = ("measure",)
    fields = (
        "measure",
        "date",
        "status",
        "note",
        "is_example",
        "review",
        "public_reason",
        "reported_for",
        "recorded_by",
        "reviewed_by",
        "reviewed_at",
        "created_at",
    )
    readonly_fields = (
        "review",
        "public_reason",
        "reported_for",
        "recorded_by",
        "reviewed_by",
        "reviewed_at",
        "created_at",
    )
    ordering = ("-date", "-pk")
    actions = ["accept", "hide"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        created = progress_record(
            measure=obj.measure,
            status=obj.status,
            note=obj.note,
            date=obj.date,
            by=request.user,
            is_example=obj.is_example,
        )
        copy_columns(obj, created)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_review_permission(request):
            context["progress_tools"] = [
                (
                    reverse("admin:measures_progressupdate_correct", args=[obj.pk]),
                    gettext("Berichtigen"),
                )
            ]
            context["indicator_values"] = list(obj.indicator_values.select_related("indicator"))
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Indicator)
class IndicatorAdmin(AccessibleAutocompleteMixin, ServiceErrorsMixin, AuditTrailAdmin):
    list_display = ("name", "measure", "unit", "baseline", "target", "current", "is_example")
    list_filter = ("is_example", "measure__working_group")
    search_fields = ("name", "=measure__number", "measure__title")
    list_select_related = ("measure",)
    autocomplete_fields = ("measure",)
    fields = ("measure", "position", "name", "unit", "baseline", "target", "is_example")
    ordering = ("measure__number", "position", "pk")

    def get_queryset(self, request):
        return super().get_queryset(request).with_current()

    @admin.display(description=_("Aktueller Wert"))
    def current(self, obj: Indicator):
        return obj.current_value if obj.current_value is not None else "–"


class IndicatorValueForm(forms.ModelForm):
    public_reason = forms.CharField(
        label=_("Öffentliche Begründung der Berichtigung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Bitte geben Sie eine öffentliche Begründung an.")},
    )

    class Meta:
        model = IndicatorValue
        fields = ("update", "indicator", "value")

    def validate_constraints(self):
        """An update's value that exists already is replaced by the correction."""


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ServiceErrorsMixin, AuditTrailAdmin):
    """A value belongs to its update: adding one here corrects that update, with a public
    reason, like „Berichtigen“ on the update's page."""

    form = IndicatorValueForm
    list_display = ("indicator", "value", "update")
    list_filter = ("update__review",)
    search_fields = ("indicator__name", "=update__measure__number")
    list_select_related = ("indicator", "update__measure")
    fields = ("update", "indicator", "value", "public_reason")
    raw_id_fields = ("update", "indicator")
    ordering = ("-update__date", "indicator")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        return ("update", "indicator", "value") if obj else self.fields

    def save_model(self, request, obj, form, change):
        update = obj.update
        corrected = progress_correct(
            update=update,
            by=request.user,
            reason=form.cleaned_data["public_reason"],
            status=update.status,
            note=update.note,
            values={obj.indicator: obj.value},
        )
        copy_columns(obj, corrected.indicator_values.get(indicator=obj.indicator))


@admin.register(MeasureContact)
class MeasureContactAdmin(AccessibleAutocompleteMixin, ServiceErrorsMixin, AuditTrailAdmin):
    list_display = ("measure", "organisation", "user")
    list_filter = ("organisation",)
    search_fields = ("=measure__number", "measure__title", "organisation__name", "user__email")
    list_select_related = ("measure", "organisation", "user")
    autocomplete_fields = ("measure", "user", "organisation")
    fields = ("measure", "user", "organisation")
    ordering = ("measure__number", "organisation__name")
