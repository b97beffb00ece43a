"""The measures as open data: one table with the same columns everywhere, in CSV (the portal's
one dialect: UTF-8 with BOM, `;`), XLSX and JSON, and named for what it is.

A `Table` comes from one of two sources of the same shape (the version document's):

- a version's document (`version_table`): for a frozen version the snapshot, so its files list
  each measure's status as it was frozen and say so ("Stand: Anlage vom …"); they are
  registered with `concept.issuing` as the document "measures";
- the records as they are now (`measures.opendata_live`): the catalogue's download and the open
  data at `/massnahmen/daten/`, labelled "aktueller Umsetzungsstand vom …".

`table_rows` is the one function that turns either into rows; every format renders those rows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from concept.documents import version_document
from concept.exports import CSV, JSON, XLSX
from concept.issuing import DocumentKind
from concept.models import ConceptVersion
from measures import opendata_progress
from measures.models import MeasureStatus, Priority, Timeframe
from minden_integration.core.tables import csv_bytes, sheet_fill, xlsx_bytes
from minden_integration.core.text import natural_key

DOCUMENT = "measures"  # stored with every issued file: never change it
FORMATS = {f.key: f for f in (CSV, XLSX, JSON)}

# The one column list: (key in the JSON records, German heading in CSV and XLSX). The JSON
# carries "stand" once, at the top, instead of in every record.
STAND = "stand"
COLUMNS = (
    ("number", gettext_lazy("Nummer")),
    ("title", gettext_lazy("Titel")),
    ("description", gettext_lazy("Beschreibung")),
    ("working_group", gettext_lazy("Arbeitsgruppe")),
    ("goal", gettext_lazy("Ziel")),
    ("lead_organisation", gettext_lazy("Federführung")),
    ("partners", gettext_lazy("Partner")),
    ("target_groups", gettext_lazy("Zielgruppen")),
    ("timeframe", gettext_lazy("Zeitraum")),
    ("priority", gettext_lazy("Priorität")),
    ("status", gettext_lazy("Umsetzungsstand")),
    (STAND, gettext_lazy("Stand")),
    ("recommendations", gettext_lazy("Empfehlungen")),
    ("cited_in", gettext_lazy("Zitiert in Abschnitten")),
    ("is_example", gettext_lazy("Beispielinhalt")),
)
COLUMN_WIDTHS = (9, 45, 60, 28, 40, 32, 32, 28, 14, 10, 16, 34, 14, 16, 12)


@dataclass(frozen=True)
class Table:
    """The measures' open data before it is written in a format.

    `document` has the version document's shape, its measures in the order to list; `stand`
    says how current the status is (German); `moment` is when it was so: when a frozen
    version was frozen, else when the rows were read. `progress`: the published progress
    updates and the indicators (`measures.opendata_progress`), only in the live data.
    """

    document: dict[str, Any]
    stand: str
    moment: dt.datetime
    frozen: bool
    progress: opendata_progress.Progress | None = None


def measure_labels() -> dict[str, dict[str, str]]:
    """{field: {value: German label}} for the measures' coded fields."""
    with override("de"):
        return {
            name: {value: str(label) for value, label in choices.choices}
            for name, choices in (
                ("status", MeasureStatus),
                ("timeframe", Timeframe),
                ("priority", Priority),
            )
        }


def columns() -> list[str]:
    """The headings of the one column list, in the active language (German in every file)."""
    return [str(label) for _key, label in COLUMNS]


def frozen_stand(version: ConceptVersion) -> str:
    """What a frozen version's files say of their status; the same on the pages that link them."""
    with override("de"):
        return _("Anlage vom %(date)s (Umsetzungsstand eingefroren)") % {
            "date": date_format(timezone.localtime(version.frozen_at), "SHORT_DATE_FORMAT")
        }


