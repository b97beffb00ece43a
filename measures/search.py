"""Full-text search over measures, imap's recommendations and session texts.

Each search takes a queryset and the user's raw query and returns ``(queryset, terms)``:

- ``terms`` are the words searched for, lower-cased; pass them to ``core.text.highlight``.
  Empty when the query holds no word: then the queryset comes back unchanged.
- otherwise the queryset is narrowed to the matching rows and annotated with ``search_rank``
  (a float, higher is better); order by ``-search_rank`` for relevance.

All of them run ``core.fulltext.fulltext_search`` (PostgreSQL's full-text search, or SQLite's
FTS5 with the trigram tokenizer; the query's semantics are described there). Measures are
searched in data stored on each row (``measures.search_index`` writes it): on PostgreSQL the
column ``search_vector``, a weighted ``tsvector`` (title A, description B; goal title, lead
organisation, target groups and the recommendations' titles and texts C) with a GIN index; on
SQLite the FTS5 table ``measures_measure_fts`` (title, description and the column
``search_text``, which holds the related texts), which triggers keep in sync with the row.

``measure_search_once`` runs the search once and hands on the matches' ids, for the catalogue,
which queries the result for its page, its count and each facet's counts.

Recommendations and session texts are few: on PostgreSQL their tsvector is built in the query,
on SQLite their FTS5 tables are kept by triggers.

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
``manage.py rebuild_search_index``.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Case, F, FloatField, QuerySet, Value, When

from measures.models import Measure, Recommendation
from minden_integration.core.fulltext import Document, fulltext_search

# bm25 weights of the FTS5 columns on SQLite, in the order of ts_rank's A, B, C.
MEASURE_FTS_WEIGHTS = (10.0, 4.0, 2.0)  # title, description, search_text
RECOMMENDATION_FTS_WEIGHTS = (10.0, 10.0, 4.0)  # code, title, text

# Up to this many matches, measure_search_once hands on their ids: a short id list is cheaper
# to filter on than the search, a long one (parsed again by every query) costs more.
PINNED_MATCHES_MAX = 200


def measure_search(queryset: QuerySet[Measure], query: str | None) -> tuple[QuerySet, list[str]]:
    """Measures matching `query` in their title (A), description (B), goal, lead
    organisation, target groups and recommendations (C), from the stored search data."""
    return fulltext_search(queryset, query, vector="search_vector", fts_weights=MEASURE_FTS_WEIGHTS)


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
    """Recommendations matching `query` in their code and title (A) or text (B)."""
    document = [("A", [F("code"), F("title")]), ("B", [F("text")])]
    return fulltext_search(queryset, query, vector=document, fts_weights=RECOMMENDATION_FTS_WEIGHTS)


def text_search(
    queryset: QuerySet, query: str | None, document: Document, fts_weights: Iterable[float]
) -> tuple[QuerySet, list[str]]:
    """The same search over another model: `document` lists (weight, [expressions]) for
    PostgreSQL, e.g. ``[("A", [F("agenda")]), ("B", [F("minutes")])]``; the model's FTS5
    table on SQLite has a column, weighted by `fts_weights`, for each."""
    return fulltext_search(queryset, query, vector=document, fts_weights=tuple(fts_weights))


# --- for the snippets shown with a result ---------------------------------------------------------


def fold(text: str | None) -> str:
    """Unicode-aware, case-insensitive form: "Übersetzung" and "ÜBERSETZUNG" → "übersetzung"."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def text_matches(text: str | None, terms: Iterable[str]) -> bool:
    """Whether every term occurs in `text`, ignoring case: which text a snippet shows."""
    folded = fold(text)
    return all(fold(term) in folded for term in terms)


# --- implementation ---------------------------------------------------------------------------


def _ranked(queryset: QuerySet, ranks: dict[int, float]) -> QuerySet:
    """`search_rank` from ranks already computed, one WHEN per distinct rank."""
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
