"""One search for everything: the current version's sections, measures, recommendations and
published session agendas and minutes, grouped by kind.

Every kind is searched by the database's full-text search (`core.fulltext`: PostgreSQL's, or
SQLite's FTS5), the sections in their derived search data (`concept.search_index`). A result
shows its text as plain text (`markdown_to_text`), the matches marked, so no `**` or `#`
reaches a snippet and nothing from the text is markup."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Case, Count, F, Prefetch, QuerySet, TextField, Value, When, Window
from django.urls import reverse
from django.utils.translation import gettext as _

from concept.models import Concept, ConceptVersion, section_anchor
from concept.search_index import section_search
from measures.models import Measure, Recommendation
from measures.search import measure_search, recommendation_search, text_matches, text_search
from minden_integration.core.fulltext import parse_query
from minden_integration.core.text import excerpt, highlight, markdown_to_text
from workgroups.models import Session

LIMIT = 20
# How far around its match a Markdown text is converted for a snippet (it shows 240 characters).
SNIPPET_REACH = 400
# bm25 weights of the FTS5 columns of sessions on SQLite (agenda, published minutes).
SESSION_FTS_WEIGHTS = (10.0, 4.0)
# Minutes count only once published: unpublished minutes must never match (nor leak).
_PUBLIC_MINUTES = Case(
    When(minutes_public=True, then=F("minutes")), default=Value(""), output_field=TextField()
)


def site_search(query: str) -> dict[str, Any]:
    query = (query or "").replace("\x00", " ")[:200]
    terms = parse_query(query).terms
    concept = Concept.objects.current() if terms else None
    groups: list[dict[str, Any]] = []
    if concept is not None:
        groups = [
            _sections(concept, query),
            _measures(concept, query),
            _recommendations(concept, query),
            _sessions(concept, query),
        ]
    return {
        "query": query,
        "terms": terms,
        "groups": groups,
        "total": sum(group["count"] for group in groups),
    }


def _first_hits(found: QuerySet, *ordering: str) -> tuple[list, int]:
    """The best LIMIT hits and how many there are in all, in one query: the count is a window
    over the whole match, computed before the limit."""
    rows = list(found.annotate(hit_count=Window(Count("pk"))).order_by(*ordering)[:LIMIT])
    return rows, (rows[0].hit_count if rows else 0)


def _group(key: str, label: str, results: list[dict[str, Any]], count: int) -> dict[str, Any]:
    return {"key": key, "label": label, "results": results, "count": count}


def _snippet(terms: list[str], *texts: str, plain: bool = False) -> str:
    """The first of the Markdown texts (`plain`: plain texts) that mentions a term (else the
    first), as plain text around the match with the terms marked. Only the blocks around the
    match are converted: Markdown's cost grows with the text, and a snippet shows little."""
    texts = [text for text in texts if text]
    chosen = next(
        (text for text in texts if any(text_matches(text, [term]) for term in terms)),
        texts[0] if texts else "",
    )
    if not plain:
        chosen = markdown_to_text(_blocks_around_match(chosen, terms))
    return highlight(excerpt(chosen, terms), terms)


def _blocks_around_match(text: str, terms: list[str]) -> str:
    """The whole blocks (between blank lines) of a Markdown text that lie within SNIPPET_REACH
    characters of the first match, or of the start: lists and tables stay whole."""
    if len(text) <= 2 * SNIPPET_REACH:
        return text
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    found = pattern.search(text)
    at = found.start() if found else 0
    start = text.rfind("\n\n", 0, max(0, at - SNIPPET_REACH))
    end = text.find("\n\n", at + SNIPPET_REACH)
    return text[start + 1 if start >= 0 else 0 : end if end >= 0 else len(text)]


def _sections(concept: Concept, query: str) -> dict[str, Any]:
    version = ConceptVersion.objects.filter(concept=concept).current()
    if version is None:
        return _group("sections", _("Abschnitte des Konzepts"), [], 0)
    found, terms = section_search(version, query)
    rows, count = _first_hits(found, "-search_rank", "section__position")
    base = version.get_absolute_url()
    results = [
        {
            "title": highlight(f"{entry.section.number} {entry.section.title}", terms),
            "url": f"{base}#{section_anchor(entry.section.key)}",
            "excerpt": _snippet(terms, entry.body, entry.easy_language_summary, plain=True),
            "meta": _("Version %(number)s") % {"number": version.number},
        }
        for entry in rows
    ]
    return _group("sections", _("Abschnitte des Konzepts"), results, count)


def _measures(concept: Concept, query: str) -> dict[str, Any]:
    found, terms = measure_search(Measure.objects.for_concept(concept).for_list(), query)
    rows, count = _first_hits(found, "-search_rank", "number")
    results = [
        {
            "title": highlight(f"{m.number}. {m.title}", terms),
            "url": m.get_absolute_url(),
            "excerpt": _snippet(terms, m.description),
            "meta": m.get_status_display(),
            "is_example": m.is_example,
        }
        for m in rows
    ]
    return _group("measures", _("Maßnahmen"), results, count)


def _recommendations(concept: Concept, query: str) -> dict[str, Any]:
    found, terms = recommendation_search(
        Recommendation.objects.filter(concept=concept).prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("number").only("pk", "number"))
        ),
        query,
    )
    rows, count = _first_hits(found, "-search_rank", "code")
    results = []
    for rec in rows:
        first = next(iter(rec.measures.all()), None)
        url = (
            reverse("measures:measure-detail", kwargs={"number": first.number})
            + f"#empfehlung-{rec.pk}"
            if first
            else ""
        )
        results.append(
            {
                "title": highlight(f"{rec.code} {rec.title}", terms),
                "url": url,
                "excerpt": _snippet(terms, rec.text),
                "meta": _("Handlungsempfehlung"),
                "is_example": rec.is_example,
            }
        )
    return _group("recommendations", _("Handlungsempfehlungen"), results, count)


def _sessions(concept: Concept, query: str) -> dict[str, Any]:
    found, terms = text_search(
        Session.objects.filter(working_group__concept=concept).select_related("working_group"),
        query,
        [("A", [F("agenda")]), ("B", [_PUBLIC_MINUTES])],
        SESSION_FTS_WEIGHTS,
    )
    rows, count = _first_hits(found, "-search_rank", "working_group__position", "round")
    results = []
    for session in rows:
        minutes = session.minutes if session.minutes_public else ""
        results.append(
            {
                "title": highlight(str(session), terms),
                "url": session.get_absolute_url(),
                "excerpt": _snippet(terms, session.agenda, minutes),
                "meta": session.date_label,
                "is_example": session.is_example,
            }
        )
    return _group("sessions", _("Sitzungen der Arbeitsgruppen"), results, count)