def live_stand(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    with override("de"):
        return _("aktueller Umsetzungsstand vom %(date)s, %(time)s Uhr") % {
            "date": date_format(local, "SHORT_DATE_FORMAT"),
            "time": date_format(local, "TIME_FORMAT"),
        }


def version_table(version: ConceptVersion) -> Table:
    """A version's measures from its document: a frozen version's as frozen (no clock read,
    so the same bytes every time), another's as its document has them now."""
    document = version_document(version)
    document = {
        **document,
        "measures": sorted(document.get("measures", []), key=lambda m: m["number"]),
    }
    if version.is_frozen:
        return Table(document, frozen_stand(version), version.frozen_at, frozen=True)
    moment = timezone.now()
    return Table(document, live_stand(moment), moment, frozen=False)


def measure_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every measure, in the document's order, with stable English keys, its goal and citing
    sections resolved, and the German labels beside the coded values."""
    labels = measure_labels()
    goals = {goal["code"]: goal for goal in document.get("goals", [])}
    sections = {section["key"]: section for section in document.get("sections", [])}
    records = []
    for measure in document.get("measures", []):
        goal = goals.get(measure.get("goal") or "")
        records.append(
            {
                "number": measure["number"],
                "title": measure["title"],
                "description": measure.get("description", ""),
                "working_group": measure.get("working_group"),
                "goal": {"code": goal["code"], "title": goal["title"]} if goal else None,
                "lead_organisation": measure.get("lead_organisation"),
                "partners": measure.get("partners", []),
                "target_groups": measure.get("target_groups", []),
                **{key: measure.get(key, "") for key in ("timeframe", "priority", "status")},
                **{
                    f"{key}_label": labels[key].get(measure.get(key, ""), measure.get(key, ""))
                    for key in ("timeframe", "priority", "status")
                },
                "recommendations": sorted(measure.get("recommendations", []), key=natural_key),
                "cited_in": [
                    {
                        "key": key,
                        "number": sections[key]["number"],
                        "title": sections[key]["title"],
                    }
                    for key in measure.get("cited_in", [])
                    if key in sections
                ],
                "is_example": bool(measure.get("is_example")),
            }
        )
    return records


def _row(record: dict[str, Any], stand: str, yes: str, no: str) -> list[Any]:
    goal = record["goal"]
    values = {
        "number": record["number"],
        "title": record["title"],
        "description": record["description"],
        "working_group": (record["working_group"] or {}).get("name", ""),
        "goal": f"{goal['code']} {goal['title']}" if goal else "",
        "lead_organisation": record["lead_organisation"] or "",
        "partners": ", ".join(record["partners"]),
        "target_groups": ", ".join(record["target_groups"]),
        "timeframe": record["timeframe_label"],
        "priority": record["priority_label"],
        "status": record["status_label"],
        STAND: stand,
        "recommendations": ", ".join(record["recommendations"]),
        "cited_in": ", ".join(section["number"] for section in record["cited_in"]),
        "is_example": yes if record["is_example"] else no,
    }
    return [values[key] for key, _label in COLUMNS]


def table_rows(table: Table) -> list[list[Any]]:
    """The one way a measure becomes a row, in the order of `COLUMNS`."""
    with override("de"):
        yes, no = _("ja"), _("nein")
    return [_row(record, table.stand, yes, no) for record in measure_records(table.document)]


# --- the formats ------------------------------------------------------------------------------


def table_csv(table: Table) -> bytes:
    with override("de"):
        return csv_bytes(columns(), table_rows(table))


def table_json(table: Table) -> bytes:
    document = table.document
    version = document.get("version") or {}
    with override("de"):
        data = {
            STAND: table.stand,
            "stand_at": timezone.localtime(table.moment).isoformat(),
            "frozen": table.frozen,
            "concept": {key: document["concept"][key] for key in ("title", "municipality", "slug")},
            # The version whose section numbers `cited_in` gives.
            "version": version.get("number"),
            "columns": [{"key": key, "label": str(label)} for key, label in COLUMNS],
            "measures": measure_records(document),
        }
        if table.progress is not None:
            data.update(opendata_progress.json_parts(table.progress))
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _extra_sheets(workbook, document: dict[str, Any]) -> None:
    groups = {
        m["working_group"]["slug"]: m["working_group"]["name"]
        for m in document.get("measures", [])
        if m.get("working_group")
    }
    goals = workbook.create_sheet(_("Ziele"))
    sheet_fill(
        goals,
        [_("Kennung"), _("Ziel"), _("Arbeitsgruppe"), _("Beschreibung")],
        [
            [g["code"], g["title"], groups.get(g.get("working_group"), ""), g["description"]]
            for g in sorted(document.get("goals", []), key=lambda g: natural_key(g["code"]))
        ],
    )
    recommendations = workbook.create_sheet(_("Handlungsempfehlungen"))
    sheet_fill(
        recommendations,
        [_("Kennung"), _("Titel"), _("Text"), _("Maßnahmen")],
        [
            [r["code"], r["title"], r["text"], ", ".join(str(n) for n in r["measures"])]
            for r in sorted(
                document.get("recommendations", []), key=lambda r: natural_key(r["code"])
            )
        ],
    )
    for extra in (goals, recommendations):
        for letter, width in zip("ABCD", (10, 45, 60, 30), strict=True):
            extra.column_dimensions[letter].width = width


def table_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    document = table.document
    with override("de"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Maßnahmen")
        sheet_fill(sheet, columns(), table_rows(table))
        for index, width in enumerate(COLUMN_WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for cell in sheet["C"][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        _extra_sheets(workbook, document)
        if table.progress is not None:
            opendata_progress.xlsx_sheets(workbook, table.progress)
        workbook.properties.title = _("Maßnahmen – %(title)s: %(stand)s") % {
            "title": document["concept"]["title"],
            "stand": table.stand,
        }
        workbook.properties.creator = document["concept"]["municipality"]
        workbook.properties.language = "de-DE"
        bold = Font(bold=True)
        for worksheet in workbook.worksheets:
            for cell in worksheet[1]:
                cell.font = bold
    return xlsx_bytes(workbook, moment=table.moment)


TABLE_RENDERERS = {"csv": table_csv, "xlsx": table_xlsx, "json": table_json}


def table_render(table: Table, fmt: str) -> bytes:
    if fmt not in TABLE_RENDERERS:
        raise ValueError(f"Unknown open-data format {fmt!r}; expected one of {sorted(FORMATS)}")
    return TABLE_RENDERERS[fmt](table)


def render(version: ConceptVersion, fmt: str) -> bytes:
    """The version's document "measures" (what `concept.issuing` stores for a frozen one)."""
    if fmt not in TABLE_RENDERERS:
        raise ValueError(f"Unknown open-data format {fmt!r}; expected one of {sorted(FORMATS)}")
    return table_render(version_table(version), fmt)


KIND = DocumentKind(
    key=DOCUMENT,
    label=gettext_lazy("Maßnahmen (offene Daten)"),
    formats=FORMATS,
    render=render,
    filename_suffix="-massnahmen",
)
