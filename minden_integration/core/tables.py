"""The portal's one table dialect for downloads: CSV as German Excel opens it (UTF-8 with BOM,
`;`), XLSX sheets with a frozen, filtered header; formulas neutralised in both."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
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


class _DatedZip(zipfile.ZipFile):
    """Every member carries the given time, not the clock's: the same content, the same bytes."""

    def __init__(self, *args, date_time: tuple[int, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.member_time = date_time

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo = zipfile.ZipInfo(filename=zinfo_or_arcname, date_time=self.member_time)
            zinfo.compress_type = self.compression
            zinfo.external_attr = 0o600 << 16
            zinfo_or_arcname = zinfo
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes each worksheet from a temporary file, which carries its own time.
        with open(filename, "rb") as source:
            data = source.read()
        self.writestr(arcname or Path(filename).name, data, compress_type, compresslevel)


def xlsx_bytes(workbook, *, moment: dt.datetime) -> bytes:
    """The workbook as XLSX, dated `moment` (aware) in its properties and its archive instead of
    the time of writing: a workbook of frozen content comes out byte for byte the same."""
    from openpyxl.writer.excel import ExcelWriter

    utc = moment.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    workbook.properties.created = workbook.properties.modified = utc
    # ZIP dates start in 1980; a moment before that (never a real one) is dated then.
    date_time = max(utc.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    buffer = io.BytesIO()
    archive = _DatedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True, date_time=date_time)
    ExcelWriter(workbook, archive).save()
    return buffer.getvalue()
