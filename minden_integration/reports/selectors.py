"""Reads of the issued implementation reports, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max

from concept.models import Concept
from measures.models import ImplementationReport, ImplementationReportFile


@dataclass(frozen=True)
class Edition:
    """An edition as its page shows it: its files, the newest edition of its year, and all
    editions of the year (for the list of corrections)."""

    report: ImplementationReport
    files: list[ImplementationReportFile]
    editions: list[ImplementationReport]

    @property
    def newest(self) -> ImplementationReport:
        return self.editions[0]

    @property
    def superseded(self) -> bool:
        return self.newest.edition > self.report.edition


def edition_get(concept: Concept | None, year: int, edition: int | None = None) -> Edition | None:
    """The edition of `year` (the newest if `edition` is None), or None: three queries."""
    if concept is None:
        return None
    editions = list(
        ImplementationReport.objects.for_year(concept, year).defer("content").order_by("-edition")
    )
    if not editions:
        return None
    wanted = (
        editions[0]
        if edition is None
        else next((e for e in editions if e.edition == edition), None)
    )
    if wanted is None:
        return None
    report = ImplementationReport.objects.get(pk=wanted.pk)
    files = list(ImplementationReportFile.objects.filter(report=report).order_by("format"))
    return Edition(report=report, files=files, editions=editions)


def reports_newest(concept: Concept | None) -> list[ImplementationReport]:
    """The newest edition of each year, newest year first."""
    if concept is None:
        return []
    newest = (
        ImplementationReport.objects.filter(concept=concept)
        .values("year")
        .annotate(edition=Max("edition"))
    )
    wanted = {(row["year"], row["edition"]) for row in newest}
    reports = ImplementationReport.objects.filter(concept=concept).defer("content").latest_first()
    return [r for r in reports if (r.year, r.edition) in wanted]
