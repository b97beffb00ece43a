"""The measures' open data as recorded now: the catalogue's download and `/massnahmen/daten/`.

Always the current records (each measure's status from its latest progress update), never an
issued file. Rendering them takes hundreds of milliseconds at ten times the demo data, so the
task worker renders them (`concept.live_files`: the open data as the document "opendata", the
filtered catalogue as "catalogue" with its query as the variant), stored once per content
generation that every committed write of ours renews (see `minden_integration.core.generation`),
so a file served is never older than the records.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from concept.exports import CSV, ExportFormat
from concept.issuing import Download
from concept.live_files import LiveDocument, live_document_register
from concept.models import Concept, ConceptVersion, IssuedFile, Section
from measures import opendata, opendata_progress
from measures.contribution import measure_rows, measures_part
from measures.models import Measure


def current_version(concept: Concept | None) -> ConceptVersion | None:
    """The version whose sections the citations name (without its snapshot)."""
    if concept is None:
        return None
    return ConceptVersion.objects.filter(concept=concept).defer("snapshot").current()


def live_table(
    concept: Concept | None,
    version: ConceptVersion | None,
    measures: QuerySet[Measure] | None = None,
    *,
    with_progress: bool = False,
) -> opendata.Table:
    """`measures` (all of the concept's unless given) in their own order, as recorded now; the
    citations are those of `version`'s sections. Without a concept, no rows. `with_progress`:
    also the concept's published progress updates and its indicators."""
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
        document.update(
            concept={
                "title": concept.title,
                "slug": concept.slug,
                "municipality": concept.municipality,
            },
            version={"number": version.number, "title": version.title} if version else None,
            sections=_cited_sections(measures, version),
            **measures_part(concept.pk, measure_rows(measures, version)),
        )
    progress = None
    if with_progress:
        progress = (
            opendata_progress.progress_read(concept)
            if concept is not None
            else opendata_progress.Progress(updates=[], indicators=[])
        )
    return opendata.Table(
        document, opendata.live_stand(moment), moment, frozen=False, progress=progress
    )


def _cited_sections(measures: QuerySet[Measure], version: ConceptVersion | None) -> list[dict]:
    """The sections of `version` the measures cite, in the text's order."""
    if version is None:
        return []
    return list(
        Section.objects.filter(
            version=version, citing_measures__in=measures.order_by().values("pk")
        )
        .distinct()
        .order_by("position")
        .values("key", "number", "title")
    )


OPENDATA = "opendata"
CATALOGUE = "catalogue"
CATALOGUE_FORMATS = {CSV.key: CSV}
# The CSV files beside the measures' (the XLSX and the JSON hold these tables themselves): the
# address's German slug -> (live document, file name part, render, label).
PROGRESS = "opendata-progress"
INDICATORS = "opendata-indicators"
TABLE_FORMATS = {CSV.key: CSV}
TABLES = {
    "fortschritt": (
        PROGRESS,
        "fortschritt",
        opendata_progress.progress_csv,
        gettext_lazy("Fortschrittsmeldungen (offene Daten)"),
    ),
    "indikatoren": (
        INDICATORS,
        "indikatoren",
        opendata_progress.indicators_csv,
        gettext_lazy("Indikatoren (offene Daten)"),
    ),
}


def _opendata_render(version: ConceptVersion, fmt: str, params: dict) -> bytes:
    table = live_table(version.concept, version, with_progress=fmt != CSV.key)
    return opendata.table_render(table, fmt)


def _table_renderer(render):
    def _render(version: ConceptVersion, fmt: str, params: dict) -> bytes:
        return render(opendata_progress.progress_read(version.concept))

    return _render


def _catalogue_render(version: ConceptVersion, fmt: str, params: dict) -> bytes:
    from measures.filters import MeasureFilter

    query = QueryDict(mutable=True)
    for name, values in params.get("query", {}).items():
        query.setlist(name, values)
    filterset = MeasureFilter(query, concept=version.concept)
    return opendata.table_csv(live_table(version.concept, version, filterset.qs))


def live_documents_register() -> None:
    live_document_register(LiveDocument(OPENDATA, opendata.FORMATS, _opendata_render))
    live_document_register(LiveDocument(CATALOGUE, CATALOGUE_FORMATS, _catalogue_render))
    for document, _part, render, _label in TABLES.values():
        live_document_register(LiveDocument(document, TABLE_FORMATS, _table_renderer(render)))


def catalogue_params(query: QueryDict) -> dict:
    """The catalogue's query as the variant of its CSV (in a fixed order)."""
    return {"query": {name: sorted(query.getlist(name)) for name in sorted(query)}}


def filename(
    concept: Concept | None, moment: dt.datetime, export: ExportFormat, part: str = ""
) -> str:
    """e.g. `minden-massnahmen-2026-05-01.csv` (`minden-massnahmen-fortschritt-…` for the
    table `part`): the day the rows were read (the catalogue's filtered list without the
    concept's name)."""
    day = timezone.localtime(moment).date()
    prefix = f"{concept.slug}-" if concept is not None else ""
    name = f"massnahmen-{part}" if part else "massnahmen"
    return f"{prefix}{name}-{day:%Y-%m-%d}.{export.extension}"


def live_downloads() -> list[Download]:
    return [
        Download(format=fmt, url=reverse("measures:opendata-download", args=[key]))
        for key, fmt in opendata.FORMATS.items()
    ]


def table_downloads() -> dict[str, Download]:
    """The CSV of the progress updates ("fortschritt") and of the indicators ("indikatoren")."""
    return {
        slug: Download(
            format=CSV, url=reverse("measures:opendata-table-download", args=[slug, CSV.key])
        )
        for slug in TABLES
    }


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
