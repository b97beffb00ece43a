"""The admin page that imports measures from the officer's spreadsheet.

Mixed into the MeasureAdmin (`class MeasureAdmin(MeasureImportAdminMixin, admin.ModelAdmin)`);
the page only collects the files and calls `measures.importing.measures_import`.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from concept.models import Concept
from measures.importing import MAX_FILE_SIZE, MAX_ROWS, MeasureImportError, measures_import

IMPORT_PERMISSIONS = ("measures.add_measure", "measures.change_measure")


class MeasureImportForm(forms.Form):
    file = forms.FileField(
        label=_("Maßnahmen (CSV oder XLSX)"),
        help_text=_(
            "CSV: Semikolon-getrennt, UTF-8. XLSX: Blatt „Maßnahmen“ (sonst das erste Blatt), "
            "optional ein Blatt „Empfehlungen“."
        ),
    )
    recommendations = forms.FileField(
        label=_("Handlungsempfehlungen (CSV oder XLSX, optional)"),
        required=False,
        help_text=_("Spalten „Kennung“, „Titel“, „Text“."),
    )
    concept = forms.ModelChoiceField(
        label=_("Konzept"), queryset=Concept.objects.none(), empty_label=None
    )

    def __init__(self, *args, concepts: list[Concept], **kwargs):
        super().__init__(*args, **kwargs)
        self.concepts = concepts
        if len(concepts) > 1:
            field = self.fields["concept"]
            field.queryset = Concept.objects.filter(pk__in=[c.pk for c in concepts])
            field.initial = next(
                (c.pk for c in concepts if c.slug == settings.PORTAL_CONCEPT_SLUG), None
            )
        else:
            del self.fields["concept"]

    def clean(self):
        cleaned = super().clean()
        if not self.concepts:
            raise forms.ValidationError(
                gettext("Es gibt noch kein Konzept, in das importiert werden könnte.")
            )
        if "concept" not in self.fields:
            cleaned["concept"] = self.concepts[0]
        return cleaned


class MeasureImportAdminMixin:
    """Adds the `import/` page and the „Importieren (CSV/XLSX)“ button to the changelist."""

    change_list_template = "admin/measures/measure/change_list.html"
    import_template = "admin/measures/measure/import.html"

    def get_urls(self):
        urls = super().get_urls()
        opts = self.model._meta
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            ),
            *urls,
        ]

    def has_import_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(IMPORT_PERMISSIONS)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        extra_context = dict(extra_context or {})
        if self.has_import_permission(request):
            opts = self.model._meta
            extra_context["measure_import_url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import"
            )
        return super().changelist_view(request, extra_context=extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        concepts = list(Concept.objects.order_by("title"))
        errors = []
        status = 200
        if request.method == "POST":
            form = MeasureImportForm(request.POST, request.FILES, concepts=concepts)
            if form.is_valid():
                data = form.cleaned_data
                recommendations = data.get("recommendations")
                try:
                    result = measures_import(
                        concept=data["concept"],
                        file=data["file"],
                        filename=data["file"].name,
                        recommendations_file=recommendations,
                        recommendations_filename=recommendations.name if recommendations else "",
                        by=request.user,
                    )
                except MeasureImportError as exc:
                    errors = exc.errors
                    status = 400
                else:
                    messages.success(request, result.summary())
                    for notice in result.notices:
                        messages.warning(request, notice)
                    return redirect(
                        f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist"
                    )
            else:
                status = 400
        else:
            form = MeasureImportForm(concepts=concepts)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Maßnahmen importieren"),
            "subtitle": None,
            "opts": opts,
            "app_label": opts.app_label,
            "form": form,
            "errors": errors,
            "max_file_size_mb": MAX_FILE_SIZE // (1024 * 1024),
            "max_rows": MAX_ROWS,
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, self.import_template, context, status=status)
