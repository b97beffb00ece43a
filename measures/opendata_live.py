"""The measures' open data as recorded now: the catalogue's download and `/massnahmen/daten/`.

Always the current records (each measure's status from its latest progress update), never a
stored file, and nothing is written on a download: the rendered file is kept only in the cache,
named by the content generation that every committed write of ours renews (see
`minden_integration.core.generation`), so it is never older than the records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from concept.documents import cached
from concept.exports import ExportFormat
from concept.issuing import Download
from concept.models import Concept, ConceptVersion, IssuedFile
from measures import opendata
from measures.contribution import measures_part
from measures.models import Measure
from minden_integration.core.generation import generation_current


def current_version(concept: Concept | None) -> ConceptVersion | None:
    """The version whose sections the citations name (without its snapshot)."""
    if concept is None:
        return None
    return ConceptVersion.objects.filter(concept=concept).defer("snapshot").current()


def live_table(
    concept: Concept | None,
    version: ConceptVersion | None,
    measures: QuerySet[Measure] | None = None,
) -> opendata.Table:
    """`measures` (all of the concept's unless given) in their own order, as recorded now; the
    citations are those of `version`'s sections. Without a concept, no rows."""
    # Read before the rows: the status shown is at least as new as the time it names.
    moment = timezone.now()
    document = {
        "concept": {"title": "", "slug": "", "municipality": ""},
        "version": None,
        "sections": [],
        "goals": [],
        "measures": [],
        "recommendations": [],
    }
    if concept is not None:
        if measures is None:
            measures = Measure.objects.for_concept(concept).order_by("number")
        rows = list(measures.for_opendata(version))
        document.update(
            concept={
                "title": concept.title,
                "slug": concept.slug,
                "municipality": concept.municipality,
            },
            version={"number": version.number, "title": version.title} if version else None,
            sections=_cited_sections(rows),
            **measures_part(concept.pk, rows),
        )
    return opendata.Table(document, opendata.live_stand(moment), moment, frozen=False)


def _cited_sections(measures: Iterable[Measure]) -> list[dict]:
    sections = {section.pk: section for m in measures for section in m.cited_here}
    return [
        {"key": s.key, "number": s.number, "title": s.title}
        for s in sorted(sections.values(), key=lambda s: s.position)
    ]


@dataclass(frozen=True)
class LiveFile:
    content: bytes
    format: ExportFormat
    filename: str
    etag: str


def live_file(concept: Concept, version: ConceptVersion, fmt: str) -> LiveFile:
    """Every measure of the concept in format `fmt`, as recorded now; ValueError for a format
    the open data does not have."""
    if fmt not in opendata.FORMATS:
        raise ValueError(f"No open-data format {fmt!r}")
    export = opendata.FORMATS[fmt]
    # Read before the data (see `minden_integration.core.generation`).
    key = f"measures-opendata:{concept.pk}:{version.pk}:{fmt}:{generation_current()}"

    def build() -> dict:
        table = live_table(concept, version)
        return {"content": opendata.table_render(table, fmt), "moment": table.moment}

    entry = cached(key, build)
    day = timezone.localtime(entry["moment"]).date()
    return LiveFile(
        content=entry["content"],
        format=export,
        filename=f"{concept.slug}-massnahmen-{day:%Y-%m-%d}.{export.extension}",
        etag=hashlib.sha256(entry["content"]).hexdigest(),
    )


def live_downloads() -> list[Download]:
    return [
        Download(format=fmt, url=reverse("measures:opendata-download", args=[key]))
        for key, fmt in opendata.FORMATS.items()
    ]


def frozen_downloads(version: ConceptVersion | None) -> list[Download]:
    """The issued measures files of a frozen version (one light query; none for another)."""
    if version is None or not version.is_frozen:
        return []
    issued = {
        fmt: (pk, size)
        for fmt, pk, size in IssuedFile.objects.filter(
            version=version, document=opendata.DOCUMENT
        ).values_list("format", "pk", "size")
    }
    return [
        Download(
            format=fmt,
            url=reverse("exports:issued-file", args=[issued[key][0]]),
            size=issued[key][1],
        )
        for key, fmt in opendata.FORMATS.items()
        if key in issued
    ]
