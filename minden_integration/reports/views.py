"""The annual implementation reports in public: the list, an edition's page (from its stored
content, so it never changes), and its issued files as stored. Nothing is rendered here: a file
the task worker has not stored yet answers "wird erstellt" (202)."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_safe

from concept import integrity
from concept.export_views import IMMUTABLE, PENDING, PENDING_RETRY_SECONDS
from concept.models import Concept
from measures.report import summary_sentences
from measures.report_chart import status_chart_svg
from measures.report_exports import indicator_text, update_text
from measures.report_issuing import FORMATS, storage_name
from minden_integration.reports.selectors import Edition, edition_get, reports_newest

logger = logging.getLogger(__name__)


def _edition_or_404(year: int, edition: int | None = None) -> Edition:
    found = edition_get(Concept.objects.current(), year, edition)
    if found is None:
        raise Http404(_("Für dieses Jahr gibt es keinen Umsetzungsbericht."))
    return found


@require_safe
def report_list(request):
    return render(
        request,
        "reports/report_list.html",
        {"reports": reports_newest(Concept.objects.current())},
    )


def _page(request, found: Edition):
    content = found.report.data
    for group in content["groups"]:
        for goal in group["goals"]:
            for measure in goal["measures"]:
                measure["update_lines"] = [update_text(u) for u in measure["updates"]]
                measure["indicator_lines"] = [
                    indicator_text(i["name"], i["value"], i["target"], i["unit"])
                    for i in measure["indicators"]
                ]
    files = {f.format: f for f in found.files}
    downloads = [
        {"format": fmt, "file": files.get(key), "url": _download_url(found, key)}
        for key, fmt in FORMATS.items()
    ]
    return render(
        request,
        "reports/report_detail.html",
        {
            "edition": found,
            "report": found.report,
            "content": content,
            # Written from the stored German content: German on every page (lang="de").
            "summary": summary_sentences(content),
            "chart": _german_chart(content),
            "downloads": downloads,
        },
    )


def _german_chart(content: dict):
    with override("de"):
        return status_chart_svg(content)


def _download_url(found: Edition, fmt: str) -> str:
    from django.urls import reverse

    return reverse("reports:report-download", args=[found.report.year, found.report.edition, fmt])


@require_safe
def report_detail(request, year: int):
    """The newest edition of the year's report."""
    return _page(request, _edition_or_404(year))


@require_safe
def report_edition(request, year: int, edition: int):
    """One edition; an earlier one says which edition replaced it."""
    return _page(request, _edition_or_404(year, edition))


@require_safe
def report_download(request, year: int, edition: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404(_("Dieses Dateiformat gibt es für den Umsetzungsbericht nicht."))
    found = _edition_or_404(year, edition)
    issued = next((f for f in found.files if f.format == fmt), None)
    if issued is None:
        response = render(
            request,
            "reports/report_pending.html",
            {
                "report": found.report,
                "format": FORMATS[fmt],
                "retry_seconds": PENDING_RETRY_SECONDS,
            },
            status=202,
        )
        response["Retry-After"] = str(PENDING_RETRY_SECONDS)
        patch_cache_control(response, **PENDING)
        return response
    etag = f'"{issued.sha256}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        try:
            if not integrity.stored_file_intact(issued, alert=False):
                logger.error("Issued report file %s differs from its record.", issued.pk)
                return _unavailable()
            stored = issued.file.storage.open(issued.file.name, "rb")
        except FileNotFoundError:
            logger.error("Issued report file %s is missing from storage.", issued.pk)
            return _unavailable()
        filename = storage_name(found.report, fmt).rsplit("/", 1)[-1]
        response = FileResponse(
            stored, as_attachment=True, filename=filename, content_type=issued.mime_type
        )
    response["ETag"] = etag
    patch_cache_control(response, **IMMUTABLE)
    return response


def _unavailable() -> HttpResponse:
    response = HttpResponse(
        _("Die Datei ist vorübergehend nicht verfügbar. Bitte versuchen Sie es später."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    patch_cache_control(response, **PENDING)
    return response
