"""Issuing the annual implementation report: once per closed year, corrected only by a numbered
berichtigte Fassung that names what changed. The earlier editions stay valid.

The services write the edition (its content fixed as canonical JSON) and, once the transaction
commits, enqueue the task that renders its files (PDF, DOCX, ODT); the task worker renders,
never a request. Each file is stored once and recorded with its SHA-256 and SHA-512; the
authenticity check finds it through `concept.issuing.issued_elsewhere_register`.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from concept.exports import DOCX, ODT, PDF, ExportFormat
from concept.issuing import IssuedElsewhere
from concept.models import Body, Concept
from measures.models import (
    ImplementationReport,
    ImplementationReportConsultation,
    ImplementationReportFile,
    ProgressUpdate,
)
from measures.report import changed_measures, report_content

logger = logging.getLogger(__name__)

FORMATS: dict[str, ExportFormat] = {f.key: f for f in (PDF, DOCX, ODT)}
# No report before the portal's first concept could have been adopted.
FIRST_YEAR = 2000


def canonical(content: dict) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def closed_year(year: int) -> None:
    """A report covers a closed year: one before the current one."""
    current = timezone.localdate().year
    if not FIRST_YEAR <= year < current:
        raise ValidationError(
            _(
                "Ein Umsetzungsbericht wird nur für ein abgeschlossenes Jahr (vor %(year)s) "
                "herausgegeben."
            )
            % {"year": current}
        )


def _create(
    *, concept: Concept, year: int, edition: int, note: str, by, content: dict
) -> ImplementationReport:
    try:
        with transaction.atomic():
            report = ImplementationReport.objects.create(
                concept=concept,
                year=year,
                edition=edition,
                correction_note=note,
                content=canonical(content),
                issued_at=timezone.now(),
                issued_by=by,
            )
    except IntegrityError:
        raise ValidationError(
            _("Diese Fassung des Umsetzungsberichts wurde gerade schon herausgegeben.")
        ) from None
    _consultations_plan(report)
    pk = report.pk
    transaction.on_commit(lambda: report_files_issue.enqueue(pk), robust=True)
    return report


def _consultations_plan(report: ImplementationReport) -> None:
    """Each body of the concept's usual Beratungsfolge takes note of the edition."""
    bodies = Body.objects.filter(concept=report.concept, default_step__isnull=False).order_by(
        "default_step", "position", "pk"
    )
    ImplementationReportConsultation.objects.bulk_create(
        ImplementationReportConsultation(report=report, body=body, position=index)
        for index, body in enumerate(bodies)
    )


def report_issue(*, concept: Concept, year: int, by) -> ImplementationReport:
    """Issue the first edition of `year`'s report; refused if there is one already."""
    closed_year(year)
    with transaction.atomic():
        if ImplementationReport.objects.for_year(concept, year).exists():
            raise ValidationError(
                _(
                    "Der Umsetzungsbericht %(year)s ist schon herausgegeben. Eine Änderung "
                    "erscheint als berichtigte Fassung."
                )
                % {"year": year}
            )
        content = report_content(concept, year)
        content["changes"] = []
        return _create(concept=concept, year=year, edition=0, note="", by=by, content=content)


def report_correct(*, concept: Concept, year: int, note: str, by) -> ImplementationReport:
    """Issue the next berichtigte Fassung of `year`'s report, naming what changed: the note
    and the measures whose entry differs from the edition before."""
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Bitte geben Sie an, was berichtigt wurde.")})
    with transaction.atomic():
        latest = ImplementationReport.objects.for_year(concept, year).order_by("-edition").first()
        if latest is None:
            raise ValidationError(
                _("Für %(year)s ist noch kein Umsetzungsbericht herausgegeben.") % {"year": year}
            )
        content = report_content(concept, year)
        content["changes"] = changed_measures(latest.data, content)
        return _create(
            concept=concept,
            year=year,
            edition=latest.edition + 1,
            note=note,
            by=by,
            content=content,
        )


def report_years_open(concept: Concept) -> list[int]:
    """Closed years with no report yet, newest first, back to the first year with a published
    update (what the officer may issue)."""
    issued = set(
        ImplementationReport.objects.filter(concept=concept).values_list("year", flat=True)
    )
    current = timezone.localdate().year
    earliest = (
        ProgressUpdate.objects.published()
        .filter(measure__concept=concept)
        .aggregate(first=Min("date"))["first"]
    )
    first = max(FIRST_YEAR, min(earliest.year if earliest else current - 1, current - 1))
    return [year for year in range(current - 1, first - 1, -1) if year not in issued]


