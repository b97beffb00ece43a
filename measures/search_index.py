"""The stored search data of measures: written here, read by ``measures.search``.

Each measure keeps ``search_text`` (its related texts: goal, lead organisation, target groups,
recommendations; on SQLite triggers copy it with the title and description into the FTS5 table
``measures_measure_fts``) and on PostgreSQL ``search_vector`` (the weighted tsvector of all its
parts in the German configuration, GIN-indexed).
``measures.signals`` calls ``measures_search_refresh`` for the measures a save, delete or
many-to-many change affects; paths that bypass signals call it themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

from measures.models import Measure
from minden_integration.core.fulltext import CONFIG

# Measures written per UPDATE statement: bounds the statement's size and parameters.
BATCH_SIZE = 500
# The tsvector of one row (id, a, b, c) of the VALUES list in `_write_postgresql`: the parts
# a, b, c (title, description, related texts) weighted A, B, C.
VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector('{CONFIG}'::regconfig, v.{column}), '{weight}')"
    for weight, column in (("A", "a"), ("B", "b"), ("C", "c"))
)

# Inside `search_index_deferred()`: the measures (per database) still to be refreshed.
_pending: ContextVar[dict[str, set[int]] | None] = ContextVar(
    "measures_search_pending", default=None
)


def measures_search_refresh(*, measures: QuerySet[Measure] | Iterable[Measure]) -> int:
    """Recompute the stored search data of `measures`; returns how many were written.

    Reads the measures in one query, then per BATCH_SIZE measures their related texts in two
    and writes them in one UPDATE; that sends no signals, so a refresh never triggers another.
    """
    if isinstance(measures, QuerySet):
        model, using = measures.model, measures.db
        source = measures
    else:
        items = list(measures)
        if not items:
            return 0
        model, using = type(items[0]), items[0]._state.db or DEFAULT_DB_ALIAS
        source = model._default_manager.using(using).filter(pk__in=[m.pk for m in items])
    rows = {
        pk: (title, description, [goal_title, lead])
        for pk, title, description, goal_title, lead in source.values_list(
            "pk", "title", "description", "goal__title", "lead_organisation__name"
        )
    }
    if not rows:
        return 0
    pks = sorted(rows)
    if (pending := _pending.get()) is not None:  # fresh now: no need to refresh them again
        pending[using].difference_update(pks)
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        related = _related_texts(model, using, batch)
        parts = {}
        for pk in batch:
            title, description, c_texts = rows[pk]
            parts[pk] = (title, description, " ".join(filter(None, [*c_texts, *related[pk]])))
        if connections[using].vendor == "postgresql":
            _write_postgresql(model, using, parts)
        else:
            model._default_manager.using(using).bulk_update(
                [model(pk=pk, search_text=texts[2]) for pk, texts in parts.items()],
                ["search_text"],
            )
    return len(pks)


@contextmanager
def search_index_deferred() -> Iterator[None]:
    """Within the block, changes only note the measures they affect; those not refreshed
    explicitly since are refreshed once when it ends (for bulk writes such as the import).
    Nothing is refreshed on an exception: the transaction around is rolled back anyway."""
    if _pending.get() is not None:  # nested: the outermost block refreshes
        yield
        return
    pending: dict[str, set[int]] = defaultdict(set)
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    for using, pks in pending.items():
        if pks:
            measures_search_refresh(measures=Measure.objects.using(using).filter(pk__in=pks))


def measures_search_affected(pks: Iterable[int], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refresh these measures now, or at the end of the surrounding deferred block."""
    pks = set(pks)
    if not pks:
        return
    pending = _pending.get()
    if pending is not None:
        pending[using] |= pks
        return
    measures_search_refresh(measures=Measure.objects.using(using).filter(pk__in=pks))


def _related_texts(model, using: str, pks: list[int]) -> dict[int, list[str]]:
    """Target group names, then the recommendations' titles and texts, of each measure."""
    texts: dict[int, list[str]] = {pk: [] for pk in pks}
    groups = model.target_groups.through._default_manager.using(using)
    for pk, name in (
        groups.filter(measure_id__in=pks)
        .order_by("targetgroup__name")
        .values_list("measure_id", "targetgroup__name")
    ):
        texts[pk].append(name)
    recommendations = model._meta.get_field("recommendations").through
    for pk, title, text in (
        recommendations._default_manager.using(using)
        .filter(measure_id__in=pks)
        .order_by("recommendation__code")
        .values_list("measure_id", "recommendation__title", "recommendation__text")
    ):
        texts[pk].append(f"{title} {text}")
    return texts


def _write_postgresql(model, using: str, parts: dict[int, tuple[str, str, str]]) -> None:
    """One ``UPDATE … FROM (VALUES …)``: each text is sent once, the vector is built in SQL."""
    connection = connections[using]
    quote = connection.ops.quote_name
    values = ", ".join(["(%s::bigint, %s, %s, %s)"] * len(parts))
    params = [value for pk, texts in parts.items() for value in (pk, *texts)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(model._meta.db_table)} AS m "
            f"SET search_text = v.c, search_vector = {VECTOR_SQL} "
            f"FROM (VALUES {values}) AS v (id, a, b, c) "
            f"WHERE m.{quote(model._meta.pk.column)} = v.id",
            params,
        )
