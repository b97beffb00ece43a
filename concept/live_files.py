"""Live documents rendered off the request path: a version's documents that are not issued
(a draft's, a version in consultation's, a synopsis not yet an Anlage) and whatever higher apps
register here (the measures' open data as recorded now).

Rendering them takes seconds of CPU and hundreds of MB at ten times the demo data, so a download
never renders: it serves the file rendered for the current content generation
(`minden_integration.core.generation`), or claims it and answers "wird erstellt" while the task
worker (`live_file_render`) renders and stores it.

- The key: version, document, format, language, variant (a filtered list's query) and generation.
  A `RenderedFile` row per key, unique: the first request that misses inserts it (the claim) and
  enqueues the one render; every parallel request hits the constraint and only waits.
- A claim whose render crashed does not block for ever: after `CLAIM_SECONDS` the next request
  takes it over (a conditional update, so again only one) and enqueues it once more.
- The bytes live in the file storage under `rendered/` (names carry a random part: a draft's
  file must not be found by guessing), checked against their SHA-256 before they are served; a
  stored render makes the older generations' files of the same key go.
- A write renews the generation: the old file is no longer current, and the next download
  claims a new render.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import get_language, override

from concept import integrity
from concept.exports import ExportFormat
from concept.models import ConceptVersion, RenderedFile
from minden_integration.core.generation import generation_current

logger = logging.getLogger(__name__)

# After this long without a stored file a claim is taken to have crashed (a render of the 10x
# version's PDF takes about 20 s on two cores; the worker may have a queue before it).
CLAIM_SECONDS = 10 * 60


@dataclass(frozen=True)
class LiveDocument:
    """A document a higher app renders live (`concept`'s own come from `concept.issuing`)."""

    key: str
    formats: dict[str, ExportFormat]
    # (version, format, params) -> bytes; params are what the variant names (may be empty).
    render: Callable[[ConceptVersion, str, dict], bytes]


_documents: dict[str, LiveDocument] = {}


def live_document_register(document: LiveDocument) -> None:
    _documents[document.key] = document


def _render(version: ConceptVersion, document: str, fmt: str, params: dict) -> bytes:
    if document in _documents:
        return _documents[document].render(version, fmt, params)
    from concept import issuing

    return issuing.document_kind(document).render(version, fmt)


def _mime_type(document: str, fmt: str) -> str:
    if document in _documents:
        return _documents[document].formats[fmt].mime_type
    from concept import issuing

    return issuing.export_format(document, fmt).mime_type


def variant_of(params: dict) -> str:
    """The name of a parameter set (empty for none): sorted JSON, hashed."""
    if not params:
        return ""
    material = json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


# --- the request's side -----------------------------------------------------------------------


def _ready(key: dict) -> RenderedFile | None:
    return RenderedFile.objects.filter(**key, rendered_at__isnull=False).first()


def _claim(key: dict, params: dict) -> bool:
    """Whether this call claimed the render: a new row, or a claim that has gone stale."""
    now = timezone.now()
    try:
        with transaction.atomic():
            RenderedFile.objects.create(**key, params=params, claimed_at=now)
        return True
    except IntegrityError:
        # Taken over only if still unrendered and stale: one conditional update wins.
        return bool(
            RenderedFile.objects.filter(
                **key,
                rendered_at__isnull=True,
                claimed_at__lt=now - timedelta(seconds=CLAIM_SECONDS),
            ).update(claimed_at=now)
        )


@dataclass(frozen=True)
class Live:
    """What a download of a live document serves: the stored rendering, or (only inside a
    transaction that has written and not committed) bytes rendered for it alone; neither
    while the task worker is making it."""

    rendered: RenderedFile | None = None
    content: bytes | None = None

    @property
    def pending(self) -> bool:
        return self.rendered is None and self.content is None


def live_file_get(
    version: ConceptVersion,
    document: str,
    fmt: str,
    params: dict | None = None,
    *,
    inline: Callable[[], bytes] | None = None,
) -> Live:
    """The stored rendering of the current generation, or pending while it is being made (a
    render is enqueued, unless one already is). Never renders here, except through the
    immediate tasks backend of development, which runs the task at once. `inline` renders
    the same bytes from what the caller has read already (for the case below)."""
    params = params or {}
    generation = generation_current()
    if "~" in generation:
        # Inside a transaction with uncommitted writes of its own (never a download's; a
        # test's): a state nobody else may see, so it is rendered for this caller alone.
        content = inline() if inline else _render(version, document, fmt, params)
        return Live(content=content)
    key = {
        "version": version,
        "document": document,
        "format": fmt,
        "language": get_language() or "de",
        "variant": variant_of(params),
        "generation": int(generation),
    }
    found = _ready(key)
    if found is not None:
        if _intact(found):
            return Live(rendered=found)
        # A cache, not a record: a damaged or lost file is simply rendered again.
        _discard(found)
    if _claim(key, params):
        claimed = RenderedFile.objects.get(**key)
        live_file_render.enqueue(claimed.pk)
        # The immediate backend (development) has rendered it by now.
        return Live(rendered=_ready(key))
    return Live()


def _intact(rendered: RenderedFile) -> bool:
    try:
        return integrity.stored_file_intact(rendered, alert=False)
    except FileNotFoundError:
        return False


def _discard(rendered: RenderedFile) -> None:
    name = rendered.file.name
    RenderedFile.objects.filter(pk=rendered.pk).delete()
    if name:
        rendered.file.storage.delete(name)


# --- the worker's side ------------------------------------------------------------------------


def _storage_name(rendered: RenderedFile, extension: str) -> str:
    version = rendered.version
    return (
        f"rendered/{version.concept.slug}-v{version.number}-{rendered.document}"
        f"-{rendered.generation}-{rendered.language}-{secrets.token_hex(8)}.{extension}"
    )


def _prune(rendered: RenderedFile) -> int:
    """Remove the older generations' files of the same key; returns how many went."""
    older = RenderedFile.objects.filter(
        version_id=rendered.version_id,
        document=rendered.document,
        format=rendered.format,
        language=rendered.language,
        variant=rendered.variant,
        generation__lt=rendered.generation,
    )
    count = 0
    for old in older:
        _discard(old)
        count += 1
    return count


@task
def live_file_render(rendered_id: int) -> str:
    """Render and store one live file; safe to run twice (a stored file is left alone, and of
    two parallel renders the first to record wins: the other's copy is deleted)."""
    rendered = (
        RenderedFile.objects.select_related("version__concept").filter(pk=rendered_id).first()
    )
    if rendered is None or rendered.ready:
        return "gone" if rendered is None else "done already"
    # Rendering started: the claim is fresh again for as long as a render may take.
    RenderedFile.objects.filter(pk=rendered.pk).update(claimed_at=timezone.now())
    with override(rendered.language):
        content = _render(rendered.version, rendered.document, rendered.format, rendered.params)
    storage = RenderedFile._meta.get_field("file").storage
    name = storage.save(_storage_name(rendered, rendered.format), ContentFile(content))
    stored = RenderedFile.objects.filter(pk=rendered.pk, rendered_at__isnull=True).update(
        file=name,
        mime_type=_mime_type(rendered.document, rendered.format),
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        rendered_at=timezone.now(),
    )
    if not stored:
        storage.delete(name)
        return "done already"
    _prune(rendered)
    return name
