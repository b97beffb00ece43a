"""Progress updates and indicators in the measures' open data as recorded now.

Only *published* updates are open data (one waiting for review or hidden never is), and each
indicator's current value is `Indicator.objects.with_current()`: the measure page's source.
The JSON carries both under keys of their own, the XLSX as sheets of their own, the CSV as
files of their own (`/massnahmen/daten/fortschritt/csv/`, `/massnahmen/daten/indikatoren/csv/`):
the measures' CSV keeps its one table. A frozen version's files have none of them: progress
goes on after a version is frozen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from concept.models import Concept
from measures.models import Indicator, MeasureStatus, ProgressUpdate
from minden_integration.core.tables import csv_bytes, sheet_fill

PROGRESS_COLUMNS = (
    ("measure", gettext_lazy("Maßnahme")),
    ("date", gettext_lazy("Datum")),
    ("status", gettext_lazy("Umsetzungsstand")),
    ("note", gettext_lazy("Bericht")),
    ("reported_for", gettext_lazy("Gemeldet für")),
    ("correction_reason", gettext_lazy("Begründung der Korrektur")),
    ("is_example", gettext_lazy("Beispielinhalt")),
)
PROGRESS_WIDTHS = (10, 12, 16, 60, 32, 40, 12)
INDICATOR_COLUMNS = (
    ("measure", gettext_lazy("Maßnahme")),
    ("name", gettext_lazy("Indikator")),
    ("unit", gettext_lazy("Einheit")),
    ("baseline", gettext_lazy("Ausgangswert")),
    ("target", gettext_lazy("Zielwert")),
    ("current_value", gettext_lazy("Aktueller Wert")),
    ("current_date", gettext_lazy("Stand des Werts")),
    ("is_example", gettext_lazy("Beispielinhalt")),
)
INDICATOR_WIDTHS = (10, 40, 14, 14, 14, 14, 16, 12)


@dataclass(frozen=True)
class Progress:
    """The records of both tables, with stable English keys (the JSON's)."""

    updates: list[dict[str, Any]]
    indicators: list[dict[str, Any]]


def number(value: Decimal | None) -> int | float | None:
    """A stored decimal as the JSON's number: 12 rather than 12.00."""
    if value is None:
        return None
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def progress_read(concept: Concept) -> Progress:
    """The concept's published updates (by measure, oldest first) and its indicators with their
    current values (two queries)."""
    with override("de"):
        labels = {value: str(label) for value, label in MeasureStatus.choices}
    updates = (
        ProgressUpdate.objects.published()
        .filter(measure__concept=concept)
        .select_related("measure", "reported_for")
        .only(
            "measure__number",
            "date",
            "status",
            "note",
            "reported_for__name",
            "public_reason",
            "is_example",
        )
        .order_by("measure__number", "date", "pk")
    )
    indicators = (
        Indicator.objects.with_current()
        .filter(measure__concept=concept)
        .select_related("measure")
        .only("measure__number", "name", "unit", "baseline", "target", "is_example")
        .order_by("measure__number", "position", "pk")
    )
    return Progress(
        updates=[
            {
                "measure": update.measure.number,
                "date": update.date.isoformat(),
                "status": update.status,
                "status_label": labels.get(update.status, update.status),
                "note": update.note,
                "reported_for": update.reported_for.name if update.reported_for_id else None,
                "correction_reason": update.public_reason,
                "is_example": update.is_example,
            }
            for update in updates
        ],
        indicators=[
            {
                "measure": indicator.measure.number,
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": number(indicator.baseline),
                "target": number(indicator.target),
                "current_value": number(indicator.current_value),
                "current_date": indicator.current_date.isoformat()
                if indicator.current_date
                else None,
                "is_example": indicator.is_example,
            }
            for indicator in indicators
        ],
    )


# --- rows: the one way a record becomes a row (CSV and XLSX) ---------------------------------


def _german_number(value: int | float | None) -> str:
    return "" if value is None else number_format(value, use_l10n=True)


def progress_rows(progress: Progress, *, for_csv: bool) -> list[list[Any]]:
    """In the order of `PROGRESS_COLUMNS`; a date is a date in the workbook, ISO in the CSV."""
    yes, no = _("ja"), _("nein")
    return [
        [
            record["measure"],
            record["date"] if for_csv else dt.date.fromisoformat(record["date"]),
            record["status_label"],
            record["note"],
            record["reported_for"] or "",
            record["correction_reason"],
            yes if record["is_example"] else no,
        ]
        for record in progress.updates
    ]


def indicator_rows(progress: Progress, *, for_csv: bool) -> list[list[Any]]:
    """In the order of `INDICATOR_COLUMNS`; numbers with a decimal comma in the CSV (German
    Excel reads them as numbers), as numbers in the workbook."""
    yes, no = _("ja"), _("nein")

    def value(amount):
        if for_csv:
            return _german_number(amount)
        return amount

    rows = []
    for record in progress.indicators:
        current_date = record["current_date"]
        if current_date and not for_csv:
            current_date = dt.date.fromisoformat(current_date)
        rows.append(
            [
                record["measure"],
                record["name"],
                record["unit"],
                value(record["baseline"]),
                value(record["target"]),
                value(record["current_value"]),
                current_date or "",
                yes if record["is_example"] else no,
            ]
        )
    return rows


def _headings(columns) -> list[str]:
    return [str(label) for _key, label in columns]


def progress_csv(progress: Progress) -> bytes:
    with override("de"):
        return csv_bytes(_headings(PROGRESS_COLUMNS), progress_rows(progress, for_csv=True))


def indicators_csv(progress: Progress) -> bytes:
    with override("de"):
        return csv_bytes(_headings(INDICATOR_COLUMNS), indicator_rows(progress, for_csv=True))


def json_parts(progress: Progress) -> dict[str, Any]:
    """The JSON's keys beside "measures" (called in German)."""
    return {
        "progress_columns": [{"key": k, "label": str(label)} for k, label in PROGRESS_COLUMNS],
        "progress_updates": progress.updates,
        "indicator_columns": [{"key": k, "label": str(label)} for k, label in INDICATOR_COLUMNS],
        "indicators": progress.indicators,
    }


def xlsx_sheets(workbook, progress: Progress) -> None:
    """The workbook's sheets "Fortschrittsmeldungen" and "Indikatoren" (called in German)."""
    from openpyxl.utils import get_column_letter

    for title, columns, rows, widths in (
        (
            _("Fortschrittsmeldungen"),
            PROGRESS_COLUMNS,
            progress_rows(progress, for_csv=False),
            PROGRESS_WIDTHS,
        ),
        (
            _("Indikatoren"),
            INDICATOR_COLUMNS,
            indicator_rows(progress, for_csv=False),
            INDICATOR_WIDTHS,
        ),
    ):
        sheet = workbook.create_sheet(title)
        sheet_fill(sheet, _headings(columns), rows)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        date_column = 2 if columns is PROGRESS_COLUMNS else 7
        for (cell,) in sheet.iter_rows(min_row=2, min_col=date_column, max_col=date_column):
            cell.number_format = "DD.MM.YYYY"
