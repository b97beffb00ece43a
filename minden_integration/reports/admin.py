"""The officer issues the annual implementation report from the admin: the first edition of a
closed year, and a berichtigte Fassung that names what changed. Both are confirmed POSTs that
call `measures.report_issuing`; the editions themselves are a register nobody edits."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.models import Concept
from measures.models import (
    ImplementationReport,
    ImplementationReportConsultation,
    ImplementationReportFile,
)
from measures.report_issuing import report_correct, report_issue, report_years_open
from minden_integration.core.admin_helpers import RegisterAdminMixin, WorkflowPageMixin

WORKFLOW_TEMPLATE = "admin/concept/workflow_form.html"
ISSUE_PERMISSION = "measures.add_implementationreport"


class ReportIssueForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Berichtsjahr"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class ReportCorrectForm(forms.Form):
    note = forms.CharField(
        label=_("Was wurde berichtigt?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Wird in der berichtigten Fassung abgedruckt."),
    )


@admin.register(ImplementationReport)
class ImplementationReportAdmin(RegisterAdminMixin, WorkflowPageMixin, admin.ModelAdmin):
    workflow_template = WORKFLOW_TEMPLATE
    list_display = ("title_column", "year", "edition", "issued_at", "files_column")
    list_filter = ("year",)
    fields = ("concept", "year", "edition", "correction_note", "issued_at", "issued_by", "page")
    readonly_fields = fields
    date_hierarchy = "issued_at"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content").prefetch_related("files")

    @admin.display(description=_("Bericht"))
    def title_column(self, obj: ImplementationReport) -> str:
        return obj.title

    @admin.display(description=_("Dateien"))
    def files_column(self, obj: ImplementationReport) -> str:
        return ", ".join(f.format.upper() for f in obj.files.all()) or gettext("wird erstellt")

    @admin.display(description=_("Öffentliche Seite"))
    def page(self, obj: ImplementationReport) -> str:
        return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm(ISSUE_PERMISSION)

    def _may_issue(self, request) -> bool:
        return request.user.has_perm(ISSUE_PERMISSION)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("issue/", view(self.issue_view), name="{}_{}_issue".format(*info)),
            path(
                "<path:object_id>/correct/",
                view(self.correct_view),
                name="{}_{}_correct".format(*info),
            ),
            *super().get_urls(),
        ]

    def _change_url(self, report) -> str:
        if report is None:
            return reverse("admin:measures_implementationreport_changelist")
        return reverse("admin:measures_implementationreport_change", args=[report.pk])

    def changelist_view(self, request, extra_context=None):
        extra = {}
        if self._may_issue(request):
            extra["report_issue_url"] = reverse("admin:measures_implementationreport_issue")
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {}
        if self._may_issue(request):
            extra["report_correct_url"] = reverse(
                "admin:measures_implementationreport_correct", args=[object_id]
            )
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def issue_view(self, request):
        if not self._may_issue(request):
            raise PermissionDenied
        concept = Concept.objects.current()
        if concept is None:
            raise Http404(gettext("Es gibt noch kein Konzept."))
        form = ReportIssueForm(request.POST or None, years=report_years_open(concept))
        if request.method == "POST" and form.is_valid():
            try:
                report = report_issue(
                    concept=concept, year=form.cleaned_data["year"], by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(
                    request,
                    gettext("%(title)s ist herausgegeben; die Dateien werden erstellt.")
                    % {"title": report.title},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._change_url(report))
        return self._workflow_page(
            request,
            None,
            title=gettext("Umsetzungsbericht herausgeben"),
            form=form,
            submit_label=gettext("Verbindlich herausgeben"),
            explanation=gettext(
                "Der Bericht hält den Stand jeder Maßnahme am Jahresende und die "
                "veröffentlichten Meldungen des Jahres fest. Er wird einmal herausgegeben; "
                "eine spätere Änderung erscheint als berichtigte Fassung."
            ),
        )

    def correct_view(self, request, object_id):
        if not self._may_issue(request):
            raise PermissionDenied
        report = self.get_object(request, unquote(object_id))
        if report is None:
            raise Http404(gettext("Diesen Umsetzungsbericht gibt es nicht."))
        form = ReportCorrectForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                corrected = report_correct(
                    concept=report.concept,
                    year=report.year,
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(
                    request,
                    gettext("%(title)s ist herausgegeben; die Dateien werden erstellt.")
                    % {"title": corrected.title},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._change_url(corrected))
        return self._workflow_page(
            request,
            report,
            title=gettext("Berichtigte Fassung herausgeben"),
            form=form,
            submit_label=gettext("Berichtigte Fassung verbindlich herausgeben"),
            explanation=gettext(
                "Die bisherigen Fassungen bleiben gültig und verweisen auf die neue. Die "
                "berichtigte Fassung nennt Ihre Angabe und die geänderten Maßnahmen."
            ),
        )


@admin.register(ImplementationReportFile)
class ImplementationReportFileAdmin(RegisterAdminMixin, admin.ModelAdmin):
    """The reports' issued files: written once by the task worker, never edited."""

    list_display = ("report", "format", "size", "sha256", "created_at")
    list_filter = ("format",)
    search_fields = ("sha256", "sha512")
    list_select_related = ("report",)


@admin.register(ImplementationReportConsultation)
class ImplementationReportConsultationAdmin(admin.ModelAdmin):
    """The bodies' Kenntnisnahme of a report: planned when it is issued, the officer records
    the day and the agenda item once a body has taken note."""

    list_display = ("report", "body", "held_on", "agenda_item")
    list_filter = ("body",)
    list_select_related = ("report", "body")
    fields = ("report", "body", "held_on", "agenda_item")
    readonly_fields = ("report", "body")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("report__content")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
