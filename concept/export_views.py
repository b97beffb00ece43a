"""Downloads of a version's documents: the concept, the synopsis of its amendments, the
beschlossene Fassung, and any issued file by its id. Higher apps serve their own registered
documents with `export_response`.

`concept.issuing` decides what is issued and what is rendered on demand; these views only check
who may see the version and say how long a copy may be kept: a stored file at a version's
address never changes (immutable), a version's other documents may (revalidate every time),
and a draft's never leave the browser's memory. A file that the issuing task or the task worker
(`concept.live_files`) has not stored yet answers "wird erstellt" (202): a download never
renders a file. An issued file whose bytes no longer match its recorded SHA-256 is not served
(503); a rendered one is rendered again.
"""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from concept import integrity, issuing, selectors
from concept.exports import ExportFormat
from concept.models import Concept, ConceptVersion, IssuedDocument, IssuedFile, RenderedFile

logger = logging.getLogger(__name__)

# The bytes stored for an address never change: caches may keep them for a year.
IMMUTABLE = {"public": True, "max_age": 365 * 24 * 60 * 60, "immutable": True}
# A public document that may still change: every use asks again (answered by its ETag if stored).
REVALIDATE = {"public": True, "no_cache": True}
# A draft is for staff only: never in a shared cache, nor on the disk of a browser.
PRIVATE = {"private": True, "no_store": True}
# "Wird erstellt": the file follows in a moment; nothing may keep this answer in its place.
PENDING = {"no_store": True}
# Seconds after which a client may ask again for a file being issued, or rendered live.
PENDING_RETRY_SECONDS = 30
LIVE_RETRY_SECONDS = 10


def _version_or_404(request, concept: Concept | None, number: int) -> ConceptVersion:
    """Drafts for staff only; for everyone else a draft is as unknown as a missing version."""
    version = selectors.version_get(concept, number, include_drafts=request.user.is_staff)
    if version is None:
        raise Http404(_("Diese Version gibt es nicht oder sie ist nicht öffentlich."))
    return version


def export_or_404(version: ConceptVersion, document: str, fmt: str) -> issuing.Export:
    try:
        return issuing.export_get(version, document, fmt)
    except ValueError:
        raise Http404(_("Dieses Dateiformat gibt es für dieses Dokument nicht.")) from None
    except issuing.DocumentMissing:
        raise Http404(_("Dieses Dokument gibt es für diese Version nicht.")) from None


def pending_response(
    request, *, version: ConceptVersion, label: str, fmt: ExportFormat, live: bool
) -> HttpResponse:
    """The file is not stored yet: a page that says so (202 Accepted), with when to ask again;
    nothing is rendered or written here. `live`: rendered by the task worker, not issued."""
    retry = LIVE_RETRY_SECONDS if live else PENDING_RETRY_SECONDS
    response = render(
        request,
        "concept/file_pending.html",
        {
            "version": version,
            "document_label": label,
            "format": fmt,
            "retry_seconds": retry,
            "live": live,
        },
        status=202,
    )
    response["Retry-After"] = str(retry)
    patch_cache_control(response, **PENDING)
    return response


def rendered_response(request, rendered: RenderedFile, *, filename: str, cache: dict):
    """A file the task worker rendered for the current generation (checked by
    `live_files.live_file_get`); its SHA-256 is its ETag. None if it went in the meantime (a
    newer generation's render removed it): then it is as good as pending."""
    etag = f'"{rendered.sha256}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        try:
            stored = rendered.file.storage.open(rendered.file.name, "rb")
        except FileNotFoundError:
            return None
        response = FileResponse(
            stored, as_attachment=True, filename=filename, content_type=rendered.mime_type
        )
    response["ETag"] = etag
    patch_cache_control(response, **cache)
    return response


def _changed_response(request) -> HttpResponse:
    """The stored bytes are not those issued: nothing goes out under the city's name (503);
    `integrity` has alerted the officers."""
    response = render(request, "concept/file_changed.html", status=503)
    patch_cache_control(response, **PENDING)
    return response