# --- the files --------------------------------------------------------------------------------


def render_report(report: ImplementationReport, fmt: str) -> bytes:
    """One edition as a file, from its stored content (German whatever the caller's language)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown report format {fmt!r}; expected one of {sorted(FORMATS)}")
    from measures import report_exports

    with override("de"):
        return report_exports.RENDERERS[fmt](report)


def storage_name(report: ImplementationReport, fmt: str) -> str:
    suffix = f"-berichtigt-{report.edition}" if report.edition else ""
    slug = report.data["concept"]["slug"]
    return f"issued/{slug}-umsetzungsbericht-{report.year}{suffix}.{FORMATS[fmt].extension}"


def report_file_issue(report: ImplementationReport, fmt: str) -> ImplementationReportFile | None:
    """Render, store and record one file; None if it was recorded already (here or by a
    parallel run: the unique constraint decides and the loser's copy is deleted)."""
    if report.files.filter(format=fmt).exists():
        return None
    content = render_report(report, fmt)
    storage = ImplementationReportFile._meta.get_field("file").storage
    name = storage.save(storage_name(report, fmt), ContentFile(content))
    try:
        with transaction.atomic():
            return ImplementationReportFile.objects.create(
                report=report,
                format=fmt,
                file=name,
                mime_type=FORMATS[fmt].mime_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                sha512=hashlib.sha512(content).hexdigest(),
            )
    except IntegrityError:
        storage.delete(name)
        return None
    except BaseException:
        storage.delete(name)
        raise


@task
def report_files_issue(report_id: int) -> list[str]:
    """Issue every file of the edition not issued yet; safe to run twice."""
    report = ImplementationReport.objects.filter(pk=report_id).first()
    if report is None:
        logger.warning("Implementation report %s to issue files for no longer exists.", report_id)
        return []
    return [fmt for fmt in FORMATS if report_file_issue(report, fmt) is not None]


# --- the authenticity check -------------------------------------------------------------------


def _newest_editions(reports: set[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """{(concept, year): the newest edition} for the given (concept, year) pairs."""
    if not reports:
        return {}
    rows = (
        ImplementationReport.objects.filter(
            concept_id__in={c for c, _y in reports}, year__in={y for _c, y in reports}
        )
        .values("concept_id", "year")
        .annotate(newest=Max("edition"))
    )
    return {(row["concept_id"], row["year"]): row["newest"] for row in rows}


def issued_reports_find(
    sha256: str | None, sha512: str | None, prefix: str | None
) -> list[IssuedElsewhere]:
    """The report files with this SHA-256 (and SHA-512), SHA-512 or SHA-256 prefix."""
    from django.urls import reverse

    files = ImplementationReportFile.objects.select_related("report__concept").defer(
        "report__content"
    )
    if sha256:
        files = files.filter(sha256=sha256.lower())
        if sha512:
            files = files.filter(sha512=sha512.lower())
    elif sha512:
        files = files.filter(sha512=sha512.lower())
    elif prefix:
        files = files.filter(sha256__startswith=prefix.lower())
    else:
        return []
    found = list(files.order_by("-report__year", "-report__edition", "format")[:20])
    newest = _newest_editions({(f.report.concept_id, f.report.year) for f in found})
    answers = []
    for issued in found:
        report = issued.report
        latest = newest.get((report.concept_id, report.year), report.edition)
        superseded = latest > report.edition
        answers.append(
            IssuedElsewhere(
                title=report.title,
                format=issued.format,
                size=issued.size,
                sha256=issued.sha256,
                sha512=issued.sha512,
                issued_at=issued.created_at,
                municipality=report.concept.municipality,
                download_url=issued.get_absolute_url(),
                page_url=report.get_absolute_url(),
                superseded_by=(
                    ImplementationReport(year=report.year, edition=latest).title
                    if superseded
                    else ""
                ),
                superseded_url=(
                    reverse("reports:report-edition", args=[report.year, latest])
                    if superseded
                    else ""
                ),
            )
        )
    return answers
