"""The annual implementation report for the benchmarks: issued (once) for the closed year with
the most published updates of the data loaded, so its page and its files have the most to show.
"""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone


def report_year() -> int:
    from measures.models import ProgressUpdate

    current = timezone.localdate().year
    busiest = (
        ProgressUpdate.objects.published()
        .filter(date__year__lt=current)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(updates=Count("pk"))
        .order_by("-updates", "-year")
        .first()
    )
    return busiest["year"] if busiest else current - 1


def report_issued(year: int | None = None):
    """The first edition of that year's (or `year`'s) report, issued now if there is none (its
    files are rendered by the worker, not here)."""
    from concept.models import Concept
    from measures.models import ImplementationReport
    from measures.report_issuing import report_issue

    concept, year = Concept.objects.current(), year or report_year()
    found = ImplementationReport.objects.filter(concept=concept, year=year, edition=0).first()
    return found or report_issue(concept=concept, year=year, by=None)
