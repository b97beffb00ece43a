"""The one read path for a version's content: `version_document(version)`.

The reading view, the comparison and every export read only this document, so a version
looks the same whether it is frozen (stored snapshot) or not (contributed afresh).

An unfrozen version's document is cached under `document_key(version)`: the content
generation, which every committed write of ours renews, so a stale document is never served, in
any process (see `minden_integration.core.generation`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache

from concept import contributors
from concept.models import ConceptVersion, LiveDocument
from minden_integration.core.generation import generation_current

DOCUMENT_FORMAT = "minden-integration/version-document"
DOCUMENT_FORMAT_VERSION = 1


def canonical_json(document: dict[str, Any]) -> str:
    """Sorted keys, fixed separators, no ASCII escaping: the same document, the same bytes."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _base_document(version: ConceptVersion) -> dict[str, Any]:
    concept = version.concept
    return {
        "format": DOCUMENT_FORMAT,
        "format_version": DOCUMENT_FORMAT_VERSION,
        "concept": {
            "title": concept.title,
            "slug": concept.slug,
            "municipality": concept.municipality,
            "summary": concept.summary,
            "moderated_by": concept.moderated_by,
            "funded_by": concept.funded_by,
        },
        "version": {
            "number": version.number,
            "title": version.title,
            "is_example": version.is_example,
        },
        "sections": [
            {
                "key": section.key,
                "position": section.position,
                "level": section.level,
                "number": section.number,
                "title": section.title,
                "body": section.body,
                "easy_language_summary": section.easy_language_summary,
            }
            for section in version.sections.in_order()
        ],
    }


def build_document(version: ConceptVersion) -> dict[str, Any]:
    """A fresh document from the live rows, passed through canonical JSON so its types match
    what a frozen snapshot gives back."""
    document = _base_document(version)
    for contributor in contributors.contributors():
        part = contributor.contribute(version)
        clash = (set(part) & set(document)) | (set(part) & contributors.RESERVED_KEYS)
        if clash:
            raise RuntimeError(f"Contributor {contributor.name} reuses keys {sorted(clash)}")
        document.update(part)
    return json.loads(canonical_json(document))


def document_key(version: ConceptVersion, generation: str | None = None) -> str:
    """Names a version's content: its checksum once frozen, else the content generation (read
    before the data, see `minden_integration.core.generation`); a caller that names more than
    one thing passes the generation it read once."""
    if version.checksum:
        return f"frozen-{version.checksum}"
    return f"live-{version.pk}-{generation or generation_current()}"


def cached(key: str, build: Callable[[], Any]) -> Any:
    """`build()` once per key, kept for `PORTAL_CACHE_SECONDS` at most."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.PORTAL_CACHE_SECONDS)
    return value


def stored_document(version: ConceptVersion, generation: str) -> dict[str, Any]:
    """The live document of this generation from its row, or built and stored: one build per
    write for every process, whatever their caches hold."""
    row = LiveDocument.objects.filter(version=version, generation=generation)
    for text in row.values_list("document", flat=True):
        return json.loads(text)
    # Built from the rows as they are now, not from `version` as the caller loaded it before
    # the generation was read: what is stored under a generation is never older than it.
    document = build_document(ConceptVersion.objects.select_related("concept").get(pk=version.pk))
    if "~" not in generation:  # a writer's own uncommitted view is for nobody else
        LiveDocument.objects.bulk_create(
            [
                LiveDocument(
                    version=version, generation=generation, document=canonical_json(document)
                )
            ],
            update_conflicts=True,
            unique_fields=["version"],
            update_fields=["generation", "document"],
        )
    return document


def version_document(version: ConceptVersion, *, key: str | None = None) -> dict[str, Any]:
    if version.snapshot is not None:
        return json.loads(version.snapshot)
    key = key or document_key(version)
    generation = key.removeprefix(f"live-{version.pk}-")
    return cached(f"version-document:{key}", lambda: stored_document(version, generation))
