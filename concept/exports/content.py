"""The version's document arranged the way every printed format shows it: the sections with
the notes contributors add to them, then the contributors' annexes.

PDF, DOCX and ODT read this one structure, so they cannot disagree about what a version holds;
`concept` renders the contributed blocks without knowing what they are.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import override

from concept.contributors import printed_parts
from concept.documents import version_document
from concept.exports.meta import version_meta
from concept.models import ConceptVersion, section_anchor


def version_content(version: ConceptVersion) -> dict[str, Any]:
    document = version_document(version)
    meta = version_meta(version)
    with override("de"):
        return document_content(document, meta)


def document_content(document: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    parts = printed_parts(document)
    sections = [
        {
            **section,
            "anchor": section_anchor(section["key"]),
            "notes": parts.notes.get(section["key"], []),
        }
        for section in document["sections"]
    ]
    return {
        "concept": document["concept"],
        "version": document["version"],
        "meta": meta,
        "sections": sections,
        "annexes": parts.annexes,
        "is_example": bool(document["version"].get("is_example")) or parts.is_example,
    }
