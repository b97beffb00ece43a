"""Each section's Markdown rendered once, when written, and kept in `RenderedSection`.

The services that create or change a section render it with it (`concept.derived`). Rows made
without them (bulk loads, a version's copy, the benchmark's scaling) or by an older renderer
are filled in on read: `rendered_sections` reads a version's rows in one query and stores what
is missing or stale in one upsert. `manage.py render_sections` renders them all again.

A row is trusted only for the text it was rendered from (a digest of body and summary) and the
renderer that made it (`RENDERER`): raise it whenever the output of `render_markdown` or of
this module changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from concept.models import ConceptVersion, RenderedSection, Section
from minden_integration.core.text import render_markdown

RENDERER = 1
UPDATED_FIELDS = ["renderer", "source", "body_html", "summary_html"]


@dataclass(frozen=True)
class Rendered:
    body: SafeString
    summary: SafeString


def source_digest(body: str, summary: str) -> str:
    return hashlib.sha256(f"{body}\x00{summary}".encode()).hexdigest()


def _render(body: str, summary: str) -> Rendered:
    return Rendered(
        body=render_markdown(body) if body else mark_safe(""),
        summary=render_markdown(summary) if summary else mark_safe(""),
    )


def _row(section_id: int, body: str, summary: str, rendered: Rendered) -> RenderedSection:
    return RenderedSection(
        section_id=section_id,
        renderer=RENDERER,
        source=source_digest(body, summary),
        body_html=str(rendered.body),
        summary_html=str(rendered.summary),
    )


def _store(rows: list[RenderedSection]) -> None:
    if rows:
        RenderedSection.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["section"],
            update_fields=UPDATED_FIELDS,
        )


def sections_render(sections: Iterable[Section]) -> int:
    """Render the given sections again, whatever is stored; returns how many."""
    rows = [
        _row(s.pk, s.body, s.easy_language_summary, _render(s.body, s.easy_language_summary))
        for s in sections
    ]
    _store(rows)
    return len(rows)


def rendered_sections(
    version: ConceptVersion, sections: list[dict[str, Any]]
) -> dict[str, Rendered]:
    """The HTML of the document's `sections` by key: stored rows where they match the text and
    the renderer (one query), the rest rendered now and stored (one upsert)."""
    stored = {
        key: (pk, renderer, source, body_html, summary_html)
        for key, pk, renderer, source, body_html, summary_html in Section.objects.filter(
            version=version
        ).values_list(
            "key",
            "pk",
            "rendered__renderer",
            "rendered__source",
            "rendered__body_html",
            "rendered__summary_html",
        )
    }
    result: dict[str, Rendered] = {}
    missing: list[RenderedSection] = []
    for section in sections:
        body, summary = section["body"], section["easy_language_summary"]
        row = stored.get(section["key"])
        if row and row[1] == RENDERER and row[2] == source_digest(body, summary):
            # Stored by `_render`, which sanitises: safe as it was when written.
            result[section["key"]] = Rendered(body=mark_safe(row[3]), summary=mark_safe(row[4]))
            continue
        rendered = result[section["key"]] = _render(body, summary)
        if row:  # a section of a live document whose row exists: keep it for the next reader
            missing.append(_row(row[0], body, summary, rendered))
    _store(missing)
    return result
