"""One full-text search for every kind of result, done by the database's own engine.

`fulltext_search(queryset, query, ...)` is the one function that chooses, by the connection's
vendor:

- **PostgreSQL**: a ``tsvector`` in the ``german`` configuration (a stored, GIN-indexed column,
  or one built in the query for the few rows of small tables), matched by
  ``to_tsquery('german', …)`` with every word a prefix: ``'sprachförder':*`` is stemmed to
  ``sprachford:*`` and so finds "Sprachförderung" (``sprachforder``); "Kindern" finds "Kinder".
  Ranked by ``ts_rank`` (weights A > B > C).
- **SQLite** (the quick-start default): an FTS5 table ``<table>_fts`` with the ``trigram``
  tokenizer, which a migration creates on SQLite only (`SQLiteFullTextIndex`) together with the
  triggers that keep it in sync with its table. A word matches where it occurs as a substring
  (at least three characters; case-insensitive for umlauts too; no stemming). Ranked by
  ``bm25`` with per-column weights.

The user's query has web-search semantics (`parse_query`): words are all required, ``"two
words"`` in quotes must stand together, ``-word`` excludes, ``oder``/``or`` between two parts
accepts either. Only letters and digits of the input ever reach the database, each word
quoted, so no input can break a query.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.migrations.operations.base import Operation
from django.db.models import Expression, F, FloatField, Func, QuerySet, Value
from django.db.models.expressions import RawSQL

CONFIG = "german"
# The shortest word SQLite's trigram index can find (shorter ones are left out there).
TRIGRAM_MIN = 3
MAX_WORDS = 8
MAX_WORD_LENGTH = 60
MAX_QUERY_LENGTH = 1000
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
_OR_WORDS = frozenset({"or", "oder"})

# (weight, [expressions]) to build a tsvector from in the query (PostgreSQL).
Document = Sequence[tuple[str, Sequence[Expression]]]


@dataclass(frozen=True)
class Phrase:
    """Words that must stand together (one word: just that word)."""

    words: tuple[str, ...]
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    # All groups are required; a group matches when any of its phrases does.
    groups: tuple[tuple[Phrase, ...], ...]

    @property
    def terms(self) -> list[str]:
        """The words searched for (not excluded), lower-cased: to mark in the results."""
        terms: list[str] = []
        for group in self.groups:
            for phrase in group:
                if not phrase.negated:
                    terms.extend(word for word in phrase.words if word not in terms)
        return terms


def parse_query(query: str | None) -> ParsedQuery:
    """The user's input as required groups of phrases; letters and digits only survive."""
    text = (query or "").replace("\x00", " ")[:MAX_QUERY_LENGTH]
    groups: list[list[Phrase]] = []
    words_left = MAX_WORDS
    pending_or = False
    for match in _TOKEN.finditer(text):
        negated, quoted, bare = bool(match.group(1)), match.group(2), match.group(3)
        if bare is not None and not negated and bare.lower() in _OR_WORDS:
            pending_or = bool(groups)
            continue
        words = [word.lower()[:MAX_WORD_LENGTH] for word in _WORD.findall(quoted or bare or "")]
        words = words[:words_left]
        if not words:
            continue
        words_left -= len(words)
        phrases = (
            [Phrase(tuple(words), negated)]
            if quoted is not None
            else [Phrase((word,), negated) for word in words]
        )
        for phrase in phrases:
            if pending_or and not negated and not groups[-1][0].negated:
                groups[-1].append(phrase)
            else:
                groups.append([phrase])
            pending_or = False
        if not words_left:
            break
    return ParsedQuery(tuple(tuple(group) for group in groups))


def fulltext_search(
    queryset: QuerySet,
    query: str | None,
    *,
    vector: str | Document,
    fts_weights: Sequence[float],
) -> tuple[QuerySet, list[str]]:
    """Rows of `queryset` matching `query`, annotated with ``search_rank`` (higher is better),
    and the words searched for. A query without a word to search for returns the queryset
    unchanged and no terms.

    `vector`: PostgreSQL's tsvector, a stored column's name or a document to build it from.
    `fts_weights`: SQLite's bm25 weight of each column of the model's FTS5 table.
    """
    parsed = parse_query(query)
    terms = parsed.terms
    if not terms:
        return queryset, []
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        return _postgresql(queryset, parsed, vector), terms
    if vendor == "sqlite":
        return _sqlite(queryset, parsed, fts_weights), terms
    raise NotImplementedError(f"No full-text search on {vendor}.")


def fts_table(model) -> str:
    """The FTS5 table of a model's rows on SQLite."""
    return f"{model._meta.db_table}_fts"


# --- PostgreSQL ---------------------------------------------------------------------------------


def tsquery_text(parsed: ParsedQuery, *, prefix: bool = True) -> str:
    """The query for ``to_tsquery``: each word quoted (letters and digits only), as a prefix
    unless `prefix` is false."""
    suffix = ":*" if prefix else ""

    def phrase(p: Phrase) -> str:
        text = " <-> ".join(f"'{word}'{suffix}" for word in p.words)
        return f"!({text})" if p.negated else f"({text})"

    return " & ".join("(" + " | ".join(map(phrase, group)) + ")" for group in parsed.groups)


