"""Full-text search over measures and imap's recommendations.

Each search takes a queryset and the user's raw query and returns ``(queryset, terms)``:

- ``terms`` are the user's words reduced to letters and digits and casefolded
  (``core.text.search_terms``); pass them to ``core.text.highlight``. Empty when the query
  holds no word: then the queryset comes back unchanged.
- otherwise the queryset is narrowed to the rows matching *every* term and annotated with
  ``search_rank`` (a float, higher is better); order by ``-search_rank`` for relevance.

Measures are searched in data stored on each row (``measures.search_index`` writes it):

- PostgreSQL: the column ``search_vector``, a weighted ``tsvector`` (title A, description B;
  goal title, lead organisation, target groups and the recommendations' titles and texts C) in
  the German configuration (stemming) and the ``simple`` one (the word as typed), with a GIN
  index. A prefix ``tsquery`` per term, German OR simple, all terms ANDed; ranked with
  ``ts_rank``.
- Any other database (SQLite, the quick-start default): the column ``search_text``, the same
  parts NFKC-casefolded (``fold``), one line each. SQLite's ``LIKE``/``lower()`` fold ASCII
  only, so each term is folded too and cut to a crude stem (``fallback_stem``); the row must
  contain every one. ``text_rank`` weighs the hits per line like ts_rank's default weights, in
  Python and for the matching rows only.

``measure_search_once`` runs the search once and hands on the matches' ids, for the catalogue,
which queries the result for its page, its count and each facet's counts.

Recommendations and session texts (``recommendation_search``, ``text_search``) are few and
searched on the fly: a ``tsvector`` built in the query, or on other databases the candidate
rows read and matched in Python (``text_matches``).

How the stored data stays current: ``measures.signals`` refreshes exactly the affected measures
(``measures_search_refresh``) whenever a measure is saved, its target groups or recommendations
are linked or unlinked (from either side), a recommendation's title or text changes or it is
deleted, a goal's title changes, an organisation or a target group is renamed, or a target
group is deleted. The refresh writes with one UPDATE per batch, which sends no signal, so it
triggers no further refresh. Writes that send no signals refresh explicitly: the measure
admin's recommendation inline (it saves through rows), the benchmark's ``bulk_create``, and
the bulk paths, which defer the signals' refreshes to one at their end
(``search_index_deferred``): the import and the loader, which also refreshes its concept fully.
``QuerySet.update`` and ``bulk_create`` anywhere else send no signal either: code using them
on measures, goals, organisations, target groups or recommendations must call
``measures_search_refresh``. An operator can rebuild everything with
``manage.py rebuild_search_index`` (0.4 s for 990 measures).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, Expression, F, FloatField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce

from measures.models import Measure, Recommendation
from minden_integration.core.text import search_terms

# PostgreSQL's default ts_rank weights, used by the fallback too so both rank alike.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# Databases whose own full-text search is used; any other gets the fallback.
FULL_TEXT_VENDORS = frozenset({"postgresql"})
# German for stemming ("Sprachförderung" → "sprachforder"), simple for the word as typed.
SEARCH_CONFIGS = ("german", "simple")
# A measure's `search_text`: the weight of each line (title, description, related texts).
WEIGHTED_PARTS = ("A", "B", "C")
PART_SEPARATOR = "\n"

# Up to this many matches, measure_search_once hands on their ids: a short id list is cheaper
# to filter on than the search, a long one (parsed again by every query) costs more.
PINNED_MATCHES_MAX = 200

# Endings cut by the fallback's stemming, longest first.
FALLBACK_ENDINGS = ("ungen", "ung", "en", "er", "e", "n", "s")

Document = Sequence[tuple[str, Sequence[Expression]]]  # (weight, expressions)


def measure_search(queryset: QuerySet[Measure], query: str | None) -> tuple[QuerySet, list[str]]:
    """Measures matching every word of `query` in their title (A), description (B), goal,
    lead organisation, target groups and recommendations (C), from the stored search data."""
    terms = search_terms(query)
    if not terms:
        return queryset, []
    if connections[queryset.db].vendor in FULL_TEXT_VENDORS:
        query = _tsquery(terms)
        found = queryset.filter(search_vector=query).annotate(
            search_rank=SearchRank(F("search_vector"), query)
        )
    else:
        found = _stored_text_search(queryset, terms)
    return found, terms


def measure_search_once(
    queryset: QuerySet[Measure], query: str | None
) -> tuple[QuerySet, list[str]]:
    """`measure_search` for a page that queries the result many times (the catalogue: its
    page, count and a count per facet). The search runs once, here, and the queryset returned
    selects the matches by id, ranked as found; with more than PINNED_MATCHES_MAX matches it
    searches again each time instead."""
    found, terms = measure_search(queryset, query)
    if not terms:
        return found, terms
    ranks = dict(found.order_by().values_list("pk", "search_rank")[: PINNED_MATCHES_MAX + 1])
    if len(ranks) > PINNED_MATCHES_MAX:
        return found, terms
    return _ranked(queryset.filter(pk__in=list(ranks)), ranks), terms


def recommendation_search(
    queryset: QuerySet[Recommendation], query: str | None
) -> tuple[QuerySet, list[str]]:
    """Recommendations matching every word of `query` in their code and title (A) or text (B)."""
    terms = search_terms(query)
    if not terms:
        return queryset, []
    document = [("A", [F("code"), F("title")]), ("B", [F("text")])]
    return _search(queryset, terms, document), terms


def text_search(
    queryset: QuerySet, query: str | None, document: Document
) -> tuple[QuerySet, list[str]]:
    """The same search over any model: `document` lists (weight, [expressions]) to search,
    e.g. ``[("A", [F("agenda")]), ("B", [F("minutes")])]``."""
    terms = search_terms(query)
    if not terms:
        return queryset, []
    return _search(queryset, terms, document), terms


# --- the fallback's matching, in plain Python ---------------------------------------------------


def fold(text: str | None) -> str:
    """Unicode-aware, case-insensitive form: "Übersetzung" and "ÜBERSETZUNG" → "übersetzung"."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def text_matches(text: str | None, terms: Iterable[str]) -> bool:
    """Whether every term is contained in `text`, ignoring case (the fallback's filter)."""
    folded = fold(text)
    return all(fold(term) in folded for term in terms)


