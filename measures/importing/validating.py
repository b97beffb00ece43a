"""Checking every row of a readable file against the concept: each problem becomes a German
message naming row and column, and a valid row becomes what the writing needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from measures.importing.columns import (
    CODE,
    DESCRIPTION,
    FK_FIELDS,
    GOAL,
    LEAD,
    MEASURE_FIELD_COLUMNS,
    NUMBER,
    PARTNERS,
    PRIORITY,
    RECOMMENDATION_FIELD_COLUMNS,
    RECOMMENDATIONS,
    TARGET_GROUPS,
    TEXT,
    TIMEFRAME,
    TITLE,
    WORKING_GROUP,
)
from measures.importing.lookups import Lookups, match_key, match_list, split_values
from measures.importing.reading import Table
from measures.importing.results import RowError
from measures.models import Measure, Recommendation, TargetGroup
from workgroups.models import Organisation, WorkingGroup

# Records one problem of the row being checked: (column, message).
ReportError = Callable[[str, str], None]


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


def _model_errors(
    instance: Model, *, exclude: list[str], columns: dict[str, str], error: ReportError
) -> None:
    """The model's own field validation, each message placed in its column."""
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                error(columns.get(name, ""), message)


def check_recommendations(table: Table) -> tuple[list[RecommendationRow], list[RowError]]:
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
        elif match_key(code) in seen:
            error(
                CODE,
                _("Die Kennung „%(code)s“ steht bereits in Zeile %(row)s.")
                % {"code": code, "row": seen[match_key(code)]},
            )
        else:
            seen[match_key(code)] = record.row
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
            _model_errors(
                recommendation,
                exclude=["concept", "measures"],
                columns=RECOMMENDATION_FIELD_COLUMNS,
                error=error,
            )
        if len(errors) == found:
            rows.append(
                RecommendationRow(record.row, code, recommendation.title, recommendation.text)
            )
    return rows, errors


def check_measures(
    table: Table, lookups: Lookups, recommendation_codes: set[str] | None
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

        number = _measure_number(values.get(NUMBER, ""), row=record.row, seen=seen, error=error)
        fields = _measure_fields(values, present, lookups, number=number, error=error)
        partners, target_groups, codes = _measure_relations(
            values, present, lookups, recommendation_codes=recommendation_codes, error=error
        )
        fields.update(_measure_choices(values, lookups, error=error))
        if len(errors) == found:
            _model_errors(
                Measure(concept_id=0, number=number, **fields),
                exclude=FK_FIELDS,
                columns=MEASURE_FIELD_COLUMNS,
                error=error,
            )
        if len(errors) == found:
            rows.append(MeasureRow(record.row, number, fields, partners, target_groups, codes))
    return rows, errors


def _measure_number(raw: str, *, row: int, seen: dict[int, int], error: ReportError) -> int:
    """The measure's number (0 if it is none); each number may occur once in the file."""
    number = int(raw) if raw.isdecimal() and raw.isascii() else 0
    if not raw:
        error(NUMBER, _("Die Nummer fehlt."))
    elif number < 1:
        error(NUMBER, _("„%(value)s“ ist keine positive ganze Zahl.") % {"value": raw})
    elif number in seen:
        error(
            NUMBER,
            _("Die Nummer %(number)s steht bereits in Zeile %(row)s.")
            % {"number": number, "row": seen[number]},
        )
    else:
        seen[number] = row
    return number


def _measure_fields(
    values: dict[str, str],
    present: set[str],
    lookups: Lookups,
    *,
    number: int,
    error: ReportError,
) -> dict[str, Any]:
    """The measure's own fields; an optional column the file lacks is left out, so that the
    field of an existing measure stays as it is."""
    fields: dict[str, Any] = {}
    title = values.get(TITLE, "")
    if not title:
        error(TITLE, _("Der Titel fehlt."))
    elif message := _too_long(Measure, "title", title):
        error(TITLE, message)
    fields["title"] = title
    if DESCRIPTION in present:
        fields["description"] = values.get(DESCRIPTION, "")
    fields["working_group"] = _working_group(
        values.get(WORKING_GROUP, ""), lookups, number=number, error=error
    )
    if GOAL in present:
        code = values.get(GOAL, "")
        goal = lookups.goals_exact.get(code) or lookups.goals.get(match_key(code))
        if code and goal is None:
            error(
                GOAL,
                _("Ein Ziel „%(value)s“ gibt es in diesem Konzept nicht.") % {"value": code},
            )
        fields["goal"] = goal
    if LEAD in present:
        name = values.get(LEAD, "")
        lead = lookups.organisations.get(match_key(name))
        if name and lead is None:
            error(
                LEAD,
                _("Unbekannte Organisation „%(value)s“. Bitte zuerst im Admin anlegen.")
                % {"value": name},
            )
        fields["lead_organisation"] = lead
    return fields


def _working_group(
    group_name: str, lookups: Lookups, *, number: int, error: ReportError
) -> WorkingGroup | None:
    """The named group of the concept; a measure from a session stays with that session's
    group."""
    group = lookups.groups.get(match_key(group_name))
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
    return group


def _measure_relations(
    values: dict[str, str],
    present: set[str],
    lookups: Lookups,
    *,
    recommendation_codes: set[str] | None,
    error: ReportError,
) -> tuple[list[Organisation] | None, list[TargetGroup] | None, list[str] | None]:
    """Partners, target groups and recommendation codes; None where the file lacks the column,
    so that the relation stays as it is."""
    partners = target_groups = codes = None
    if PARTNERS in present:
        partners, unknown = match_list(values.get(PARTNERS, ""), lookups.organisations)
        if unknown:
            error(
                PARTNERS,
                _("Unbekannte Organisation(en): %(values)s. Bitte zuerst im Admin anlegen.")
                % {"values": _quoted(unknown)},
            )
    if TARGET_GROUPS in present:
        target_groups, unknown = match_list(values.get(TARGET_GROUPS, ""), lookups.target_groups)
        if unknown:
            error(
                TARGET_GROUPS,
                _("Unbekannte Zielgruppe(n): %(values)s.") % {"values": _quoted(unknown)},
            )
    if RECOMMENDATIONS in present:
        codes = list(
            dict.fromkeys(match_key(code) for code in split_values(values.get(RECOMMENDATIONS, "")))
        )
        unknown = [
            code
            for code in split_values(values.get(RECOMMENDATIONS, ""))
            if recommendation_codes is not None and match_key(code) not in recommendation_codes
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
    return partners, target_groups, codes


def _measure_choices(
    values: dict[str, str], lookups: Lookups, *, error: ReportError
) -> dict[str, str]:
    """Timeframe and priority, given by their German labels."""
    fields = {}
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
    return fields


def check_links(
    measure_rows: list[MeasureRow],
    recommendation_rows: list[RecommendationRow],
    lookups: Lookups,
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
        existing = lookups.recommendations.get(match_key(row.code))
        kept = lookups.linked_numbers.get(existing.pk, set()) if existing else set()
        if not (kept - numbers_in_file) | cited.get(match_key(row.code), set()):
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