def _postgresql(queryset: QuerySet, parsed: ParsedQuery, vector: str | Document) -> QuerySet:
    """Ranked by the prefix match plus the whole words': "Eltern" ranks "Kurse für Eltern"
    above "Elterncafés"."""
    query = SearchQuery(tsquery_text(parsed), search_type="raw", config=CONFIG)
    whole_words = SearchQuery(tsquery_text(parsed, prefix=False), search_type="raw", config=CONFIG)
    if isinstance(vector, str):
        document: Expression = F(vector)
        found = queryset.filter(**{vector: query})
    else:
        document = SearchVector(*vector[0][1], config=CONFIG, weight=vector[0][0])
        for weight, expressions in vector[1:]:
            document = document + SearchVector(*expressions, config=CONFIG, weight=weight)
        found = queryset.alias(search_document=document).filter(search_document=query)
        document = F("search_document")
    return found.annotate(
        search_rank=SearchRank(document, query) + SearchRank(document, whole_words)
    )


# --- SQLite -------------------------------------------------------------------------------------


def fts5_match_text(parsed: ParsedQuery) -> str:
    """The FTS5 query, or "" when no word is long enough for the trigram index.

    Each phrase is one quoted string (a substring of the text); words shorter than TRIGRAM_MIN
    standing alone are left out, as PostgreSQL leaves out stop words."""

    def phrase(p: Phrase) -> str | None:
        text = " ".join(p.words)
        return f'"{text}"' if len(text) >= TRIGRAM_MIN else None

    required, excluded = [], []
    for group in parsed.groups:
        if group[0].negated:
            excluded.extend(filter(None, map(phrase, group)))
            continue
        alternatives = [text for text in map(phrase, group) if text]
        if len(alternatives) == len(group):  # an alternative too short would match anything
            required.append("(" + " OR ".join(alternatives) + ")")
    if not required:
        return ""
    return "(" + " AND ".join(required) + ")" + "".join(f" NOT {text}" for text in excluded)


class _Bm25(Func):
    """``-bm25()`` of the row's FTS5 match: a correlated subquery on the row's primary key."""

    output_field = FloatField()

    def __init__(self, pk: Expression, match: str, *, table: str, weights: Sequence[float]):
        super().__init__(pk, Value(match))
        self.table = table
        self.weights = tuple(float(weight) for weight in weights)

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        match = self.source_expressions[1].value
        table = connection.ops.quote_name(self.table)
        weights = "".join(f", {weight!r}" for weight in self.weights)
        sql = (
            f"(SELECT -bm25({table}{weights}) FROM {table} "
            f"WHERE {table} MATCH %s AND {table}.rowid = {pk_sql})"
        )
        return sql, (match, *pk_params)


def _sqlite(queryset: QuerySet, parsed: ParsedQuery, weights: Sequence[float]) -> QuerySet:
    match = fts5_match_text(parsed)
    if not match:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    table = connections[queryset.db].ops.quote_name(fts_table(queryset.model))
    matching = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", (match,))
    return queryset.filter(pk__in=matching).annotate(
        search_rank=_Bm25(F("pk"), match, table=fts_table(queryset.model), weights=weights)
    )


class SQLiteFullTextIndex(Operation):
    """Creates (on SQLite only) the FTS5 table of a model's table and the triggers that keep it
    in sync, and indexes the rows there already. `columns` maps each FTS5 column to an SQL
    expression over the row, written with ``{row}`` for it (e.g. ``{row}.title``)."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, table: str, columns: dict[str, str], pk: str = "id"):
        self.table = table
        self.columns = columns
        self.pk = pk

    def deconstruct(self):
        kwargs = {"table": self.table, "columns": self.columns, "pk": self.pk}
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    def _values(self, row: str) -> str:
        expressions = (expression.format(row=row) for expression in self.columns.values())
        return ", ".join([f"{row}.{self.pk}", *expressions])

    def forwards_sql(self) -> list[str]:
        names = ", ".join(self.columns)
        insert = f"INSERT INTO {self.fts} (rowid, {names})"
        return [
            f"CREATE VIRTUAL TABLE {self.fts} USING fts5({names}, "
            "tokenize='trigram case_sensitive 0')",
            f"{insert} SELECT {self._values('r')} FROM {self.table} AS r",
            f"CREATE TRIGGER {self.fts}_insert AFTER INSERT ON {self.table} BEGIN "
            f"{insert} VALUES ({self._values('NEW')}); END",
            f"CREATE TRIGGER {self.fts}_update AFTER UPDATE ON {self.table} BEGIN "
            f"DELETE FROM {self.fts} WHERE rowid = OLD.{self.pk}; "
            f"{insert} VALUES ({self._values('NEW')}); END",
            f"CREATE TRIGGER {self.fts}_delete AFTER DELETE ON {self.table} BEGIN "
            f"DELETE FROM {self.fts} WHERE rowid = OLD.{self.pk}; END",
        ]

    def backwards_sql(self) -> list[str]:
        return [
            *(
                f"DROP TRIGGER IF EXISTS {self.fts}_{event}"
                for event in ("insert", "update", "delete")
            ),
            f"DROP TABLE IF EXISTS {self.fts}",
        ]

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            for sql in self.forwards_sql():
                schema_editor.execute(sql, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            for sql in self.backwards_sql():
                schema_editor.execute(sql, params=None)

    def describe(self):
        return f"Full-text index (FTS5, SQLite only) of {self.table}"