def fallback_stem(term: str) -> str:
    """A crude German stem for the fallback, so "Sprachförderung" finds "Sprachfördermaßnahmen"
    there too: one common ending is cut while at least four letters remain."""
    term = fold(term)
    for ending in FALLBACK_ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 4:
            return term[: -len(ending)]
    return term


def text_rank(parts: Iterable[tuple[str, str | None]], terms: Iterable[str]) -> float:
    """Weighted hits of the terms in (weight, text) parts: a title hit outweighs others."""
    folded = [(WEIGHTS[weight], fold(text)) for weight, text in parts]
    return sum(
        weight * text.count(term) for term in map(fold, terms) for weight, text in folded if term
    )


# --- implementation ---------------------------------------------------------------------------


def _tsquery(terms: list[str]) -> SearchQuery:
    """Every term as a prefix, stemmed (german) or as typed (simple); all terms required.
    Terms are letters and digits only (search_terms), so a raw tsquery cannot be broken."""
    return reduce(
        lambda left, right: left & right,
        (
            reduce(
                lambda left, right: left | right,
                (
                    SearchQuery(f"{term}:*", search_type="raw", config=config)
                    for config in SEARCH_CONFIGS
                ),
            )
            for term in terms
        ),
    )


def _ranked(queryset: QuerySet, ranks: dict[int, float]) -> QuerySet:
    """`search_rank` from ranks computed in Python, one WHEN per distinct rank."""
    by_rank: dict[float, list[int]] = defaultdict(list)
    for pk, rank in ranks.items():
        by_rank[rank].append(pk)
    return queryset.annotate(
        search_rank=Case(
            *(When(pk__in=pks, then=Value(rank)) for rank, pks in by_rank.items()),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )


def _stored_text_search(queryset: QuerySet[Measure], terms: list[str]) -> QuerySet:
    """Both sides casefolded, so the database's own case folding plays no part."""
    stems = [fallback_stem(term) for term in terms]
    found = queryset.filter(*(Q(search_text__contains=stem) for stem in stems))
    ranks = {
        pk: text_rank(zip(WEIGHTED_PARTS, text.split(PART_SEPARATOR), strict=False), stems)
        for pk, text in found.order_by().values_list("pk", "search_text")
    }
    return _ranked(found, ranks)


def _search(queryset: QuerySet, terms: list[str], document: Document) -> QuerySet:
    if connections[queryset.db].vendor in FULL_TEXT_VENDORS:
        return _postgresql_search(queryset, terms, document)
    return _python_search(queryset, terms, document)


def _postgresql_search(queryset: QuerySet, terms: list[str], document: Document) -> QuerySet:
    vector = reduce(
        lambda left, right: left + right,
        (
            SearchVector(*expressions, config=config, weight=weight)
            for config in SEARCH_CONFIGS
            for weight, expressions in document
        ),
    )
    query = _tsquery(terms)
    return (
        queryset.alias(search_document=vector)
        .filter(search_document=query)
        .annotate(search_rank=SearchRank(F("search_document"), query))
    )


def _python_search(queryset: QuerySet, terms: list[str], document: Document) -> QuerySet:
    columns = {
        f"search_{index}_{position}": (
            weight,
            Coalesce(expression, Value(""), output_field=TextField()),
        )
        for index, (weight, expressions) in enumerate(document)
        for position, expression in enumerate(expressions)
    }
    rows = (
        queryset.order_by()
        .annotate(**{name: expression for name, (_weight, expression) in columns.items()})
        .values_list("pk", *columns)
    )
    weights = [weight for weight, _expression in columns.values()]
    terms = [fallback_stem(term) for term in terms]
    ranks = {}
    for pk, *texts in rows:
        if text_matches("\n".join(texts), terms):
            ranks[pk] = text_rank(zip(weights, texts, strict=True), terms)
    return _ranked(queryset.filter(pk__in=list(ranks)), ranks)
