"""External lists drawn from several tables, one page at a time, in a fixed number of queries."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class Segment:
    """One table's part of a list, in a stable order (by primary key)."""

    rows: QuerySet
    serialize: Callable[[Any], dict[str, Any]]


@dataclass(frozen=True)
class Page:
    data: list[dict[str, Any]]
    number: int
    per_page: int
    total: int

    @property
    def total_pages(self) -> int:
        # An empty list still has its one (empty) page.
        return max(1, math.ceil(self.total / self.per_page))


class PageOutOfRange(Exception):
    pass


def page_of(segments: list[Segment], *, number: int, per_page: int) -> Page:
    """Segments one after the other: one count per segment, one fetch per segment on the page."""
    counts = [segment.rows.count() for segment in segments]
    total = sum(counts)
    if number > max(1, math.ceil(total / per_page)):
        raise PageOutOfRange
    start, end = (number - 1) * per_page, number * per_page
    data: list[dict[str, Any]] = []
    offset = 0
    for segment, count in zip(segments, counts, strict=True):
        low, high = max(start - offset, 0), min(end - offset, count)
        if low < high:
            data += [segment.serialize(row) for row in segment.rows.order_by("pk")[low:high]]
        offset += count
    return Page(data=data, number=number, per_page=per_page, total=total)
