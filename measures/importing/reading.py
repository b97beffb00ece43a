"""Reading the uploaded file(s) into tables: the CSV dialect, the workbook's sheets, the limits
on size and rows. A file that cannot be read at all is reported before any row is checked."""

from __future__ import annotations

import contextlib
import csv
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import zip_longest
from pathlib import PurePath
from typing import IO, Any, NoReturn

from django.utils.translation import gettext as _

from measures.importing.columns import (
    ALLOWED_SUFFIXES,
    MAX_FILE_SIZE,
    MAX_ROWS,
    MEASURES_SHEET,
    RECOMMENDATIONS_SHEET,
)
from measures.importing.results import MeasureImportError, RowError

# The package's logger, as before the import was split into modules.
logger = logging.getLogger(__package__)


@dataclass
class Record:
    row: int
    values: dict[str, str]


@dataclass
class Table:
    sheet: str
    headers: list[str]
    records: list[Record] = field(default_factory=list)
    stray_rows: list[int] = field(default_factory=list)  # values under no header


def _fail(message: str, *, sheet: str, row: int | None = None, column: str = "") -> NoReturn:
    raise MeasureImportError([RowError(row, column, message, sheet)])


def _wrong_type_message() -> str:
    return _("Nur CSV- (Semikolon-getrennt, UTF-8) und XLSX-Dateien können importiert werden.")


