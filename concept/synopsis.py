"""The synopsis (Synopse) of a version's amendments, as council bodies expect it: per section,
each proposal beside the text it concerns, what was adopted, the decision and its reasoning.

`version_synopsis(version)` is the one shape the page and every document format read. Texts
come from `version_document`, so a frozen version's synopsis quotes its snapshot; the
amendments are the public record without the withdrawn ones.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concept.documents import cached, document_key, version_document
from concept.models import AmendmentStatus, ConceptVersion, section_anchor
from concept.selectors import amendment_record
from minden_integration.core.generation import generation_current

ACCEPTED = "accepted"
PARTIALLY_ACCEPTED = "partially_accepted"
REJECTED = "rejected"
UNDECIDED = "undecided"

# The decision each public status stands for; withdrawn proposals are not in the synopsis.
_DECISIONS = {
    AmendmentStatus.ACCEPTED: ACCEPTED,
    AmendmentStatus.PARTIALLY_ACCEPTED: PARTIALLY_ACCEPTED,
    AmendmentStatus.REJECTED: REJECTED,
    AmendmentStatus.SUBMITTED: UNDECIDED,
    AmendmentStatus.IN_REVIEW: UNDECIDED,
}


def _decision_label(status: str) -> str:
    if status == AmendmentStatus.SUBMITTED:
        return _("Noch nicht entschieden")
    if status == AmendmentStatus.IN_REVIEW:
        return _("Noch nicht entschieden (in Prüfung)")
    return str(AmendmentStatus(status).label)


def _adopted_text(amendment) -> str:
    if amendment.status == AmendmentStatus.ACCEPTED:
        return amendment.proposed_text
    if amendment.status == AmendmentStatus.PARTIALLY_ACCEPTED:
        return amendment.adopted_text
    return ""


def _build(
    version: ConceptVersion, document: dict[str, Any], *, anonymous: bool = False
) -> dict[str, Any]:
    """The synopsis and, beside it, what only the page needs: which rows quote the section's
    Markdown text (not a plain passage) and which are example content. `anonymous` names no
    proposer by name (`Amendment.proposer_anonymous_label`)."""
    bodies = {s["key"]: s["body"] for s in document["sections"]}
    rows_by_key: dict[str, list[dict[str, Any]]] = {}
    fallback: dict[str, tuple[str, str]] = {}
    markdown_rows: list[int] = []
    example_rows: list[int] = []
    counts = dict.fromkeys(("total", ACCEPTED, PARTIALLY_ACCEPTED, REJECTED, UNDECIDED), 0)

    amendments = amendment_record(version).filter(status__in=list(_DECISIONS))
    for amendment in amendments:
        decision = _DECISIONS[amendment.status]
        counts["total"] += 1
        counts[decision] += 1
        if amendment.passage:
            previous = amendment.passage
        else:
            previous = bodies.get(amendment.section_key, "")
            markdown_rows.append(amendment.pk)
        if amendment.is_example:
            example_rows.append(amendment.pk)
        fallback[amendment.section_key] = (amendment.section_number, amendment.section_title)
        rows_by_key.setdefault(amendment.section_key, []).append(
            {
                "id": amendment.pk,
                "number": amendment.number,
                "proposer": str(
                    amendment.proposer_anonymous_label if anonymous else amendment.proposer_label
                ),
                "kind_label": amendment.get_kind_display(),
                "previous_text": previous,
                "proposed_text": amendment.proposed_text,
                "adopted_text": _adopted_text(amendment),
                "decision_label": _decision_label(amendment.status),
                "decision_status": decision,
                "reasoning": amendment.decision_reasoning,
                "incorporated_in": amendment.incorporated_number,
            }
        )

    sections = [
        {
            "key": section["key"],
            "number": section["number"],
            "title": section["title"],
            "rows": rows_by_key.pop(section["key"]),
        }
        for section in document["sections"]
        if section["key"] in rows_by_key
    ]
    # A section missing from the document cannot happen for a version's own sections; should
    # it ever, its proposals still appear, after the others, with the section as stored.
    for key, rows in rows_by_key.items():
        number, title = fallback[key]
        sections.append({"key": key, "number": number, "title": title, "rows": rows})

    return {
        "synopsis": {
            "concept": {
                "title": document["concept"]["title"],
                "municipality": document["concept"]["municipality"],
            },
            "version": {
                "number": version.number,
                "title": document["version"]["title"],
                "status_label": str(version.get_status_display()),
                "checksum": version.checksum,
            },
            "sections": sections,
            "counts": counts,
        },
        "markdown_rows": markdown_rows,
        "example_rows": example_rows,
        "is_example": bool(document["version"].get("is_example")),
    }


def _entry(version: ConceptVersion) -> tuple[str, dict[str, Any]]:
    """The cached synopsis and the key naming it: the content generation (the version's text
    and the public record of its amendments), the status of `version` as loaded, and the
    language of the labels."""
    generation = generation_current()
    content_key = document_key(version, generation)
    parts = f"{content_key}|{version.status}|{version.lock_version}|{generation}|{get_language()}"
    key = hashlib.sha256(parts.encode("utf-8")).hexdigest()[:40]
    entry = cached(
        f"version-synopsis:{key}",
        lambda: _build(version, version_document(version, key=content_key)),
    )
    return key, entry


def version_synopsis(version: ConceptVersion) -> dict[str, Any]:
    """The synopsis of `version` (shape in the module's tests and the exports that read it)."""
    return _entry(version)[1]["synopsis"]


def issued_synopsis(version: ConceptVersion) -> dict[str, Any]:
    """The synopsis as an issued file prints it: built afresh from the record (never from a
    cache), a person only as a member of their working group (never by name, never with an
    organisation), an organisation's proposal by the organisation. An issued file never
    changes, and consent to be named can be withdrawn."""
    return _build(version, version_document(version), anonymous=True)["synopsis"]


def synopsis_page(version: ConceptVersion) -> dict[str, Any]:
    """What the public page shows: the synopsis, each section with its anchor in the reading
    view and each row with how to render its texts."""
    key, entry = _entry(version)
    synopsis = entry["synopsis"]
    markdown_rows = set(entry["markdown_rows"])
    example_rows = set(entry["example_rows"])
    sections = [
        {
            **section,
            "anchor": section_anchor(section["key"]),
            "rows": [
                {
                    **row,
                    "previous_is_markdown": row["id"] in markdown_rows,
                    "is_example": row["id"] in example_rows,
                }
                for row in section["rows"]
            ],
        }
        for section in synopsis["sections"]
    ]
    return {
        "synopsis": synopsis,
        "sections": sections,
        "counts": synopsis["counts"],
        "is_example": entry["is_example"],
        "is_draft": not version.is_public,
        "synopsis_key": key,
    }
