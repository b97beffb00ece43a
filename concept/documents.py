"""The one read path for a version's content: `version_document(version)`.

The reading view, the comparison and every export read only this document, so a version
looks the same whether it is frozen (stored snapshot) or not (contributed afresh).

An unfrozen version's document is cached under `document_key(version)`: a fingerprint of
every row it is built from (count, highest id and latest change of each table, one query per
app), so any write through save() or a service yields a new key and a stale document is never
served, in any process.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Count, DateTimeField, Max, QuerySet, Value

from concept import contributors
from concept.models import Concept, ConceptVersion, Section

CACHE_SECONDS = 24 * 60 * 60

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


def revision_stamp(*querysets: QuerySet) -> str:
    """Count, highest id and latest `updated_at` of each queryset, in one query (a UNION).

    Rows are only ever added with a higher id, so (count, highest id) changes with every
    insert or delete, and `updated_at` with every save().
    """
    parts = []
    for index, queryset in enumerate(querysets):
        fields = {f.name for f in queryset.model._meta.concrete_fields}
        latest = (
            Max("updated_at")
            if "updated_at" in fields
            else Value(None, output_field=DateTimeField())
        )
        parts.append(
            queryset.order_by()
            .annotate(part=Value(index))
            .values("part")
            .annotate(rows=Count("pk"), top=Max("pk"), latest=latest)
            .values_list("part", "rows", "top", "latest")
        )
    union = (parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]).order_by()
    return repr(sorted(union, key=lambda row: row[0]))


def document_key(version: ConceptVersion) -> str:
    """Names a version's content: its checksum once frozen, else a fingerprint of its rows."""
    if version.checksum:
        return f"frozen-{version.checksum}"
    registered = contributors.contributors()
    own = revision_stamp(
        Section.objects.filter(version_id=version.pk),
        ConceptVersion.objects.filter(pk=version.pk),
        Concept.objects.filter(pk=version.concept_id),
    )
    parts = [own, *(c.revision(version) for c in registered)]
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:40]
    return f"live-{version.pk}-{digest}"


def cached(key: str, build: Callable[[], Any]) -> Any:
    """`build()` once per key, kept in the cache for a day."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def version_document(version: ConceptVersion, *, key: str | None = None) -> dict[str, Any]:
    if version.snapshot is not None:
        return json.loads(version.snapshot)
    key = key or document_key(version)
    return cached(f"version-document:{key}", lambda: build_document(version))