def _read_bytes(file: IO[bytes], *, sheet: str) -> bytes:
    with contextlib.suppress(AttributeError, OSError, ValueError):
        file.seek(0)
    data = file.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        _fail(
            _("Die Datei ist größer als %(size)s MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)},
            sheet=sheet,
        )
    return data


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def _table(rows: Iterable[Sequence[Any]], *, sheet: str) -> Table:
    """Headers from row 1, then the non-empty rows with the number the spreadsheet shows."""
    rows = iter(rows)
    first = next(rows, None)
    headers = [_cell_text(cell).replace("\ufeff", "").strip() for cell in first or ()]
    table = Table(sheet=sheet, headers=headers)
    for number, cells in enumerate(rows, start=2):
        texts = [_cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        if len(table.records) >= MAX_ROWS:
            _fail(
                _("Die Datei hat mehr als %(max)s Datenzeilen; bitte aufteilen.")
                % {"max": MAX_ROWS},
                sheet=sheet,
            )
        if any(
            text
            for header, text in zip_longest(headers, texts, fillvalue="")
            if text and not header
        ):
            table.stray_rows.append(number)
        table.records.append(
            Record(number, {h: t for h, t in zip(headers, texts, strict=False) if h})
        )
    if not table.records:
        _fail(_("Die Datei enthält keine Daten."), sheet=sheet)
    if not any(headers):
        _fail(_("Die erste Zeile muss die Spaltenüberschriften enthalten."), sheet=sheet, row=1)
    if len(headers) == 1 and any(sep in headers[0] for sep in (",", "\t")):
        _fail(
            _(
                "Die Spalten sind nicht mit Semikolon getrennt. Bitte als CSV mit „;“ als "
                "Trennzeichen speichern."
            ),
            sheet=sheet,
            row=1,
        )
    return table


_BINARY_SIGNATURES = (
    b"%PDF",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"\x7fELF",
    b"\x89PNG",
    b"\xff\xd8\xff",
)


def _csv_table(data: bytes, *, sheet: str) -> Table:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(
            _(
                "Die CSV-Datei ist in UTF-16 gespeichert. Bitte als „CSV UTF-8 "
                "(durch Trennzeichen getrennt)“ speichern."
            ),
            sheet=sheet,
        )
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        _fail(_wrong_type_message(), sheet=sheet)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        _fail(
            _(
                "Die CSV-Datei ist nicht in UTF-8 kodiert (erstes ungültiges Zeichen in Textzeile "
                "%(line)s). Bitte als „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern."
            )
            % {"line": line},
            sheet=sheet,
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    try:
        return _table(reader, sheet=sheet)
    except csv.Error:
        _fail(
            _(
                "Die CSV-Datei ist fehlerhaft (Textzeile %(line)s): ein Feld ist zu lang oder "
                "ein Anführungszeichen wird nicht geschlossen."
            )
            % {"line": reader.line_num},
            sheet=sheet,
        )


def _sheet_named(workbook, names: tuple[str, ...]):
    wanted = {name.casefold() for name in names}
    return next((ws for ws in workbook.worksheets if ws.title.strip().casefold() in wanted), None)


_MEASURE_SHEET_NAMES = (MEASURES_SHEET, "Massnahmen")
_RECOMMENDATION_SHEET_NAMES = (RECOMMENDATIONS_SHEET, "Handlungsempfehlungen")


def _xlsx_tables(data: bytes, *, sheet: str, with_recommendations: bool) -> list[Table]:
    """The wanted sheet(s) of a workbook: [measures, recommendations?] or [recommendations]."""
    import openpyxl

    invalid = _(
        "Die Datei ist keine gültige XLSX-Datei (beschädigt oder in einem anderen Format "
        "gespeichert). Bitte in Excel oder LibreOffice als „Excel-Arbeitsmappe (.xlsx)“ speichern."
    )
    if not data.startswith(b"PK"):
        _fail(invalid, sheet=sheet)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a malformed workbook raises zip, XML, key and value errors alike
        logger.info("unreadable workbook", exc_info=True)
        _fail(invalid, sheet=sheet)
    try:
        if not workbook.worksheets:
            _fail(_("Die Datei enthält keine Daten."), sheet=sheet)
        recommendations = _sheet_named(workbook, _RECOMMENDATION_SHEET_NAMES)
        if sheet == MEASURES_SHEET:
            main = _sheet_named(workbook, _MEASURE_SHEET_NAMES) or next(
                (ws for ws in workbook.worksheets if ws is not recommendations),
                workbook.worksheets[0],
            )
            if recommendations is main or not with_recommendations:
                recommendations = None
        else:
            main, recommendations = recommendations or workbook.worksheets[0], None
        tables = []
        for worksheet, label in ((main, sheet), (recommendations, RECOMMENDATIONS_SHEET)):
            if worksheet is None:
                continue
            try:
                tables.append(_table(worksheet.iter_rows(values_only=True), sheet=label))
            except MeasureImportError:
                raise
            except Exception:
                logger.info("unreadable worksheet", exc_info=True)
                _fail(invalid, sheet=label)
        return tables
    finally:
        workbook.close()


def _load(
    file: IO[bytes], filename: str, *, sheet: str, with_recommendations: bool = False
) -> list[Table]:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        _fail(_wrong_type_message(), sheet=sheet)
    data = _read_bytes(file, sheet=sheet)
    if not data.strip():
        _fail(_("Die Datei enthält keine Daten."), sheet=sheet)
    if suffix == ".csv":
        return [_csv_table(data, sheet=sheet)]
    return _xlsx_tables(data, sheet=sheet, with_recommendations=with_recommendations)


# A recommendations source was given but could not be read: its codes are unknown, not wrong.
UNREADABLE = Table(sheet=RECOMMENDATIONS_SHEET, headers=[])


def read_tables(
    file: IO[bytes],
    filename: str,
    recommendations_file: IO[bytes] | None,
    recommendations_filename: str,
) -> tuple[Table | None, Table | None, list[RowError]]:
    """The measures table (None if unreadable) and the recommendations table (None if there is
    none, UNREADABLE if it could not be read), with every problem of reading them."""
    errors: list[RowError] = []
    measures_table = recommendations_table = None
    try:
        tables = _load(file, filename, sheet=MEASURES_SHEET, with_recommendations=True)
    except MeasureImportError as exc:
        errors.extend(exc.errors)
    else:
        measures_table = tables[0]
        recommendations_table = tables[1] if len(tables) > 1 else None
    if recommendations_file is not None:
        if recommendations_table is not None:
            errors.append(
                RowError(
                    None,
                    "",
                    _(
                        "Die Empfehlungen stehen im Blatt „Empfehlungen“ und in einer eigenen "
                        "Datei; bitte nur eine der beiden Quellen angeben."
                    ),
                    RECOMMENDATIONS_SHEET,
                )
            )
        try:
            recommendations_table = _load(
                recommendations_file, recommendations_filename, sheet=RECOMMENDATIONS_SHEET
            )[0]
        except MeasureImportError as exc:
            errors.extend(exc.errors)
            recommendations_table = UNREADABLE
    return measures_table, recommendations_table, errors
