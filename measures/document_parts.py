"""What `measures` shows of a version, through `concept.contributors`: beside each section of
the reading view the measures it cites and imap's recommendations for them; in the printed
formats a note with the numbers after each section, and the annexes of measures and
recommendations. Everything is read from the version's document (the frozen snapshot or the
live one), so a frozen version shows its measures as they were frozen.
"""

from __future__ import annotations

from html import escape
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from concept.contributors import Annex, PrintedParts
from concept.exports.markdown_blocks import HEADING, MARKDOWN, PARAGRAPH, TABLE, Block, Run
from measures.opendata import measure_labels
from minden_integration.core.text import natural_key, render_markdown

MEASURES_ANNEX = "anhang-massnahmen"
RECOMMENDATIONS_ANNEX = "anhang-handlungsempfehlungen"


def measure_anchor(number: int) -> str:
    return f"massnahme-{number}"


def _measures(document: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(document.get("measures", []), key=lambda m: m["number"])


def _cited(measures: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The measures each section cites, by section key, in the measures' order."""
    cited: dict[str, list[dict[str, Any]]] = {}
    for measure in measures:
        for key in measure.get("cited_in", []):
            cited.setdefault(key, []).append(measure)
    return cited


# --- the reading view -------------------------------------------------------------------------


def reading(document: dict[str, Any], sections: list[dict[str, Any]]) -> dict[str, str]:
    """The HTML beside each section that cites measures: the measures, then the
    recommendations linked to them. Written here rather than by a template: at ten times the
    demo data it is ~900 list items on one page, and a template's per-item cost was half of
    the reading view's time; each item is written once, however many sections show it."""
    cited = _cited(_measures(document))
    words = _Words()
    # Each recommendation written once, and only if a section shows it (its text is Markdown).
    by_code = {rec["code"]: rec for rec in document.get("recommendations", [])}
    recommendations: dict[str, SafeString] = {}
    measure_items: dict[int, str] = {}
    fragments = {}
    for section in sections:
        measures = cited.get(section["key"], [])
        if not measures:
            continue
        codes: list[str] = []
        for measure in measures:
            for code in measure.get("recommendations", []):
                if code not in codes:
                    codes.append(code)
        items = []
        for measure in measures:
            if measure["number"] not in measure_items:
                measure_items[measure["number"]] = _measure_item(measure, words)
            items.append(measure_items[measure["number"]])
        fragments[section["key"]] = _section_parts(
            section["sub_heading_level"],
            items,
            [_recommendation(by_code, recommendations, c, words) for c in codes if c in by_code],
            words,
        )
    return fragments


class _Words:
    """What every item repeats, translated and escaped once per page."""

    SLOT = 987654321  # a number no measure has: its place in one reversed address

    def __init__(self) -> None:
        self.lang = get_language()
        self.badge = format_html(
            ' <span class="badge badge-example" lang="{}">{}</span>', self.lang, _("Beispielinhalt")
        )
        self.measure = _("Maßnahme %(number)s")
        self.measures_title = _("Maßnahmen zu diesem Abschnitt")
        self.recommendations_title = _("Handlungsempfehlungen zu diesen Maßnahmen")
        self.address = reverse("measures:measure-detail", args=[self.SLOT])

    def measure_address(self, number: int) -> str:
        return self.address.replace(str(self.SLOT), str(int(number)))


def _measure_item(measure: dict[str, Any], words: _Words) -> str:
    # Python's own `escape` (what Django's wraps): ~990 items, five values each.
    label = escape(words.measure % {"number": measure["number"]})
    badge = words.badge if measure.get("is_example") else ""
    return (
        f'<li><a href="{escape(words.measure_address(measure["number"]))}">'
        f'<span lang="{escape(words.lang)}">{label}</span>: {escape(measure["title"])}</a>'
        f"{badge}</li>"
    )


def _recommendation_item(rec: dict[str, Any], words: _Words) -> SafeString:
    text = render_markdown(rec["text"]) if rec.get("text") else ""
    return format_html(
        "<li>\n<strong>{}</strong> {}{}\n{}</li>",
        rec["code"],
        rec["title"],
        words.badge if rec.get("is_example") else "",
        format_html('<div class="recommendation-text">{}</div>', text) if text else "",
    )


def _recommendation(
    by_code: dict[str, dict[str, Any]], written: dict[str, SafeString], code: str, words: _Words
) -> SafeString:
    if code not in written:
        written[code] = _recommendation_item(by_code[code], words)
    return written[code]


def _part(level: int, css: str, title: str, items: list[str], lang: str) -> SafeString:
    return format_html(
        '<div class="{}">\n<h{} class="section-part-title" lang="{}">{}</h{}>\n<ul>\n{}\n</ul>\n'
        "</div>\n",
        css,
        level,
        lang,
        title,
        level,
        mark_safe("\n".join(items)),  # noqa: S308 (each item escaped by format_html)
    )


def _section_parts(
    level: int, measures: list[str], recommendations: list[SafeString], words: _Words
) -> SafeString:
    parts = [_part(level, "section-measures", words.measures_title, measures, words.lang)]
    if recommendations:
        title = words.recommendations_title
        parts.append(_part(level, "section-recommendations", title, recommendations, words.lang))
    return mark_safe("".join(parts))  # noqa: S308 (both parts built by format_html)


# --- the printed formats ----------------------------------------------------------------------


def _section_note(measures: list[dict[str, Any]]) -> Block:
    runs = [Run(_("Maßnahmen zu diesem Abschnitt (Anhang A):") + " ")]
    for index, measure in enumerate(measures):
        if index:
            runs.append(Run(", "))
        runs.append(Run(str(measure["number"]), href=f"#{measure_anchor(measure['number'])}"))
    return Block(kind=PARAGRAPH, runs=runs, css_class="section-measures")


def _goal_table(goal: dict[str, Any], measures: list[dict[str, Any]], labels) -> Block:
    header = [[Run(_("Nr."))], [Run(_("Maßnahme"))], [Run(_("Federführung"))]]
    header.append([Run(_("Umsetzungsstand"))])
    rows = [
        [
            [Run(str(m["number"]))],
            [Run(m["title"])],
            [Run(m.get("lead_organisation") or "–")],
            [Run(labels["status"].get(m["status"], m["status"]))],
        ]
        for m in measures
    ]
    if goal.get("code"):
        caption = _("Ziel %(code)s: %(title)s") % {"code": goal["code"], "title": goal["title"]}
    else:
        caption = _("Ohne zugeordnetes Ziel")
    return Block(
        kind=TABLE,
        level=2,
        caption=caption,
        rows=[header, *rows],
        header_rows=[True] + [False] * len(rows),
        widths=[1.2, 8.3, 4.5, 2.6],
        columns=["number", "", "lead", "status"],
        anchors=[measure_anchor(m["number"]) for m in measures],
        css_class="measures-table",
    )


def _measures_annex(document: dict[str, Any]) -> Annex:
    """Working groups in the order of their first measure, each with its goals by code and the
    measures without a goal last."""
    measures = _measures(document)
    labels = measure_labels()
    goals = {goal["code"]: goal for goal in document.get("goals", [])}
    groups: dict[str, dict[str, Any]] = {}
    for measure in measures:
        group = measure.get("working_group") or {}
        entry = groups.setdefault(group.get("slug") or "", {"name": group.get("name"), "by": {}})
        entry["by"].setdefault(measure.get("goal") or "", []).append(measure)
    blocks = [
        Block(
            kind=PARAGRAPH,
            runs=[
                Run(
                    ngettext(
                        "%(counter)s Maßnahme, nach Arbeitsgruppe und Ziel; Umsetzungsstand zum "
                        "Stand dieser Fassung.",
                        "%(counter)s Maßnahmen, nach Arbeitsgruppe und Ziel; Umsetzungsstand zum "
                        "Stand dieser Fassung.",
                        len(measures),
                    )
                    % {"counter": len(measures)}
                )
            ],
        )
    ]
    for group in groups.values():
        name = group["name"] or _("ohne Arbeitsgruppe")
        title = _("Arbeitsgruppe %(name)s") % {"name": name}
        blocks.append(Block(kind=HEADING, level=1, runs=[Run(title)]))
        for code in sorted(group["by"], key=lambda c: (c == "", natural_key(c))):
            goal = goals.get(code, {"code": code, "title": ""}) if code else {}
            blocks.append(_goal_table(goal, group["by"][code], labels))
    return Annex(anchor=MEASURES_ANNEX, title=_("Anhang A: Maßnahmen"), blocks=blocks)


def _recommendations_annex(document: dict[str, Any]) -> Annex:
    blocks = []
    for rec in sorted(document.get("recommendations", []), key=lambda r: natural_key(r["code"])):
        blocks.append(Block(kind=HEADING, level=1, runs=[Run(f"{rec['code']} {rec['title']}")]))
        blocks.append(Block(kind=MARKDOWN, level=1, source=rec.get("text", "")))
        if rec.get("measures"):
            numbers = ", ".join(str(n) for n in rec["measures"])
            text = _("Zugehörige Maßnahmen: %(numbers)s") % {"numbers": numbers}
            blocks.append(
                Block(kind=PARAGRAPH, runs=[Run(text)], css_class="recommendation-measures")
            )
    return Annex(
        anchor=RECOMMENDATIONS_ANNEX, title=_("Anhang B: Handlungsempfehlungen"), blocks=blocks
    )


def printed(document: dict[str, Any]) -> PrintedParts:
    measures = _measures(document)
    parts = PrintedParts(
        notes={key: [_section_note(cited)] for key, cited in _cited(measures).items()},
        is_example=any(m.get("is_example") for m in measures),
    )
    if measures:
        parts.annexes.append(_measures_annex(document))
    if document.get("recommendations"):
        parts.annexes.append(_recommendations_annex(document))
    return parts
