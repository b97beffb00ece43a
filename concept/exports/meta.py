"""What an export shows beside the version's document: the data that may still change after
freezing (status, the day it holds from, Drucksache, Beratungsfolge).

Dates are the record's: "Status seit" is the body's date, the Beratungen show their planned
and held days; the time of freezing is a technical timestamp and says so."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from concept.beratungsfolge import Step, beratungsfolge
from concept.models import ConceptVersion, ConsultationResult, ConsultationRole


def _date(value: dt.datetime | None, fmt: str = "DATE_FORMAT") -> str:
    if value is None:
        return ""
    return date_format(timezone.localtime(value), fmt)


def _day(value: dt.date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


def _closed_early(version: ConceptVersion) -> str:
    closed, ends = version.consultation_closed_at, version.consultation_ends_at
    if closed and ends and closed < ends:
        return _date(closed, "DATETIME_FORMAT")
    return ""


def beratungsfolge_steps(steps: list[Step]) -> list[dict[str, Any]]:
    """Each step with its Beratungen, planned or held, as German display strings; a step's
    `label` says whether its bodies deliberate in parallel."""
    return [
        {
            "number": step.number,
            "parallel": step.parallel,
            "label": _("%(number)s (parallel)") % {"number": step.number}
            if step.parallel
            else str(step.number),
            "rows": [_beratung(c) for c in step.consultations],
        }
        for step in steps
    ]


def _beratung(c) -> dict[str, Any]:
    decision_label = decision_text = ""
    # The deciding body's Beschluss; what a Vorberatung recommended stays with its body.
    if c.decision_text and c.role == ConsultationRole.DECISION:
        decision_text = c.decision_text
        decision_label = (
            _("Was der Rat geändert hat:")
            if c.result == ConsultationResult.DECIDED_AMENDED
            else _("Beschluss:")
        )
    return {
        "body": c.body.name,
        "role_label": str(c.get_role_display()),
        "planned_label": c.planned_label,
        "agenda_item": c.agenda_item,
        "agenda_item_url": c.agenda_item_url,
        "held_label": c.held_label,
        "is_held": c.is_held,
        "result_label": str(c.get_result_display()) if c.is_held else _("geplant"),
        "decision_label": decision_label,
        "decision_text": decision_text,
    }


def version_meta(version: ConceptVersion) -> dict[str, Any]:
    """Status, dates and Beratungsfolge of `version` as German display strings."""
    steps = beratungsfolge(version)
    with override("de"):
        return {
            "number": version.number,
            "status": version.status,
            "status_label": str(version.get_status_display()),
            "status_since": _day(version.status_since),
            "consultation_ends_at": _date(version.consultation_ends_at, "DATETIME_FORMAT"),
            "consultation_closed_early": _closed_early(version),
            "presented_on": _day(version.presented_on),
            "frozen_at": _date(version.frozen_at, "DATETIME_FORMAT"),
            "is_frozen": version.is_frozen,
            "checksum": version.checksum,
            "checksum_prefix": version.checksum[:12],
            "council_paper_reference": version.council_paper_reference,
            "paper_url": version.paper_url,
            "beratungsfolge": beratungsfolge_steps(steps),
            "footer": footer_text(
                version.number, version.checksum, str(version.get_status_display())
            ),
        }


def version_facts(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """The title page's facts as (label, value) pairs in order, empty values included; DOCX
    and ODT print the non-empty ones (the PDF's template lists the same)."""
    frozen = ""
    if meta["frozen_at"]:
        frozen = f"{meta['frozen_at']} {_('(technischer Zeitstempel)')}"
    reference = meta["council_paper_reference"]
    if reference and meta["paper_url"]:
        reference = f"{reference} ({_('Vorlage im Ratsinformationssystem')}: {meta['paper_url']})"
    return [
        (_("Status"), meta["status_label"]),
        (_("Status seit"), meta["status_since"]),
        (_("Beteiligung bis"), meta["consultation_ends_at"]),
        (_("Beteiligung vorzeitig beendet am"), meta["consultation_closed_early"]),
        (_("Den Gremien vorgelegt am"), meta["presented_on"]),
        (_("Drucksache"), reference),
        (_("Text eingefroren am"), frozen),
        (_("Prüfsumme (SHA-256)"), meta["checksum"]),
    ]


# Column widths in cm on an A4 page in portrait (DOCX, ODT).
BERATUNGSFOLGE_WIDTHS = [1.7, 3.6, 2.3, 2.0, 1.8, 2.0, 3.2]


def beratungsfolge_headers() -> list[str]:
    return [
        _("Schritt"),
        _("Gremium"),
        _("Rolle"),
        _("Geplant am"),
        _("TOP"),
        _("Beraten am"),
        _("Ergebnis"),
    ]


def beratungsfolge_cells(meta: dict[str, Any]) -> list[list[str]]:
    """Every Beratung as the plain cells of a DOCX or ODT table row (the PDF groups the steps
    itself); the step column repeats the step on each of its rows."""
    cells = []
    for step in meta["beratungsfolge"]:
        for row in step["rows"]:
            result = row["result_label"]
            if row["decision_text"]:
                result = f"{result}. {row['decision_label']} {row['decision_text']}"
            cells.append(
                [
                    step["label"],
                    row["body"],
                    row["role_label"],
                    row["planned_label"] or "–",
                    row["agenda_item"] or "–",
                    row["held_label"] or "–",
                    result,
                ]
            )
    return cells


def footer_text(number: int, checksum: str, status_label: str) -> str:
    """Names the exact text on every page: the version and, once frozen, its checksum."""
    if checksum:
        return _("Version %(number)s · Prüfsumme (SHA-256) %(checksum)s") % {
            "number": number,
            "checksum": checksum[:12],
        }
    return _("Version %(number)s · %(status)s · nicht eingefroren") % {
        "number": number,
        "status": status_label,
    }
