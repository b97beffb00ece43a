"""The one read path for a version's content: `version_document(version)`.

The reading view, the comparison and every export read only this document, so a version
looks the same whether it is frozen (stored snapshot) or not (contributed afresh).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from concept import contributors
from concept.models import ConceptVersion

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


def version_document(version: ConceptVersion) -> dict[str, Any]:
    if version.snapshot is not None:
        return json.loads(version.snapshot)
    return build_document(version)
