"""The portal's one table dialect for downloads: CSV as German Excel opens it (UTF-8 with BOM,
`;`), XLSX sheets with a frozen, filtered header; formulas neutralised in both."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

# A cell starting with one of these is a formula to Excel/LibreOffice (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """Neutralise formulas: spreadsheet programs must show the text, not run it."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def csv_bytes(headers: list[str], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([spreadsheet_text(str(value)) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def sheet_fill(sheet, headers: list[str], rows: list[list[Any]]) -> None:
    """Header row frozen and filtered; every text stays text (a leading "=" is no formula)."""
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
