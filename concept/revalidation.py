"""The ETags of frozen versions' pages (the reading view and the comparison of two frozen
versions): the text never changes, so the ETag names its checksum, the decision data recorded
since (the version's row and its Beratungsfolge) and what else the page shows beside the text
(the public record of amendments, the downloads, the links to related versions). A result
recorded, an amendment's proposer no longer named, a file issued: a new ETag, a 200.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from concept.models import FROZEN_MUTABLE_FIELDS, ConceptVersion
from minden_integration.core.revalidation import page_etag


def _row(instance: Model) -> list[Any]:
    return [getattr(instance, f.attname) for f in instance._meta.concrete_fields]


def decision_state(version: ConceptVersion) -> list[Any]:
    """The checksum and what may change once frozen: status and decision data."""
    return [version.pk, version.checksum] + [
        getattr(version, name) for name in sorted(FROZEN_MUTABLE_FIELDS)
    ]


def _downloads(downloads) -> list[Any]:
    return [(d.url, d.size, d.pending) for d in downloads]


def reading_etag(request: HttpRequest, version: ConceptVersion, context: dict) -> str | None:
    """From the context the view built, before any text is rendered."""
    if not version.is_frozen:
        return None
    resolution_source = context["resolution_source"]
    parts = [
        "reading",
        decision_state(version),
        [_row(c) for step in context["beratungsfolge"] for c in step.consultations],
        [
            [*_row(a), a.section_key, a.incorporated_number]
            for amendments in context["amendment_record"].by_key().values()
            for a in amendments
        ],
        _downloads(context["downloads"]),
        _downloads(context["resolution_downloads"]),
        [resolution_source.number, resolution_source.decided_label] if resolution_source else None,
        getattr(context["resolution"], "number", None),
        getattr(context["predecessor_synopsis"], "number", None),
        context["previous_number"],
        bool(context.get("canonical_url")),
    ]
    return page_etag(request, parts)


def compare_etag(
    request: HttpRequest,
    old: ConceptVersion,
    new: ConceptVersion,
    versions: list[ConceptVersion],
    context: dict,
) -> str | None:
    """Both versions frozen; the form offers every visible version, so their list counts too."""
    if not (old.is_frozen and new.is_frozen):
        return None
    entries = context["comparison"]["entries"]
    parts = [
        "compare",
        decision_state(old),
        decision_state(new),
        [(v.number, v.title, v.status) for v in versions],
        [[*_row(a), a.proposed_in] for e in entries for a in e.amendments],
    ]
    return page_etag(request, parts)
