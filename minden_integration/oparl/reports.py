"""The annual implementation reports in OParl: each issued edition is a `Paper` (paperType
"Mitteilungsvorlage") with its issued files and a Kenntnisnahme `Consultation` per body of the
concept's usual Beratungsfolge.

Reports are never deleted (their rows are protected, their admin is a register), so these kinds
leave no tombstones; their tombstone kind is a name no tombstone carries.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from django.db.models import F, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _

from concept.models import Concept, ConsultationRole
from measures.models import (
    ImplementationReport,
    ImplementationReportConsultation,
    ImplementationReportFile,
)
from minden_integration.oparl.values import date_value

if TYPE_CHECKING:
    from minden_integration.oparl.objects import OParlObjects

# Never written: reports are not deleted (see above).
NO_TOMBSTONES = "implementation_report"


def _latest(model, field: str) -> Subquery:
    rows = (
        model._default_manager.filter(report=OuterRef("pk"))
        .order_by()
        .values("report")
        .annotate(latest=Max(field))
        .values("latest")
    )
    return Subquery(rows)


def _files() -> QuerySet:
    return ImplementationReportFile.objects.annotate(
        oparl_created=F("created_at"), oparl_modified=F("created_at")
    )


def _consultations() -> QuerySet:
    return ImplementationReportConsultation.objects.annotate(
        oparl_created=F("created_at"), oparl_modified=F("updated_at")
    )


def report_papers(concept: Concept | None) -> QuerySet:
    """Every edition with its files and consultations, in three queries."""
    issued = F("issued_at")
    return (
        ImplementationReport.objects.filter(concept=concept)
        .defer("content")
        .annotate(
            oparl_created=issued,
            oparl_modified=Greatest(
                issued,
                Coalesce(_latest(ImplementationReportConsultation, "updated_at"), issued),
                Coalesce(_latest(ImplementationReportFile, "created_at"), issued),
            ),
        )
        .prefetch_related(
            Prefetch("files", queryset=_files().order_by("format"), to_attr="oparl_files"),
            Prefetch(
                "consultations",
                queryset=_consultations().order_by("position", "pk"),
                to_attr="oparl_consultations",
            ),
        )
        .order_by("pk")
    )


def report_files(concept: Concept | None) -> QuerySet:
    return (
        _files()
        .filter(report__concept=concept)
        .select_related("report")
        .defer("report__content")
        .order_by("pk")
    )


def report_consultations(concept: Concept | None) -> QuerySet:
    return _consultations().filter(report__concept=concept).order_by("pk")


def report_file(objects: OParlObjects, issued: ImplementationReportFile) -> dict[str, Any]:
    report = issued.report
    return objects._object(
        "File",
        objects.url("file-report", pk=issued.pk),
        issued,
        name=f"{report.title} ({issued.format.upper()})",
        fileName=PurePosixPath(issued.file.name).name,
        mimeType=issued.mime_type,
        size=issued.size,
        sha512Checksum=issued.sha512,
        date=date_value(issued.created_at),
        accessUrl=objects.absolute(issued.get_absolute_url()),
        paper=[objects.url("paper-report", pk=issued.report_id)],
    )


def report_consultation(
    objects: OParlObjects, consultation: ImplementationReportConsultation
) -> dict[str, Any]:
    return objects._object(
        "Consultation",
        objects.url("consultation-report", pk=consultation.pk),
        consultation,
        paper=objects.url("paper-report", pk=consultation.report_id),
        organization=[objects.url("organization-body", pk=consultation.body_id)],
        authoritative=False,
        role=str(ConsultationRole.INFORMATION.label),
    )


def report_paper(objects: OParlObjects, report: ImplementationReport) -> dict[str, Any]:
    files = report.oparl_files
    for issued in files:
        issued.report = report
    main = next((f for f in files if f.format == "pdf"), files[0] if files else None)
    return objects._object(
        "Paper",
        objects.url("paper-report", pk=report.pk),
        report,
        body=objects.body_url,
        name=report.title,
        date=date_value(report.issued_at),
        paperType=_("Mitteilungsvorlage"),
        mainFile=report_file(objects, main) if main else None,
        auxiliaryFile=[report_file(objects, f) for f in files if f is not main],
        consultation=[report_consultation(objects, c) for c in report.oparl_consultations],
        web=objects.absolute(report.get_absolute_url()),
    )
