"""One search for everything: the current version's sections, measures, recommendations and
published session agendas and minutes, grouped by kind.

The search reads the stored Markdown; a result shows it as plain text (`markdown_to_text`), the
matches marked, so no `**` or `#` reaches a snippet and nothing from the text is markup."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, F, Prefetch, QuerySet, TextField, Value, When, Window
from django.urls import reverse
from django.utils.translation import gettext as _

from concept.documents import version_document
from concept.models import Concept, ConceptVersion, section_anchor
from measures.models import Measure, Recommendation
from measures.search import (
    fallback_stem,
    measure_search,
    recommendation_search,
    text_matches,
    text_rank,
    text_search,
)
from minden_integration.core.text import excerpt, highlight, markdown_to_text, search_terms
from workgroups.models import Session

LIMIT = 20
# Minutes count only once published: unpublished minutes must never match (nor leak).
_PUBLIC_MINUTES = Case(
    When(minutes_public=True, then=F("minutes")), default=Value(""), output_field=TextField()
)


def site_search(query: str) -> dict[str, Any]:
    query = (query or "").replace("\x00", " ")[:200]
    terms = search_terms(query)
    concept = Concept.objects.current()
    groups: list[dict[str, Any]] = []
    if terms and concept is not None:
        groups = [
            _sections(concept, query, terms),
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


def _snippet(terms: list[str], *texts: str) -> str:
    """The first of the Markdown texts whose words match (else the first), as plain text
    around the match with the terms marked."""
    plain = [markdown_to_text(text) for text in texts if text]
    stems = [fallback_stem(term) for term in terms]
    chosen = next((text for text in plain if text_matches(text, stems)), plain[0] if plain else "")
    return highlight(excerpt(chosen, terms), terms)


def _sections(concept: Concept, query: str, terms: list[str]) -> dict[str, Any]:
    version = ConceptVersion.objects.filter(concept=concept).current()
    hits = []
    if version is not None:
        stems = [fallback_stem(term) for term in terms]
        for section in version_document(version)["sections"]:
            text = "\n".join([section["title"], section["body"], section["easy_language_summary"]])
            if text_matches(text, stems):
                rank = text_rank(
                    [("A", section["title"]), ("B", section["body"]), ("C", text)], stems
                )
                hits.append((rank, section))
        hits.sort(key=lambda hit: -hit[0])
    base = version.get_absolute_url() if version else ""
    results = [
        {
            "title": highlight(f"{section['number']} {section['title']}", terms),
            "url": f"{base}#{section_anchor(section['key'])}",
            "excerpt": _snippet(terms, section["body"], section["easy_language_summary"]),
            "meta": _("Version %(number)s") % {"number": version.number},
        }
        for _rank, section in hits[:LIMIT]
    ]
    return _group("sections", _("Abschnitte des Konzepts"), results, len(hits))


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
