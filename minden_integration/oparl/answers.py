"""What the endpoint answers: one object (or that it was deleted), or a page of a list."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.db.models import QuerySet

from minden_integration.oparl.kinds import KINDS, LISTS, Kind
from minden_integration.oparl.models import OParlTombstone, OParlTombstoneKind
from minden_integration.oparl.objects import OParlObjects
from minden_integration.oparl.pagination import Page, Segment, page_of
from minden_integration.oparl.selectors import tombstones

_LOOKUPS = {
    "created_since": "oparl_created__gte",
    "created_until": "oparl_created__lte",
    "modified_since": "oparl_modified__gte",
    "modified_until": "oparl_modified__lte",
}


def _filtered(rows: QuerySet, filters: dict[str, dt.datetime | None]) -> QuerySet:
    return rows.filter(
        **{_LOOKUPS[name]: value for name, value in filters.items() if value is not None}
    )


def _deleted(objects: OParlObjects, kind: Kind, row) -> dict[str, Any]:
    # A withheld row keeps its key; a tombstone records the removed row's.
    if isinstance(row, OParlTombstone):
        pk, label = row.object_pk, row.label
    else:
        pk, label = row.pk, ""
    return objects.deleted(
        kind, pk, created=row.oparl_created, modified=row.oparl_modified, label=label
    )


def removed_concept_exists(pk: int) -> bool:
    return tombstones(None, OParlTombstoneKind.CONCEPT, scoped=False).filter(object_pk=pk).exists()


def object_answer(objects: OParlObjects, kind: Kind, pk: int) -> dict[str, Any] | None:
    """The object, `deleted: true` if it was removed or is withheld now, or None (unknown)."""
    concept = objects.concept
    row = kind.public(concept).filter(pk=pk).first()
    if row is not None:
        return kind.serialize(objects, row)
    if kind.withheld is not None:
        row = kind.withheld(concept).filter(pk=pk).first()
        if row is not None:
            return _deleted(objects, kind, row)
    stone = tombstones(concept, kind.tombstone, scoped=kind.scoped).filter(object_pk=pk).first()
    if stone is not None:
        return _deleted(objects, kind, stone)
    return None


def list_page(
    objects: OParlObjects,
    list_name: str,
    *,
    filters: dict[str, dt.datetime | None],
    number: int,
    per_page: int,
) -> Page:
    """A page of an external list; with `modified_since`, removed and withheld objects follow
    as `deleted: true`, so that synchronising clients learn of them (OParl 1.1, 2.7)."""
    concept = objects.concept
    kinds = [KINDS[name] for name in LISTS[list_name]]
    segments = [
        Segment(_filtered(kind.public(concept), filters), partial(kind.serialize, objects))
        for kind in kinds
    ]
    if filters.get("modified_since") is not None:
        segments += [
            Segment(_filtered(kind.withheld(concept), filters), partial(_deleted, objects, kind))
            for kind in kinds
            if kind.withheld is not None
        ]
        segments += [
            Segment(
                _filtered(tombstones(concept, kind.tombstone, scoped=kind.scoped), filters),
                partial(_deleted, objects, kind),
            )
            for kind in kinds
        ]
    return page_of(segments, number=number, per_page=per_page)
