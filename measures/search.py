"""Full-text search over measures and imap's recommendations.

Both functions take a queryset and the user's raw query and return ``(queryset, terms)``:

- ``terms`` are the user's words reduced to letters and digits and casefolded
  (``concept.text.search_terms``); pass them to ``concept.text.highlight``. Empty when the query
  holds no word: then the queryset comes back unchanged.
- otherwise the queryset is narrowed to the rows matching *every* term and annotated with
  ``search_rank`` (a float, higher is better); order by ``-search_rank`` for relevance.

PostgreSQL: a weighted ``tsvector`` built on the fly (title A, description B, related text C),
queried with a prefix ``tsquery`` per term in the German configuration (stemming) OR the
``simple`` one (the unstemmed word as typed), and ranked with ``ts_rank``.

Any other database (SQLite, the quick-start default): SQLite's ``LIKE``/``lower()`` fold ASCII
only, so the candidate rows' text is read in one query and matched in Python on its Unicode
casefold (``text_matches``), each term (cut to a crude stem by ``fallback_stem``) to be
contained; ``text_rank`` weighs the hits like ts_rank's default weights.

Nothing is stored: no write path (the import, the admin, ``QuerySet.update``, a renamed
organisation, goal or target group, a changed recommendation) can leave the search stale. For a
catalogue of a few hundred measures that costs nothing noticeable; with many thousands, a stored
``SearchVectorField`` with a GIN index, kept up to date by a trigger, would be the next step.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import (
    Case,
    Expression,
    F,
    FloatField,
    OuterRef,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat

from concept.text import search_terms
from measures.models import Measure, Recommendation

# PostgreSQL's default ts_rank weights, used by the fallback too so both rank alike.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# Databases whose own full-text search is used; any other gets the Python fallback.
FULL_TEXT_VENDORS = frozenset({"postgresql"})
# German for stemming ("Sprachförderung" → "sprachforder"), simple for the word as typed.
SEARCH_CONFIGS = ("german", "simple")

# Endings cut by the fallback's stemming, longest first.
FALLBACK_ENDINGS = ("ungen", "ung", "en", "er", "e", "n", "s")

Document = Sequence[tuple[str, Sequence[Expression]]]  # (weight, expressions)


def measure_search(queryset: QuerySet[Measure], query: str | None) -> tuple[QuerySet, list[str]]:
    """Measures matching every word of `query` in their title (A), description (B), goal,
    lead organisation, target groups and recommendations (C)."""
    terms = search_terms(query)
    if not terms:
        return queryset, []
    return _search(queryset, terms, _measure_document()), terms


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


def _measure_document() -> Document:
    recommendations = Measure.recommendations.through.objects.filter(measure=OuterRef("pk"))
    target_groups = Measure.target_groups.through.objects.filter(measure=OuterRef("pk"))
    return [
        ("A", [F("title")]),
        ("B", [F("description")]),
        (
            "C",
            [
                F("goal__title"),
                F("lead_organisation__name"),
                _joined(target_groups, F("targetgroup__name")),
                _joined(
                    recommendations,
                    Concat(
                        "recommendation__title",
                        Value(" "),
                        "recommendation__text",
                        output_field=TextField(),
                    ),
                ),
            ],
        ),
    ]


def _joined(through: QuerySet, expression) -> Subquery:
    """The texts of a many-to-many relation as one string (a correlated subquery)."""
    return Subquery(
        through.order_by()
        .values("measure")
        .annotate(joined=StringAgg(expression, Value(" ")))
        .values("joined"),
        output_field=TextField(),
    )


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
    # Terms are letters and digits only (search_terms), so a raw tsquery cannot be broken.
    query = reduce(
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
    return queryset.filter(pk__in=list(ranks)).annotate(
        search_rank=Case(
            *(When(pk=pk, then=Value(rank)) for pk, rank in ranks.items()),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
