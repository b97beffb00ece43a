"""Import of measures and imap's recommendations from the integration officer's spreadsheet.

The file is the officer's working list, so the import is all-or-nothing: every row is checked,
every problem is reported (row as the spreadsheet shows it, header = row 1, column, German
message), and nothing is written unless the whole file is valid.

Files (at most 5 MB and 5000 data rows each):

- CSV: the project's one dialect, UTF-8 (a BOM is tolerated) with `;` as separator, first row
  headers. Measures and recommendations come as two files.
- XLSX: the sheet „Maßnahmen“ (else the first sheet) holds the measures; a sheet „Empfehlungen“
  in the same workbook holds the recommendations. A separate recommendations file (CSV or XLSX)
  may be given instead, not both.

Measure columns (header names compared case-insensitively):
  Nummer*, Titel*, Arbeitsgruppe*, Zeitraum*, Priorität*, Beschreibung, Ziel, Federführung,
  Partner, Zielgruppen, Empfehlungen  (* required)

- Nummer: a positive integer, unique in the file; measures are created or updated by
  (concept, number).
- Arbeitsgruppe: name or slug of one of the concept's working groups.
- Ziel: code of an existing goal of the concept.
- Federführung / Partner: names of existing organisations; unknown names are errors (we do not
  create organisations from a typo).
- Zielgruppen: names of existing target groups.
- Partner, Zielgruppen, Empfehlungen: several values separated by commas (or semicolons, line
  breaks); a known name that itself contains a comma is still recognised.
- Zeitraum: kurzfristig / mittelfristig / langfristig; Priorität: hoch / mittel / niedrig.
- Empfehlungen: codes (E1, E2) of recommendations that exist in the concept or are imported
  with this file; the measure's recommendations are set to exactly these.
- An optional column that is absent leaves that field of an existing measure unchanged; an
  empty cell in a present column clears it.
- Status / Umsetzungsstand: ignored (reported as a notice): a measure's status changes only
  through a progress update (`measures.services.progress_record`). New measures start as
  „geplant“. Any other unknown column is an error, so a misspelt header loses no data.

Recommendation columns: Kennung*, Titel*, Text* — created or updated by (concept, code). Each
recommendation in the file must end up linked to at least one measure.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import zip_longest
from pathlib import PurePath
from typing import IO, Any, NoReturn

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from concept.models import Concept
from measures.models import Goal, Measure, Priority, Recommendation, TargetGroup, Timeframe
from measures.search_index import search_index_deferred
from workgroups.models import Organisation, WorkingGroup

logger = logging.getLogger(__name__)

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000
ALLOWED_SUFFIXES = (".csv", ".xlsx")

MEASURES_SHEET = "Maßnahmen"
RECOMMENDATIONS_SHEET = "Empfehlungen"

NUMBER = "Nummer"
TITLE = "Titel"
DESCRIPTION = "Beschreibung"
WORKING_GROUP = "Arbeitsgruppe"
GOAL = "Ziel"
LEAD = "Federführung"
PARTNERS = "Partner"
TARGET_GROUPS = "Zielgruppen"
TIMEFRAME = "Zeitraum"
PRIORITY = "Priorität"
RECOMMENDATIONS = "Empfehlungen"
CODE = "Kennung"
TEXT = "Text"

MEASURE_COLUMNS = (
    NUMBER,
    TITLE,
    DESCRIPTION,
    WORKING_GROUP,
    GOAL,
    LEAD,
    PARTNERS,
    TARGET_GROUPS,
    TIMEFRAME,
    PRIORITY,
    RECOMMENDATIONS,
)
MEASURE_REQUIRED = (NUMBER, TITLE, WORKING_GROUP, TIMEFRAME, PRIORITY)
# Present in exports, never imported: the status has one source of truth, the progress updates.
MEASURE_IGNORED = ("Status", "Umsetzungsstand")
RECOMMENDATION_COLUMNS = (CODE, TITLE, TEXT)

# Model field -> column, to place the model's own validation errors.
MEASURE_FIELD_COLUMNS = {
    "number": NUMBER,
    "title": TITLE,
    "description": DESCRIPTION,
    "working_group": WORKING_GROUP,
    "goal": GOAL,
    "lead_organisation": LEAD,
    "timeframe": TIMEFRAME,
    "priority": PRIORITY,
}
RECOMMENDATION_FIELD_COLUMNS = {"code": CODE, "title": TITLE, "text": TEXT}
# Relations are resolved to objects of this concept; checking them again would cost a query each.
FK_FIELDS = ["concept", "working_group", "goal", "lead_organisation", "origin_session"]


# --- results and errors -----------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem, placed as the spreadsheet shows it: header = row 1."""

    row: int | None
    column: str
    message: str
    sheet: str = MEASURES_SHEET

    def __str__(self) -> str:
        parts = []
        if self.sheet != MEASURES_SHEET:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(_("Zeile %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("Spalte „%(column)s“") % {"column": self.column})
        if not parts:
            return self.message
        return f"{', '.join(parts)}: {self.message}"


class MeasureImportError(ValidationError):
    """Every problem found in the file(s); nothing has been written."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__([str(error) for error in errors])


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    recommendations_created: int = 0
    recommendations_updated: int = 0
    ignored_columns: tuple[str, ...] = ()

    def summary(self) -> str:
        return _(
            "Import abgeschlossen. Maßnahmen: %(created)s neu, %(updated)s aktualisiert. "
            "Handlungsempfehlungen: %(rec_created)s neu, %(rec_updated)s aktualisiert."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "rec_created": self.recommendations_created,
            "rec_updated": self.recommendations_updated,
        }

    @property
    def notices(self) -> list[str]:
        return [
            _(
                "Die Spalte „%(column)s“ wurde nicht importiert: der Umsetzungsstand ändert "
                "sich nur über Fortschrittsmeldungen."
            )
            % {"column": column}
            for column in self.ignored_columns
        ]


# --- reading files ----------------------------------------------------------------------------


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


def _header_key(value: str) -> str:
    return " ".join(value.replace("\ufeff", "").split()).casefold()


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


# --- checking columns and values --------------------------------------------------------------


def _check_headers(
    table: Table, *, known: tuple[str, ...], required: tuple[str, ...], ignored: tuple[str, ...]
) -> tuple[list[RowError], list[str]]:
    """Rename headers to their canonical spelling; errors for unknown, doubled and missing ones."""
    canonical = {_header_key(name): name for name in (*known, *ignored)}
    errors: list[RowError] = []
    seen: set[str] = set()
    renamed: dict[str, str] = {}
    skipped: list[str] = []
    for header in table.headers:
        if not header:
            continue
        name = canonical.get(_header_key(header))
        if name is None:
            errors.append(
                RowError(
                    1,
                    header,
                    _("Unbekannte Spalte. Möglich sind: %(columns)s.")
                    % {"columns": ", ".join(known)},
                    table.sheet,
                )
            )
        elif name in seen:
            errors.append(RowError(1, header, _("Die Spalte kommt mehrfach vor."), table.sheet))
        else:
            seen.add(name)
            renamed[header] = name
            if name in ignored:
                skipped.append(name)
    errors.extend(
        RowError(1, name, _("Die Pflichtspalte fehlt."), table.sheet)
        for name in required
        if name not in seen
    )
    errors.extend(
        RowError(
            row,
            "",
            _(
                "Die Zeile enthält Werte in einer Spalte ohne Überschrift (bei CSV: steht ein "
                "Semikolon ohne Anführungszeichen im Text?)."
            ),
            table.sheet,
        )
        for row in table.stray_rows
    )
    for record in table.records:
        record.values = {
            renamed[h]: v for h, v in record.values.items() if h in renamed and renamed[h] in known
        }
    table.headers = [renamed.get(h, h) for h in table.headers]
    return errors, skipped


def _key(value: str) -> str:
    return re.sub(r"\s*,\s*", ", ", " ".join(value.split())).casefold()


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", value) if part.strip()]


def _match_list(value: str, known: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """Comma-separated names; a known name may itself contain a comma ("Stadt Minden, FB 5")."""
    parts = _split(value)
    found: list[Any] = []
    unknown: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            obj = known.get(_key(", ".join(parts[start:end])))
            if obj is not None:
                if obj not in found:
                    found.append(obj)
                start = end
                break
        else:
            unknown.append(parts[start])
            start += 1
    return found, unknown


def _too_long(model: type, name: str, value: str) -> str:
    limit = model._meta.get_field(name).max_length
    if len(value) <= limit:
        return ""
    return _("Zu lang: %(length)s Zeichen, höchstens %(limit)s sind erlaubt.") % {
        "length": len(value),
        "limit": limit,
    }


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f"„{value}“" for value in values)


def _choice_lookup(choices: type) -> tuple[dict[str, str], list[str]]:
    """Accept the German labels (and the stored values) case-insensitively."""
    with translation.override("de"):
        labels = [str(choice.label) for choice in choices]
        lookup = {str(choice.label).casefold(): choice.value for choice in choices}
    lookup.update({str(choice.label).casefold(): choice.value for choice in choices})
    lookup.update({choice.value.casefold(): choice.value for choice in choices})
    return lookup, labels


@dataclass
class MeasureRow:
    row: int
    number: int
    values: dict[str, Any]
    partners: list[Organisation] | None
    target_groups: list[TargetGroup] | None
    recommendation_codes: list[str] | None


@dataclass
class RecommendationRow:
    row: int
    code: str
    title: str
    text: str


class _Lookups:
    """Everything a row may refer to, loaded once: the checks then cost no query per row."""

    def __init__(self, concept: Concept):
        self.groups: dict[str, WorkingGroup] = {}
        for group in WorkingGroup.objects.filter(concept=concept):
            self.groups[_key(group.slug)] = group
            self.groups[_key(group.name)] = group
        self.goals: dict[str, Goal] = {}
        for goal in Goal.objects.filter(concept=concept).order_by("-code"):
            self.goals[_key(str(goal))] = goal
            self.goals[_key(goal.code)] = goal
        self.goals_exact = {goal.code: goal for goal in self.goals.values()}
        self.organisations = {_key(org.name): org for org in Organisation.objects.all()}
        self.target_groups: dict[str, TargetGroup] = {}
        for target_group in TargetGroup.objects.all():
            self.target_groups[_key(target_group.slug)] = target_group
            self.target_groups[_key(target_group.name)] = target_group
        self.recommendations = {
            _key(rec.code): rec for rec in Recommendation.objects.filter(concept=concept)
        }
        self.measures = {
            measure.number: measure
            for measure in Measure.objects.filter(concept=concept)
            .select_related("origin_session__working_group")
            .select_for_update(no_key=True, of=("self",))
        }
        links = Recommendation.measures.through.objects.filter(
            recommendation__concept=concept
        ).values_list("recommendation_id", "measure__number")
        self.linked_numbers: dict[int, set[int]] = {}
        for recommendation_id, number in links:
            self.linked_numbers.setdefault(recommendation_id, set()).add(number)
        self.timeframes, self.timeframe_labels = _choice_lookup(Timeframe)
        self.priorities, self.priority_labels = _choice_lookup(Priority)


def _check_recommendations(table: Table) -> tuple[list[RecommendationRow], list[RowError]]:
    errors: list[RowError] = []
    rows: list[RecommendationRow] = []
    seen: dict[str, int] = {}
    for record in table.records:
        values = record.values
        found = len(errors)

        def error(column: str, message: str, record=record) -> None:
            errors.append(RowError(record.row, column, message, table.sheet))

        code = values.get(CODE, "")
        if not code:
            error(CODE, _("Die Kennung fehlt."))
        elif message := _too_long(Recommendation, "code", code):
            error(CODE, message)
        elif _key(code) in seen:
            error(
                CODE,
                _("Die Kennung „%(code)s“ steht bereits in Zeile %(row)s.")
                % {"code": code, "row": seen[_key(code)]},
            )
        else:
            seen[_key(code)] = record.row
        if not values.get(TITLE, ""):
            error(TITLE, _("Der Titel fehlt."))
        elif message := _too_long(Recommendation, "title", values[TITLE]):
            error(TITLE, message)
        if not values.get(TEXT, ""):
            error(TEXT, _("Der Text fehlt."))
        recommendation = Recommendation(
            code=code, title=values.get(TITLE, ""), text=values.get(TEXT, "")
        )
        if len(errors) == found:
            try:
                recommendation.clean_fields(exclude=["concept", "measures"])
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    for message in messages:
                        error(RECOMMENDATION_FIELD_COLUMNS.get(name, ""), message)
        if len(errors) == found:
            rows.append(
                RecommendationRow(record.row, code, recommendation.title, recommendation.text)
            )
    return rows, errors


def _check_measures(
    table: Table, lookups: _Lookups, recommendation_codes: set[str] | None
) -> tuple[list[MeasureRow], list[RowError]]:
    errors: list[RowError] = []
    rows: list[MeasureRow] = []
    seen: dict[int, int] = {}
    present = set(table.headers)
    for record in table.records:
        values = record.values
        found = len(errors)

        def error(column: str, message: str, record=record) -> None:
            errors.append(RowError(record.row, column, message, table.sheet))

        fields: dict[str, Any] = {}
        raw_number = values.get(NUMBER, "")
        number = int(raw_number) if raw_number.isdecimal() and raw_number.isascii() else 0
        if not raw_number:
            error(NUMBER, _("Die Nummer fehlt."))
        elif number < 1:
            error(NUMBER, _("„%(value)s“ ist keine positive ganze Zahl.") % {"value": raw_number})
        elif number in seen:
            error(
                NUMBER,
                _("Die Nummer %(number)s steht bereits in Zeile %(row)s.")
                % {"number": number, "row": seen[number]},
            )
        else:
            seen[number] = record.row

        title = values.get(TITLE, "")
        if not title:
            error(TITLE, _("Der Titel fehlt."))
        elif message := _too_long(Measure, "title", title):
            error(TITLE, message)
        fields["title"] = title
        if DESCRIPTION in present:
            fields["description"] = values.get(DESCRIPTION, "")

        group_name = values.get(WORKING_GROUP, "")
        group = lookups.groups.get(_key(group_name))
        if not group_name:
            error(WORKING_GROUP, _("Die Arbeitsgruppe fehlt."))
        elif group is None:
            error(
                WORKING_GROUP,
                _("„%(value)s“ ist keine Arbeitsgruppe dieses Konzepts (bekannt: %(known)s).")
                % {
                    "value": group_name,
                    "known": ", ".join(sorted({g.name for g in lookups.groups.values()})) or "–",
                },
            )
        existing = lookups.measures.get(number)
        if (
            group is not None
            and existing is not None
            and existing.origin_session_id
            and existing.origin_session.working_group_id != group.pk
        ):
            error(
                WORKING_GROUP,
                _(
                    "Maßnahme %(number)s entstand in einer Sitzung der Arbeitsgruppe "
                    "„%(group)s“; bitte zuerst die Sitzung im Admin ändern."
                )
                % {"number": number, "group": existing.origin_session.working_group},
            )
        fields["working_group"] = group

        if GOAL in present:
            code = values.get(GOAL, "")
            goal = lookups.goals_exact.get(code) or lookups.goals.get(_key(code))
            if code and goal is None:
                error(
                    GOAL,
                    _("Ein Ziel „%(value)s“ gibt es in diesem Konzept nicht.") % {"value": code},
                )
            fields["goal"] = goal
        if LEAD in present:
            name = values.get(LEAD, "")
            lead = lookups.organisations.get(_key(name))
            if name and lead is None:
                error(
                    LEAD,
                    _("Unbekannte Organisation „%(value)s“. Bitte zuerst im Admin anlegen.")
                    % {"value": name},
                )
            fields["lead_organisation"] = lead
        partners = target_groups = codes = None
        if PARTNERS in present:
            partners, unknown = _match_list(values.get(PARTNERS, ""), lookups.organisations)
            if unknown:
                error(
                    PARTNERS,
                    _("Unbekannte Organisation(en): %(values)s. Bitte zuerst im Admin anlegen.")
                    % {"values": _quoted(unknown)},
                )
        if TARGET_GROUPS in present:
            target_groups, unknown = _match_list(
                values.get(TARGET_GROUPS, ""), lookups.target_groups
            )
            if unknown:
                error(
                    TARGET_GROUPS,
                    _("Unbekannte Zielgruppe(n): %(values)s.") % {"values": _quoted(unknown)},
                )
        if RECOMMENDATIONS in present:
            codes = list(
                dict.fromkeys(_key(code) for code in _split(values.get(RECOMMENDATIONS, "")))
            )
            unknown = [
                code
                for code in _split(values.get(RECOMMENDATIONS, ""))
                if recommendation_codes is not None and _key(code) not in recommendation_codes
            ]
            if unknown:
                error(
                    RECOMMENDATIONS,
                    _(
                        "Unbekannte Handlungsempfehlung(en): %(values)s. Sie stehen weder im "
                        "Konzept noch in den importierten Empfehlungen."
                    )
                    % {"values": _quoted(unknown)},
                )

        for column, lookup, labels, what, model_field in (
            (
                TIMEFRAME,
                lookups.timeframes,
                lookups.timeframe_labels,
                _("kein gültiger Zeitraum"),
                "timeframe",
            ),
            (
                PRIORITY,
                lookups.priorities,
                lookups.priority_labels,
                _("keine gültige Priorität"),
                "priority",
            ),
        ):
            raw = values.get(column, "")
            value = lookup.get(" ".join(raw.split()).casefold())
            if not raw:
                error(
                    column,
                    _("Der Wert fehlt (%(labels)s).") % {"labels": ", ".join(labels)},
                )
            elif value is None:
                error(
                    column,
                    _("„%(value)s“ ist %(what)s (%(labels)s).")
                    % {"value": raw, "what": what, "labels": ", ".join(labels)},
                )
            fields[model_field] = value or ""

        if len(errors) == found:
            measure = Measure(concept_id=0, number=number, **fields)
            try:
                measure.clean_fields(exclude=FK_FIELDS)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    for message in messages:
                        error(MEASURE_FIELD_COLUMNS.get(name, ""), message)
        if len(errors) == found:
            rows.append(MeasureRow(record.row, number, fields, partners, target_groups, codes))
    return rows, errors


def _check_links(
    measure_rows: list[MeasureRow],
    recommendation_rows: list[RecommendationRow],
    lookups: _Lookups,
    sheet: str,
) -> list[RowError]:
    """Each imported recommendation must end up cited by at least one measure."""
    numbers_in_file = {row.number for row in measure_rows if row.recommendation_codes is not None}
    cited: dict[str, set[int]] = {}
    for row in measure_rows:
        for code in row.recommendation_codes or ():
            cited.setdefault(code, set()).add(row.number)
    errors = []
    for row in recommendation_rows:
        existing = lookups.recommendations.get(_key(row.code))
        kept = lookups.linked_numbers.get(existing.pk, set()) if existing else set()
        if not (kept - numbers_in_file) | cited.get(_key(row.code), set()):
            errors.append(
                RowError(
                    row.row,
                    CODE,
                    _(
                        "Die Empfehlung „%(code)s“ ist keiner Maßnahme zugeordnet. Bitte bei den "
                        "Maßnahmen in der Spalte „Empfehlungen“ eintragen."
                    )
                    % {"code": row.code},
                    sheet,
                )
            )
    return errors


# --- the service ------------------------------------------------------------------------------


# A recommendations source was given but could not be read: its codes are unknown, not wrong.
UNREADABLE = Table(sheet=RECOMMENDATIONS_SHEET, headers=[])


def _tables(
    file: IO[bytes],
    filename: str,
    recommendations_file: IO[bytes] | None,
    recommendations_filename: str,
) -> tuple[Table | None, Table | None, list[RowError]]:
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


@transaction.atomic
def measures_import(
    *,
    concept: Concept,
    file: IO[bytes],
    filename: str,
    recommendations_file: IO[bytes] | None = None,
    recommendations_filename: str = "",
    by: AbstractBaseUser | None = None,
) -> ImportResult:
    """Create or update the measures (by number) and recommendations (by code) of a concept.

    Raises MeasureImportError with every problem found; then nothing has been written.
    """
    measures_table, recommendations_table, errors = _tables(
        file, filename, recommendations_file, recommendations_filename
    )
    ignored: list[str] = []
    if measures_table is not None:
        header_errors, ignored = _check_headers(
            measures_table,
            known=MEASURE_COLUMNS,
            required=MEASURE_REQUIRED,
            ignored=MEASURE_IGNORED,
        )
        errors.extend(header_errors)
        if header_errors:
            measures_table = None
    if recommendations_table is not None and recommendations_table is not UNREADABLE:
        header_errors, _ignored = _check_headers(
            recommendations_table,
            known=RECOMMENDATION_COLUMNS,
            required=RECOMMENDATION_COLUMNS,
            ignored=(),
        )
        errors.extend(header_errors)
        if header_errors:
            recommendations_table = UNREADABLE
    if measures_table is None:
        raise MeasureImportError(errors)

    # One import per concept at a time; existing measures are locked until we are done.
    list(Concept.objects.select_for_update(no_key=True).filter(pk=concept.pk).values_list("pk"))
    lookups = _Lookups(concept)
    recommendation_rows: list[RecommendationRow] = []
    known_codes: set[str] | None = None
    if recommendations_table is None:
        known_codes = set(lookups.recommendations)
    elif recommendations_table is not UNREADABLE:
        recommendation_rows, row_errors = _check_recommendations(recommendations_table)
        errors.extend(row_errors)
        # A code whose row has errors of its own is not reported a second time as unknown.
        known_codes = set(lookups.recommendations) | {
            _key(record.values[CODE])
            for record in recommendations_table.records
            if record.values.get(CODE)
        }
    measure_rows, row_errors = _check_measures(measures_table, lookups, known_codes)
    errors.extend(row_errors)
    if recommendation_rows:
        errors.extend(
            _check_links(measure_rows, recommendation_rows, lookups, recommendations_table.sheet)
        )
    if errors:
        raise MeasureImportError(errors)

    # The measures these writes touch get their search data refreshed once, at the end.
    with search_index_deferred():
        recommendations = dict(lookups.recommendations)
        rec_created = rec_updated = 0
        for row in recommendation_rows:
            recommendation = recommendations.get(_key(row.code))
            if recommendation is None:
                recommendation = Recommendation.objects.create(
                    concept=concept, code=row.code, title=row.title, text=row.text
                )
                recommendations[_key(row.code)] = recommendation
                rec_created += 1
            else:
                recommendation.title, recommendation.text = row.title, row.text
                recommendation.is_example = False
                recommendation.save(update_fields=["title", "text", "is_example", "updated_at"])
                rec_updated += 1

        created = updated = 0
        for row in measure_rows:
            measure = lookups.measures.get(row.number)
            if measure is None:
                measure = Measure(concept=concept, number=row.number, **row.values)
                created += 1
            else:
                for name, value in row.values.items():
                    setattr(measure, name, value)
                measure.is_example = False
                updated += 1
            measure.save()
            if row.partners is not None:
                measure.partners.set(row.partners)
            if row.target_groups is not None:
                measure.target_groups.set(row.target_groups)
            if row.recommendation_codes is not None:
                measure.recommendations.set(
                    [recommendations[code] for code in row.recommendation_codes]
                )

    result = ImportResult(
        created=created,
        updated=updated,
        recommendations_created=rec_created,
        recommendations_updated=rec_updated,
        ignored_columns=tuple(ignored),
    )
    logger.info(
        "measures imported into %s by %s: %s",
        concept.slug,
        getattr(by, "pk", None),
        result,
    )
    return result
