"""The catalogue's numbers: each facet option's count and the number of results, from one read.

One query reads the facet values of every measure the search leaves (one row per target group);
the counts of all facets, each ignoring its own selection, and the number of results are
tallied from those rows. So every number on the page has one source, the cold page pays one
light query instead of a `COUNT(DISTINCT)` per facet, and the result is kept under the content
generation: counted once per state of the data and selection, not per request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet


@dataclass(frozen=True)
class FacetTally:
    """Per facet, {option value as in the address: number of measures}; and the results."""

    counts: dict[str, dict[str, int]]
    total: int


def facet_values(rows: Iterable[tuple], many: Collection[int]) -> list[list]:
    """Each measure's stored values, one per facet, from (pk, value, …) rows that repeat a
    measure once per value of the many-valued facets (at the indexes `many`, which are turned
    into sets)."""
    measures: dict[int, list] = {}
    for pk, *values in rows:
        entry = measures.get(pk)
        if entry is None:
            entry = measures[pk] = values
            for index in many:
                value = values[index]
                values[index] = set() if value is None else {value}
        else:
            for index in many:
                if values[index] is not None:
                    entry[index].add(values[index])
    return list(measures.values())


def facet_tally(
    measures: Iterable[list], selection: tuple[object | None, ...], many: Collection[int]
) -> tuple[list[dict], int]:
    """A measure counts for a facet's options when it passes every *other* selected facet:
    when it fails none it is a result and counts everywhere; when it fails exactly one it
    counts for that facet only (its options are what choosing another value there would
    show). `selection` holds each facet's chosen stored value, or None."""
    counts: list[dict] = [{} for _ in selection]
    chosen = [
        (index, value, index in many) for index, value in enumerate(selection) if value is not None
    ]
    everywhere = range(len(selection))
    total = 0
    for values in measures:
        failed = [
            index
            for index, value, is_many in chosen
            if (value not in values[index] if is_many else value != values[index])
        ]
        if len(failed) > 1:
            continue
        total += not failed
        for index in failed or everywhere:
            tally = counts[index]
            for value in values[index] if index in many else (values[index],):
                if value is not None:
                    tally[value] = tally.get(value, 0) + 1
    return counts, total


def facets_counted(
    searched: QuerySet,
    *,
    columns: Mapping[str, str],
    many_valued: Collection[str],
    slugs: Mapping[str, Callable[[object], str]],
    selection: Mapping[str, object | None],
    key: str,
) -> FacetTally:
    """The tally of `searched` (the search applied, no facet yet) under `selection` (per
    facet the chosen stored value, or None), cached under `key`, which must name the content
    generation, the concept and the search. `many_valued` names the facets a measure can have
    several values of (joined, so repeating its row). Options appear as in the address
    (`slugs`)."""
    names = list(columns)
    chosen = tuple(selection.get(name) for name in names)
    material = repr((key, chosen))
    cache_key = f"measure-facets:{hashlib.sha256(material.encode()).hexdigest()}"
    tally = cache.get(cache_key)
    if tally is None:
        many = {index for index, name in enumerate(names) if name in many_valued}
        rows = searched.order_by().values_list("pk", *columns.values())
        counts, total = facet_tally(facet_values(rows, many), chosen, many)
        tally = FacetTally(
            counts={
                name: {slugs.get(name, str)(value): n for value, n in counted.items()}
                for name, counted in zip(names, counts, strict=True)
            },
            total=total,
        )
        cache.set(cache_key, tally, settings.PORTAL_CACHE_SECONDS)
    return tally
