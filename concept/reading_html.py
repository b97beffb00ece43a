"""The markup the reading view repeats for every section and every amendment, written here.

At ten times the demo data the reading view shows 140 sections and 80 amendments; rendered by
`{% include %}` they cost two thirds of the page's time with the cache cleared (about 0.25 ms
a section and 0.6 ms an amendment: each variable, filter and translation resolved anew). Here
the words are translated once per page and every value is escaped as the template would.
The list of a version's amendments shows the same card (`{% amendment_card %}`), so the two
pages cannot drift apart.
"""

from __future__ import annotations

from functools import cached_property
from html import escape as _escape
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concept.models import Amendment


def escape(value: Any) -> str:
    """Python's own escaping (what Django's `escape` wraps, without its lazy-string wrapper):
    the same entities, at a fraction of the cost over a thousand values."""
    return _escape(str(value))


def _day(moment) -> tuple[str, str]:
    """(ISO day, short German day) of a date or datetime in the portal's time zone, as the
    template's `date` filter shows it."""
    if hasattr(moment, "tzinfo") and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return dateformat.format(moment, "Y-m-d"), date_format(moment, "SHORT_DATE_FORMAT")


class Words:
    """The page's fixed words, translated once for all its sections and amendments."""

    @cached_property
    def language(self) -> str:
        return escape(get_language() or "de")

    @cached_property
    def example_badge(self) -> str:
        return render_to_string("includes/example_badge.html")

    @cached_property
    def facts(self) -> dict[str, str]:
        return {
            name: escape(text)
            for name, text in (
                ("status", _("Status")),
                ("section", _("Abschnitt")),
                ("proposer", _("Vorgeschlagen von")),
                ("submitted", _("Eingereicht am")),
                ("passage", _("Betroffene Textstelle")),
                ("proposed", _("Vorgeschlagener Text")),
                ("rationale", _("Begründung")),
                ("reasoning", _("Begründung der Entscheidung")),
                ("adopted", _("Übernommene Fassung")),
                ("incorporated", _("Eingearbeitet in")),
                ("easy", _("In Leichter Sprache")),
                ("amendments", _("Änderungsvorschläge zu diesem Abschnitt")),
                ("propose", _("Änderung vorschlagen")),
            )
        }

    def version_url(self, number: int) -> str:
        return reverse("concept:version-detail", args=[number])


def _fact(label: str, value: str, *, lang: bool = False) -> str:
    attr = ' lang="de"' if lang else ""
    return f'<dt class="col-sm-3">{label}</dt>\n<dd class="col-sm-9"{attr}>{value}</dd>\n'


def amendment_card(
    amendment: Amendment,
    *,
    heading_level: int,
    version_number: int | None = None,
    show_section: bool = False,
    words: Words | None = None,
) -> SafeString:
    """One amendment as the public record shows it: its label and kind, status and decision
    date, the section (on the list of all amendments), proposer, dates and texts."""
    words = words or Words()
    facts = words.facts
    title = escape(
        _("%(label)s: %(kind)s") % {"label": amendment.label, "kind": amendment.get_kind_display()}
    )
    badge = f" {words.example_badge}" if amendment.is_example else ""
    status = f"<strong>{escape(amendment.get_status_display())}</strong>"
    if amendment.decided_at:
        decided = _("entschieden am %(date)s") % {"date": _day(amendment.decided_at)[1]}
        status += f" ({escape(decided)})"
    parts = [_fact(facts["status"], status)]
    if show_section:
        href = f"{words.version_url(version_number)}#abschnitt-{escape(amendment.section_key)}"
        link = (
            f'<a href="{href}" lang="de">{escape(amendment.section_number)} '
            f"{escape(amendment.section_title)}</a>"
        )
        parts.append(_fact(facts["section"], link))
    parts.append(_fact(facts["proposer"], escape(amendment.proposer_label), lang=True))
    iso, short = _day(amendment.submitted_at) if amendment.submitted_at else ("", "")
    parts.append(_fact(facts["submitted"], f'<time datetime="{iso}">{short}</time>'))
    if amendment.passage:
        quote = (
            '<blockquote class="amendment-passage border-start ps-2 mb-0" lang="de">'
            f"{linebreaks(amendment.passage, autoescape=True)}</blockquote>"
        )
        parts.append(_fact(facts["passage"], quote))
    for name, text in (
        ("proposed", amendment.proposed_text),
        ("rationale", amendment.rationale),
        ("reasoning", amendment.decision_reasoning),
        ("adopted", amendment.adopted_text),
    ):
        if text:
            parts.append(_fact(facts[name], linebreaks(text, autoescape=True), lang=True))
    incorporated = getattr(amendment, "incorporated_number", None)
    if incorporated:
        href = f"{words.version_url(incorporated)}#abschnitt-{escape(amendment.section_key)}"
        label = escape(_("Version %(number)s") % {"number": incorporated})
        parts.append(_fact(facts["incorporated"], f'<a href="{href}">{label}</a>'))
    return mark_safe(
        f'<article id="vorschlag-{amendment.pk}" class="amendment card card-body mb-3">\n'
        f'<h{heading_level} class="amendment-title h6">{title}{badge}</h{heading_level}>\n'
        f'<dl class="amendment-facts row mb-0">\n{"".join(parts)}</dl>\n</article>\n'
    )


def section_html(section: dict[str, Any], words: Words) -> str:
    """A section of the reading view: heading, text, Leichte Sprache, what other apps show
    beside it, and its amendments with the link to propose one."""
    level, sub = section["heading_level"], section["sub_heading_level"]
    out = [
        f'<section id="{escape(section["anchor"])}" class="concept-section '
        f'concept-section-level-{int(section["level"])}">\n'
        f'<h{level} class="section-title"><span class="section-number">'
        f"{escape(section['number'])}</span> {escape(section['title'])}</h{level}>\n"
    ]
    html = section["html"]()
    if section["body"]:
        out.append(f'<div class="section-body">{html.body}</div>\n')
    if section["easy_language_summary"]:
        out.append(
            f'<div class="easy-language">\n<h{sub} class="section-part-title '
            f'easy-language-title" lang="{words.language}">{words.facts["easy"]}</h{sub}>\n'
            f"{html.summary}\n</div>\n"
        )
    out.extend(conditional_escape(part) for part in section["contributed"]())
    amendments = section["amendments"]()
    propose_url = section.get("propose_url")
    if amendments or propose_url:
        count = f" ({len(amendments)})" if amendments else ""
        out.append(
            f'<div class="section-amendments" lang="{words.language}">\n'
            f'<h{sub} class="section-part-title">{words.facts["amendments"]}{count}</h{sub}>\n'
        )
        if propose_url:
            hidden = escape(_("Abschnitt %(number)s") % {"number": section["number"]})
            out.append(
                f'<p><a class="btn btn-sm btn-outline-primary" href="{escape(propose_url)}">'
                f'{words.facts["propose"]}<span class="visually-hidden"> ({hidden})</span>'
                "</a></p>\n"
            )
        heading = section["amendment_heading_level"]
        out.extend(amendment_card(a, heading_level=heading, words=words) for a in amendments)
        out.append("</div>\n")
    out.append("</section>\n")
    return "".join(out)


def sections_html(sections: list[dict[str, Any]]) -> SafeString:
    """Every section of the reading view, in order."""
    words = Words()
    return mark_safe("".join(section_html(section, words) for section in sections))
