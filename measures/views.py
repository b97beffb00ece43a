"""The public measures catalogue: list with facets and search, CSV download, detail page."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from concept.models import Concept, ConceptVersion
from concept.text import excerpt
from measures.filters import MeasureFilter, Sort
from measures.models import Measure, MeasureStatus, Priority, Timeframe
from measures.search import text_matches

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
# A cell starting with one of these is a formula to Excel/LibreOffice (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class CurrentConceptMixin:
    @cached_property
    def concept(self) -> Concept | None:
        return Concept.objects.current()


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
        response = HttpResponse(
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_HEADERS)
        # The content is German, so are the labels of its columns.
        with translation.override("de"):
            writer.writerows(
                _csv_row(measure) for measure in filterset.qs.for_export().defer(*SEARCH_DATA)
            )
        return response


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


def _csv_row(measure: Measure) -> list[str]:
    return [
        _csv_cell(value)
        for value in (
            str(measure.number),
            measure.title,
            measure.description,
            measure.working_group.name,
            str(measure.goal) if measure.goal_id else "",
            str(MeasureStatus(measure.status).label),
            str(Timeframe(measure.timeframe).label),
            str(Priority(measure.priority).label),
            measure.lead_organisation.name if measure.lead_organisation_id else "",
            _joined(org.name for org in measure.partners.all()),
            _joined(group.name for group in measure.target_groups.all()),
            _joined(rec.code for rec in measure.recommendations.all()),
            _("ja") if measure.is_example else _("nein"),
        )
    ]


def _joined(values: Iterable[str]) -> str:
    return ", ".join(values)


def _csv_cell(value: str) -> str:
    """Neutralise formulas: spreadsheet programs must show the text, not run it."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value