def _stored_response(request, issued: IssuedFile, filename: str, cache: dict) -> HttpResponse:
    etag = f'"{issued.sha256}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        try:
            if not integrity.stored_file_intact(issued):
                return _changed_response(request)
            stored = issued.file.storage.open(issued.file.name, "rb")
        except FileNotFoundError:
            # The register says it was issued, the storage lost it: an operator's matter.
            logger.error("Issued file %s is missing from storage (%s).", issued.pk, issued.file)
            return HttpResponse(
                _("Die Datei ist vorübergehend nicht verfügbar. Bitte versuchen Sie es später."),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        response = FileResponse(
            stored, as_attachment=True, filename=filename, content_type=issued.mime_type
        )
    response["ETag"] = etag
    patch_cache_control(response, **cache)
    return response


def export_response(
    request, export: issuing.Export, *, stored_cache: dict, rendered_cache: dict | None = None
) -> HttpResponse:
    if export.issued is not None:
        return _stored_response(request, export.issued, export.filename, stored_cache)
    if rendered_cache is None:
        rendered_cache = REVALIDATE if export.version.is_public else PRIVATE
    if export.rendered is not None:
        response = rendered_response(
            request, export.rendered, filename=export.filename, cache=rendered_cache
        )
        if response is not None:
            return response
    if export.content is None:
        return pending_response(
            request,
            version=export.version,
            label=issuing.document_label(export.document),
            fmt=export.format,
            live=export.live,
        )
    response = HttpResponse(export.content, content_type=export.format.mime_type)
    response["Content-Disposition"] = content_disposition_header(True, export.filename)
    patch_cache_control(response, **rendered_cache)
    return response


def _version_document(request, number: int, document: str, fmt: str) -> HttpResponse:
    concept = Concept.objects.current()
    # Once issued, a file is served as it is (issued files belong to public versions).
    issued = issuing.issued_file_get(concept, number, document, fmt)
    if issued is not None:
        filename = issuing.download_filename(
            issued.version, document, issuing.export_format(document, fmt)
        )
        return _stored_response(request, issued, filename, IMMUTABLE)
    export = export_or_404(_version_or_404(request, concept, number), document, fmt)
    return export_response(request, export, stored_cache=IMMUTABLE)


@require_safe
def version_download(request, number: int, fmt: str):
    """The concept as PDF, DOCX, ODT or JSON."""
    return _version_document(request, number, IssuedDocument.VERSION, fmt)


@require_safe
def synopsis_download(request, number: int, fmt: str):
    """The synopsis of the version's amendments as PDF, DOCX or ODT; issued with the
    presentation it belongs to (see `issuing.issuable`)."""
    return _version_document(request, number, IssuedDocument.SYNOPSIS, fmt)


@require_safe
def resolution_download(request, number: int, fmt: str):
    """The beschlossene Fassung as PDF, DOCX or ODT: issued with the council's decision; a
    version the council has not approved has none (404)."""
    return _version_document(request, number, IssuedDocument.RESOLUTION, fmt)


@require_safe
def issued_file_download(request, pk: int):
    """Any issued file by its id (the address OParl's `accessUrl` gives). Issued files belong to
    public versions (frozen ones, and a synopsis to the version a presented one was drafted
    from)."""
    issued = get_object_or_404(
        IssuedFile.objects.select_related("version__concept").defer("version__snapshot"), pk=pk
    )
    try:
        fmt = issuing.export_format(issued.document, issued.format)
        filename = issuing.download_filename(issued.version, issued.document, fmt)
    except ValueError:
        # A document of its own, not a registered kind (a published translation).
        filename = f"{issued.version.concept.slug}-v{issued.version.number}-{issued.document}"
        filename = f"{filename}.{issued.format}"
    return _stored_response(request, issued, filename, IMMUTABLE)
