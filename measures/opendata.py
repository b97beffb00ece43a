"""The version's measures as open data: CSV (the portal's one dialect: UTF-8 with BOM, `;`),
XLSX and JSON, registered with `concept.issuing` as the document "measures". Rows come from
`version_document`, so a frozen version lists its measures as they were frozen; the coded values
carry their German labels.
"""

from __future__ import annotations

import io
import json
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from concept.documents import version_document
from concept.exports import CSV, JSON, XLSX
from concept.issuing import DocumentKind
from concept.models import ConceptVersion
from measures.models import MeasureStatus, Priority, Timeframe
from minden_integration.core.tables import csv_bytes, sheet_fill
from minden_integration.core.text import natural_key

DOCUMENT = "measures"  # stored with every issued file: never change it


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


def measure_columns() -> list[str]:
    return [
        _("Nummer"),
        _("Titel"),
        _("Beschreibung"),
        _("Arbeitsgruppe"),
        _("Ziel"),
        _("Federführung"),
        _("Partner"),
        _("Zielgruppen"),
        _("Zeitraum"),
        _("Priorität"),
        _("Umsetzungsstand"),
        _("Empfehlungen"),
        _("Zitiert in Abschnitten"),
        _("Beispielinhalt"),
    ]


def measure_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every measure with stable English keys, its goal and citing sections resolved, and the
    German labels beside the coded values."""
    labels = measure_labels()
    goals = {goal["code"]: goal for goal in document.get("goals", [])}
    sections = {section["key"]: section for section in document["sections"]}
    records = []
    for measure in sorted(document.get("measures", []), key=lambda m: m["number"]):
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


def _row(record: dict[str, Any]) -> list[Any]:
    goal = record["goal"]
    return [
        record["number"],
        record["title"],
        record["description"],
        (record["working_group"] or {}).get("name", ""),
        f"{goal['code']} {goal['title']}" if goal else "",
        record["lead_organisation"] or "",
        ", ".join(record["partners"]),
        ", ".join(record["target_groups"]),
        record["timeframe_label"],
        record["priority_label"],
        record["status_label"],
        ", ".join(record["recommendations"]),
        ", ".join(section["number"] for section in record["cited_in"]),
        _("ja") if record["is_example"] else _("nein"),
    ]


def _rows(version: ConceptVersion) -> tuple[dict[str, Any], list[list[Any]]]:
    document = version_document(version)
    return document, [_row(record) for record in measure_records(document)]


def measures_csv(version: ConceptVersion) -> bytes:
    with override("de"):
        _document, rows = _rows(version)
        return csv_bytes(measure_columns(), rows)


def measures_json(version: ConceptVersion) -> bytes:
    records = measure_records(version_document(version))
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def measures_xlsx(version: ConceptVersion) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    with override("de"):
        document, rows = _rows(version)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Maßnahmen")
        sheet_fill(sheet, measure_columns(), rows)
        widths = [9, 45, 60, 28, 40, 32, 32, 28, 14, 10, 16, 14, 16, 12]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for cell in sheet["C"][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

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
        workbook.properties.title = _("Maßnahmen – %(title)s, Version %(number)s") % {
            "title": document["concept"]["title"],
            "number": document["version"]["number"],
        }
        workbook.properties.creator = document["concept"]["municipality"]
        workbook.properties.language = "de-DE"
        bold = Font(bold=True)
        for worksheet in workbook.worksheets:
            for cell in worksheet[1]:
                cell.font = bold
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(version: ConceptVersion, fmt: str) -> bytes:
    renderers = {"csv": measures_csv, "xlsx": measures_xlsx, "json": measures_json}
    if fmt not in renderers:
        raise ValueError(f"Unknown open-data format {fmt!r}; expected one of {sorted(renderers)}")
    return renderers[fmt](version)


KIND = DocumentKind(
    key=DOCUMENT,
    label=gettext_lazy("Maßnahmen (offene Daten)"),
    formats={f.key: f for f in (CSV, XLSX, JSON)},
    render=render,
    filename_suffix="-massnahmen",
)
