"""The public measures catalogue: list with facets and search, CSV download, detail page."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from concept.export_views import SHORT, export_or_404, export_response
from concept.mixins import CurrentConceptMixin
from concept.models import Concept, ConceptVersion
from concept.selectors import version_current
from measures import opendata
from measures.filters import MeasureFilter, Sort
from measures.models import EXPORT_SEPARATOR, Measure
from measures.search import text_matches
from minden_integration.core.tables import csv_bytes
from minden_integration.core.text import excerpt

CSV_HEADERS = (
    "Nummer",
    "Titel",
    "Beschreibung",
    "Arbeitsgruppe",
    "Ziel",
    "Status",
    "Zeitraum",
    "Priorität",
    "Federführung",
    "Partner",
    "Zielgruppen",
    "Empfehlungen",
    "Beispielinhalt",
)
# Stored for the search only: never shown, so never read with the rows.
SEARCH_DATA = ("search_vector", "search_text")


class MeasureFilterMixin(CurrentConceptMixin):
    @cached_property
    def filterset(self) -> MeasureFilter:
        return MeasureFilter(self.request.GET, concept=self.concept, request=self.request)


class MeasureListView(MeasureFilterMixin, ListView):
    """Unknown filter values are ignored and explained next to their field, with status 400."""

    template_name = "measures/measure_list.html"
    context_object_name = "measures"
    paginate_by = 25
    page_kwarg = "seite"

    def get_queryset(self):
        return self.filterset.qs.for_list().defer(*SEARCH_DATA)

    def paginate_queryset(self, queryset, page_size):
        """A page number that is no number gives the first page, one too high the last."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        page.object_list = list(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        filterset.label_choices_with_counts()
        page = context["page_obj"]
        terms = filterset.terms
        for measure in page.object_list:
            measure.search_excerpt = (
                excerpt(measure.description, terms, width=200)
                if any(text_matches(measure.description, [term]) for term in terms)
                else ""
            )
        context.update(
            filter=filterset,
            filter_form_key=_form_key(self.request, filterset.form),
            terms=terms,
            page_range=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            shows_examples=any(measure.is_example for measure in page.object_list),
            sorted_by_relevance=filterset.sort == Sort.RELEVANCE,
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response_kwargs.setdefault("status", 400 if self.filterset.invalid else 200)
        return super().render_to_response(context, **response_kwargs)


class MeasureCsvView(MeasureFilterMixin, View):
    """Exactly the filtered, searched and sorted catalogue, every row, as CSV."""

    def get(self, request, *args, **kwargs):
        filterset = self.filterset
        if filterset.invalid:
            fields = ", ".join(str(filterset.form.fields[name].label) for name in filterset.errors)
            return HttpResponseBadRequest(
                _("Ungültige Filterangaben: %(fields)s. Bitte die Auswahl auf der Seite prüfen.")
                % {"fields": fields},
                content_type="text/plain; charset=utf-8",
            )
        filename = f"massnahmen-{timezone.localdate():%Y-%m-%d}.csv"
        # The content is German, so are the labels of its columns. Written to memory first:
        # the response's own write() costs an encoding per row.
        with translation.override("de"):
            labels = _csv_labels()
            content = csv_bytes(
                CSV_HEADERS, (_csv_row(row, labels) for row in filterset.qs.for_export())
            )
        return HttpResponse(
            content,
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


@require_safe
def opendata_download(request, fmt: str):
    """The measures of the current version as open data (CSV, XLSX, JSON). The address stays
    while the current version changes, so even a stored file is kept only briefly."""
    version = version_current(Concept.objects.current())
    if version is None:
        raise Http404(_("Es ist noch keine Version des Konzepts veröffentlicht."))
    export = export_or_404(version, opendata.DOCUMENT, fmt)
    return export_response(request, export, stored_cache=SHORT, rendered_cache=SHORT)


class MeasureDetailView(CurrentConceptMixin, DetailView):
    template_name = "measures/measure_detail.html"
    context_object_name = "measure"
    slug_field = "number"
    slug_url_kwarg = "number"

    @cached_property
    def version(self) -> ConceptVersion | None:
        if self.concept is None:
            return None
        return ConceptVersion.objects.filter(concept=self.concept).current()

    def get_queryset(self):
        if self.concept is None:
            return Measure.objects.none()
        return Measure.objects.for_concept(self.concept).for_detail(self.version)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        measure = self.object
        context.update(
            version=self.version,
            shows_examples=measure.is_example
            or any(item.is_example for item in measure.recommendations.all())
            or any(item.is_example for item in measure.progress_updates.all()),
        )
        return context


def _form_key(request, form) -> str:
    """Names the rendered filter form: what was asked and every option label with its count;
    rendering the form costs more than computing it."""
    choices = [
        (name, [(str(value), str(label)) for value, label in getattr(field, "choices", [])])
        for name, field in form.fields.items()
    ]
    material = repr((sorted(request.GET.lists()), choices))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _csv_labels() -> dict[str, dict]:
    """The German labels of the coded columns, resolved once per download."""
    return {**opendata.measure_labels(), "example": {True: str(_("ja")), False: str(_("nein"))}}


def _csv_row(row, labels: dict[str, dict]) -> list[str]:
    goal = f"{row.export_goal_code} {row.export_goal_title}" if row.export_goal_code else ""
    return [
        value or ""
        for value in (
            str(row.number),
            row.title,
            row.description,
            row.export_group,
            goal,
            labels["status"][row.status],
            labels["timeframe"][row.timeframe],
            labels["priority"][row.priority],
            row.export_lead,
            _sorted_list(row.export_partners),
            _sorted_list(row.export_target_groups),
            _sorted_list(row.export_recommendations),
            labels["example"][row.is_example],
        )
    ]


def _sorted_list(joined: str | None) -> str:
    return ", ".join(sorted(joined.split(EXPORT_SEPARATOR))) if joined else ""
