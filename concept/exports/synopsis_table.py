"""The synopsis (from `concept.synopsis.version_synopsis`) as the one table every format prints:
the same columns, the same cells, a summary line and the footer."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from concept.exports.markdown_blocks import (
    PARAGRAPH,
    Block,
    Run,
    markdown_blocks,
    text_blocks,
)
from concept.exports.meta import footer_text

# The texts of a row; all plain text as the member wrote it, except the previous text when it
# quotes the whole section (Markdown, as the section is written).
TEXT_FIELDS = ("previous_text", "proposed_text", "adopted_text", "reasoning")


def synopsis_columns() -> list[str]:
    return [
        _("Abschnitt"),
        _("Einreicher"),
        _("bisherige Fassung"),
        _("Vorschlag"),
        _("übernommene Fassung"),
        _("Entscheidung"),
        _("Begründung"),
    ]


def is_markdown(row: dict[str, Any], name: str) -> bool:
    return name == "previous_text" and row.get("previous_is_markdown", False)


def text_field_blocks(row: dict[str, Any], name: str) -> list[Block]:
    """The blocks of one text cell for DOCX and ODT; a dash when empty."""
    text = row[name]
    blocks = markdown_blocks(text) if is_markdown(row, name) else text_blocks(text)
    return blocks or [Block(kind=PARAGRAPH, runs=[Run("–")])]


def _decision(row: dict[str, Any]) -> str:
    if row.get("incorporated_in"):
        return _("%(decision)s; eingearbeitet in Version %(number)s") % {
            "decision": row["decision_label"],
            "number": row["incorporated_in"],
        }
    return row["decision_label"]


def synopsis_content(
    synopsis: dict[str, Any], section_bodies: dict[str, str] | None = None
) -> dict[str, Any]:
    """A copy of `synopsis` with display strings; the cached synopsis is left untouched.

    `section_bodies` ({key: Markdown body} of the version's sections) tells which previous
    texts quote a whole section and are rendered as Markdown.
    """
    bodies = section_bodies or {}
    with override("de"):
        version = synopsis["version"]
        counts = synopsis["counts"]
        summary = (
            ngettext(
                "%(total)s Änderungsvorschlag: ",
                "%(total)s Änderungsvorschläge: ",
                counts["total"],
            )
            % {"total": counts["total"]}
            + _(
                "%(accepted)s angenommen, %(partially_accepted)s teilweise angenommen, "
                "%(rejected)s abgelehnt, %(undecided)s noch nicht entschieden."
            )
            % counts
        )
        sections = [
            {
                **section,
                "label": f"{section['number']} {section['title']}".strip(),
                "rows": [
                    {
                        **row,
                        "proposal_label": _("Vorschlag %(number)s: %(kind)s")
                        % {"number": row["number"], "kind": row["kind_label"]},
                        "decision": _decision(row),
                        "previous_is_markdown": bool(row["previous_text"])
                        and row["previous_text"] == bodies.get(section["key"]),
                    }
                    for row in section["rows"]
                ],
            }
            for section in synopsis["sections"]
        ]
        title = _("Synopse der Änderungsvorschläge")
        version_label = _("Version %(number)s") % {"number": version["number"]}
        if version.get("title"):
            version_label = f"{version_label}: {version['title']}"
        return {
            "concept": synopsis["concept"],
            "version": version,
            "title": title,
            "version_label": version_label,
            "summary": summary
            if counts["total"]
            else _("Zu dieser Version liegen keine Änderungsvorschläge vor."),
            "columns": synopsis_columns(),
            "sections": sections,
            "footer": f"{title} · "
            + footer_text(version["number"], version.get("checksum", ""), version["status_label"]),
        }
