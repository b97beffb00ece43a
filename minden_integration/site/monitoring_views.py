"""/umsetzung/: the state of implementation at a glance, and its numbers as CSV."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concept.models import Concept
from measures.filters import VOCABULARIES
from minden_integration.core.facets import old_facet_redirect
from minden_integration.core.tables import csv_bytes
from minden_integration.site.monitoring import (
    charts_build,
    csv_rows,
    overview_build,
    summaries,
)
from minden_integration.site.monitoring_filters import MonitoringFilter


def _filtered(request):
    concept = Concept.objects.current()
    filterset = MonitoringFilter(request.GET, concept=concept)
    overview = overview_build(concept, filterset.qs, timezone.localdate())
    return concept, filterset, overview


@require_safe
def overview(request):
    """Unknown filter values are ignored and explained at their field, with status 400."""
    redirect = old_facet_redirect(request, VOCABULARIES)
    if redirect is not None:
        return redirect
    concept, filterset, data = _filtered(request)
    query = request.GET.urlencode()
    texts = summaries(data)
    for breakdown in data.breakdowns:
        breakdown["summary"] = texts[breakdown["name"]]
    context = {
        "concept": concept,
        "filter": filterset,
        "active_filters": filterset.active(),
        "overview": data,
        "charts": charts_build(data),
        "summaries": texts,
        "total_rows": [data.total],
        "indicator_rows": data.indicator_rows,
        "csv_query": f"?{query}" if query else "",
    }
    return render(
        request,
        "site/monitoring.html",
        context,
        status=400 if filterset.invalid else 200,
    )


@require_safe
def overview_csv(request):
    """The numbers of the page as filtered, in the portal's one CSV dialect."""
    _concept, filterset, data = _filtered(request)
    if filterset.invalid:
        fields = ", ".join(str(filterset.form.fields[name].label) for name in filterset.errors)
        return HttpResponseBadRequest(
            _("Ungültige Filterangaben: %(fields)s. Bitte die Auswahl auf der Seite prüfen.")
            % {"fields": fields},
            content_type="text/plain; charset=utf-8",
        )
    headers, rows = csv_rows(data)
    filename = f"umsetzung-{data.today.isoformat()}.csv"
    return HttpResponse(
        csv_bytes(headers, rows),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


app_name = "monitoring"

urlpatterns = [
    path("", overview, name="overview"),
    path("zahlen.csv", overview_csv, name="overview-csv"),
]
