"""The public measures catalogue: list with facets and search, CSV download, detail page."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from concept.export_views import REVALIDATE, pending_response, rendered_response
from concept.exports import CSV
from concept.live_files import live_file_get
from concept.mixins import CurrentConceptMixin
from concept.models import Concept, ConceptVersion
from measures import opendata, opendata_live
from measures.filters import VOCABULARIES, MeasureFilter, Sort
from measures.models import Measure
from measures.search import text_matches
from minden_integration.core.facets import old_facet_redirect
from minden_integration.core.text import excerpt, markdown_to_text

# Stored for the search only: never shown, so never read with the rows.
SEARCH_DATA = ("search_vector", "search_text")


class MeasureFilterMixin(CurrentConceptMixin):
    def dispatch(self, request, *args, **kwargs):
        """Old addresses with English facet values move, for good, to the German slugs."""
        return old_facet_redirect(request, VOCABULARIES) or super().dispatch(
            request, *args, **kwargs
        )

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
        """A page number that is no number gives the first page, one too high the last. The
        number of results is the facets' own tally: one source for every count on the page."""
        paginator = self.get_paginator(queryset, page_size)
        paginator.count = self.filterset.tally.total
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        page.object_list = list(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        active_filters = filterset.active_filters(self.request.GET)
        filterset.label_choices_with_counts()
        page = context["page_obj"]
        terms = filterset.terms
        for measure in page.object_list:
            description = markdown_to_text(measure.description) if terms else ""
            measure.search_excerpt = (
                excerpt(description, terms, width=200)
                if any(text_matches(description, [term]) for term in terms)
                else ""
            )
        context.update(
            filter=filterset,
            active_filters=active_filters,
            filter_form_key=_form_key(self.request, filterset.form),
            terms=terms,
            page_range=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            shows_examples=any(measure.is_example for measure in page.object_list),
            sorted_by_relevance=filterset.sort == Sort.RELEVANCE,
            **_opendata_context(self.concept),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response_kwargs.setdefault("status", 400 if self.filterset.invalid else 200)
        return super().render_to_response(context, **response_kwargs)


class MeasureCsvView(MeasureFilterMixin, View):
    """Exactly the filtered, searched and sorted catalogue, every row, as CSV: the open data's
    columns, as recorded now."""

    def get(self, request, *args, **kwargs):
        filterset = self.filterset
        if filterset.invalid:
            fields = ", ".join(str(filterset.form.fields[name].label) for name in filterset.errors)
            return HttpResponseBadRequest(
                _("Ungültige Filterangaben: %(fields)s. Bitte die Auswahl auf der Seite prüfen.")
                % {"fields": fields},
                content_type="text/plain; charset=utf-8",
            )
        version = opendata_live.current_version(self.concept)
        if version is None:
            # Nothing published: no rows to render, at once.
            table = opendata_live.live_table(self.concept, None, filterset.qs)
            filename = opendata_live.filename(None, table.moment, CSV)
            return HttpResponse(
                opendata.table_csv(table),
                content_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": content_disposition_header(True, filename)},
            )
        return _live_response(
            request,
            version,
            opendata_live.CATALOGUE,
            CSV,
            params=opendata_live.catalogue_params(request.GET),
            label=_("Maßnahmenliste"),
            concept=None,
            inline=lambda: opendata.table_csv(
                opendata_live.live_table(self.concept, version, filterset.qs)
            ),
        )


def _live_response(
    request, version, document, export, *, params, label, concept, inline=None, part=""
):
    """The task worker's file of the current generation, or "wird erstellt" (202)."""
    live = live_file_get(version, document, export.key, params, inline=inline)
    if live.content is not None:
        # Rendered for a transaction's own uncommitted state (see `live_file_get`).
        etag = f'"{hashlib.sha256(live.content).hexdigest()}"'
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = HttpResponse(live.content, content_type=export.mime_type)
            filename = opendata_live.filename(concept, timezone.now(), export, part)
            response["Content-Disposition"] = content_disposition_header(True, filename)
        response["ETag"] = etag
        patch_cache_control(response, **REVALIDATE)
        return response
    if live.rendered is not None:
        response = rendered_response(
            request,
            live.rendered,
            filename=opendata_live.filename(concept, live.rendered.rendered_at, export, part),
            cache=REVALIDATE,
        )
        if response is not None:
            return response
    return pending_response(request, version=version, label=label, fmt=export, live=True)


@require_safe
def opendata_download(request, fmt: str):
    """All measures as open data (CSV, XLSX, JSON) with their status as recorded now: the
    address stays while the status changes, so every use asks again (answered by the ETag)."""
    concept = Concept.objects.current()
    version = opendata_live.current_version(concept)
    if version is None:
        raise Http404(_("Es ist noch keine Version des Konzepts veröffentlicht."))
    if fmt not in opendata.FORMATS:
        raise Http404(_("Dieses Dateiformat gibt es für dieses Dokument nicht."))
    return _live_response(
        request,
        version,
        opendata_live.OPENDATA,
        opendata.FORMATS[fmt],
        params={},
        label=opendata.KIND.label,
        concept=concept,
    )


@require_safe
def opendata_table_download(request, table: str, fmt: str):
    """The published progress updates or the indicators as a CSV of their own, as recorded
    now (the XLSX and the JSON of `opendata_download` hold them as sheets and keys)."""
    concept = Concept.objects.current()
    version = opendata_live.current_version(concept)
    if version is None:
        raise Http404(_("Es ist noch keine Version des Konzepts veröffentlicht."))
    if table not in opendata_live.TABLES or fmt not in opendata_live.TABLE_FORMATS:
        raise Http404(_("Dieses Dateiformat gibt es für dieses Dokument nicht."))
    document, part, _render, label = opendata_live.TABLES[table]
    return _live_response(
        request,
        version,
        document,
        opendata_live.TABLE_FORMATS[fmt],
        params={},
        label=label,
        concept=concept,
        part=part,
    )


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
            or any(item.is_example for item in measure.progress_updates.all())
            or any(item.is_example for item in measure.indicators.all()),
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


def _opendata_context(concept: Concept | None) -> dict:
    """The catalogue's downloads: the open data as recorded now, and the files the current
    version was frozen with, each labelled with how current its status is."""
    version = opendata_live.current_version(concept)
    if version is None:
        return {"opendata_live": [], "opendata_frozen": [], "opendata_version": None}
    frozen = opendata_live.frozen_downloads(version)
    return {
        "opendata_live": opendata_live.live_downloads(),
        "opendata_tables": opendata_live.table_downloads(),
        "opendata_frozen": frozen,
        "opendata_version": version,
        "opendata_frozen_stand": opendata.frozen_stand(version) if frozen else "",
    }
