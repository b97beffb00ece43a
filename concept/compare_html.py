"""The markup the comparison repeats for every changed section, written here.

At ten times the demo data the comparison of version 1 with the version in consultation shows
140 changed sections; rendered by `{% include %}` they were two thirds of the page's time with
the cache cleared. The words are translated once per page; every value is escaped as the
template would (`concept.reading_html.escape`); the diffs are already escaped and sanitised.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from concept.comparison import ADDED, MOVED, REMOVED, SectionComparison
from concept.reading_html import escape


class CompareWords:
    """The page's fixed words and addresses, for the two versions compared."""

    def __init__(self, old_number: int, new_number: int):
        self.old_number, self.new_number = old_number, new_number
        self.new_url = reverse("concept:version-detail", args=[new_number])
        self.old_url = reverse("concept:version-detail", args=[old_number])

    @cached_property
    def words(self) -> dict[str, str]:
        new, old = {"number": self.new_number}, {"number": self.old_number}
        return {
            name: escape(text)
            for name, text in (
                ("added", _("Neu in Version %(number)s") % new),
                ("removed", _("In Version %(number)s gestrichen") % new),
                ("changed", _("Geändert")),
                ("moved", _("Verschoben")),
                ("order", _("Reihenfolge geändert")),
                ("read_new", _("In Version %(number)s lesen") % new),
                ("read_old", _("In Version %(number)s lesen") % old),
                ("title", _("Überschrift")),
                ("text", _("Text")),
                ("easy", _("In Leichter Sprache")),
                (
                    "incorporated",
                    _("Eingearbeitete Änderungsvorschläge (Version %(number)s)") % new,
                ),
                ("by", _("von")),
                ("reasoning", _("Begründung der Entscheidung:")),
            )
        }

    @cached_property
    def example_badge(self) -> str:
        return render_to_string("includes/example_badge.html")

    def amendment_url(self, number: int) -> str:
        return reverse("concept:amendment-list", args=[number])


def _item(text: str, css: str = "") -> str:
    if css:
        text = f'<strong class="{css}">{text}</strong>'
    return f'<li class="list-inline-item">{text}</li>'


def _facts(entry: SectionComparison, words: CompareWords) -> list[str]:
    w = words.words
    kind = entry.kind
    if kind == ADDED:
        return [_item(w["added"], "diff-badge diff-badge-added")]
    if kind == REMOVED:
        return [_item(w["removed"], "diff-badge diff-badge-removed")]
    facts = []
    if entry.text_changed:
        facts.append(_item(w["changed"], "diff-badge diff-badge-changed"))
    if entry.moved:
        facts.append(_item(w["moved"], "diff-badge diff-badge-moved"))
    if entry.number_changed:
        text = _("Nummer %(old)s → %(new)s") % {
            "old": entry.old["number"],
            "new": entry.new["number"],
        }
        facts.append(_item(escape(text)))
    if entry.level_changed:
        text = _("Ebene: %(old)s → %(new)s") % {
            "old": entry.old_level_label,
            "new": entry.new_level_label,
        }
        facts.append(_item(escape(text)))
    if entry.order_changed:
        facts.append(_item(w["order"]))
    return facts


def compare_amendments(entry: SectionComparison, words: CompareWords, heading_level=None) -> str:
    """The accepted amendments worked into the newer version's section."""
    w = words.words
    if heading_level:
        title = f'<h{heading_level} class="diff-part-title">{w["incorporated"]}</h{heading_level}>'
    else:
        title = f'<p class="mb-1"><strong>{w["incorporated"]}</strong></p>'
    items = []
    for amendment in entry.amendments:
        badge = f" {words.example_badge}" if amendment.is_example else ""
        href = f"{words.amendment_url(amendment.proposed_in)}#vorschlag-{amendment.pk}"
        label = _("%(label)s zu Version %(number)s") % {
            "label": amendment.label,
            "number": amendment.proposed_in,
        }
        reasoning = (
            f'<p class="mb-0 small">{w["reasoning"]} '
            f'<span lang="de">{escape(amendment.decision_reasoning)}</span></p>'
            if amendment.decision_reasoning
            else ""
        )
        items.append(
            f'<li class="amendment">\n<strong>{escape(amendment.get_kind_display())}</strong>\n'
            f"({escape(amendment.get_status_display())})\n{w['by']} "
            f'<span lang="de">{escape(amendment.proposer_label)}</span>{badge}\n–\n'
            f'<a href="{escape(href)}">{escape(label)}</a>\n{reasoning}</li>\n'
        )
    return f'<div class="diff-amendments">\n{title}\n<ul>\n{"".join(items)}</ul>\n</div>\n'


def compare_entry(entry: SectionComparison, words: CompareWords) -> str:
    """One changed section: its heading, what changed, the diffs and the amendments."""
    w = words.words
    section: dict[str, Any] = entry.section
    if entry.new is not None:
        read = f'<a href="{words.new_url}#{escape(entry.anchor)}">{w["read_new"]}</a>'
    else:
        read = f'<a href="{words.old_url}#{escape(entry.anchor)}">{w["read_old"]}</a>'
    out = [
        f'<div class="diff-entry diff-{entry.kind}" id="vergleich-{escape(entry.key)}">\n'
        f'<h3 class="diff-entry-title"><span lang="de"><span class="section-number">'
        f"{escape(section['number'])}</span> {escape(section['title'])}</span></h3>\n"
        f'<ul class="diff-facts list-inline">\n{"".join(_facts(entry, words))}'
        f'<li class="list-inline-item">\n{read}\n</li>\n</ul>\n'
    ]
    if entry.title_changed:
        out.append(
            f'<h4 class="diff-part-title">{w["title"]}</h4>\n'
            f'<p class="diff-text" lang="de">{entry.title_diff}</p>\n'
        )
    if entry.body_diff and entry.kind != MOVED:
        out.append(
            f'<h4 class="diff-part-title">{w["text"]}</h4>\n'
            f'<div class="diff-text diff-rendered" lang="de">{entry.body_diff}</div>\n'
        )
    if entry.summary_diff and (entry.summary_changed or entry.kind in (ADDED, REMOVED)):
        out.append(
            f'<h4 class="diff-part-title">{w["easy"]}</h4>\n'
            f'<div class="diff-text diff-rendered" lang="de">{entry.summary_diff}</div>\n'
        )
    if entry.amendments:
        out.append(compare_amendments(entry, words, heading_level=4))
    out.append("</div>\n")
    return "".join(out)


def compare_entries(entries: list[SectionComparison], old_number: int, new_number: int):
    """Every changed section of the comparison, in order."""
    words = CompareWords(old_number, new_number)
    return mark_safe("".join(compare_entry(entry, words) for entry in entries))


def unchanged_amendments(entry: SectionComparison, old_number: int, new_number: int) -> SafeString:
    """The amendments beside an unchanged section (a plain paragraph title)."""
    return mark_safe(compare_amendments(entry, CompareWords(old_number, new_number)))
