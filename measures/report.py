"""What a year's implementation report says: per working group and goal, each measure's status
at the year's end (its latest published update dated on or before 31 December), the year's
published updates with their indicator values, and a summary.

`report_content` reads it in a fixed number of queries, whatever the number of measures; the
result is plain JSON (dates as ISO strings, labels in German), stored with each edition so that
its page and files never change afterwards. Updates waiting for review or hidden count for
nothing, as everywhere in public.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from concept.models import Concept
from measures.models import (
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    ProgressUpdate,
    ReviewState,
)

# A measure with no published update by the year's end: as the catalogue shows it.
NO_UPDATE = MeasureStatus.PLANNED


def edition_title(year: int, edition: int) -> str:
    if edition:
        return _("Umsetzungsbericht %(year)s, berichtigte Fassung %(edition)s") % {
            "year": year,
            "edition": edition,
        }
    return _("Umsetzungsbericht %(year)s") % {"year": year}


def _number(value: Decimal | None) -> str:
    """A decimal as the report prints it: no trailing zeros (12, 12,5)."""
    if value is None:
        return ""
    normal = value.normalize()
    places = max(0, -normal.as_tuple().exponent)
    return number_format(normal, decimal_pos=places, use_l10n=True)


def _measures(concept: Concept) -> list[Measure]:
    return list(
        Measure.objects.filter(concept=concept)
        .select_related("working_group", "goal")
        .only(
            "number",
            "title",
            "working_group__name",
            "working_group__position",
            "goal__code",
            "goal__title",
        )
        .order_by("working_group__position", "working_group__name", "number")
    )


def _updates(concept: Concept, year_end: dt.date) -> list[ProgressUpdate]:
    """Every published update up to the year's end, oldest first."""
    return list(
        ProgressUpdate.objects.published()
        .filter(measure__concept=concept, date__lte=year_end)
        .select_related("reported_for")
        .only("measure_id", "date", "status", "note", "reported_for__name")
        .order_by("date", "pk")
    )


def _values(concept: Concept, year: int) -> dict[int, list[IndicatorValue]]:
    """The indicator values the year's published updates report, by update."""
    found: dict[int, list[IndicatorValue]] = defaultdict(list)
    rows = (
        IndicatorValue.objects.filter(
            update__measure__concept=concept,
            update__review=ReviewState.PUBLISHED,
            update__date__year=year,
        )
        .select_related("indicator")
        .order_by("indicator__position", "indicator__pk")
    )
    for value in rows:
        found[value.update_id].append(value)
    return found


def _indicators(concept: Concept, year_end: dt.date) -> dict[int, list[dict[str, Any]]]:
    """Each measure's indicators with their latest published value by the year's end."""
    latest: dict[int, Decimal] = {}
    for indicator_id, value in (
        IndicatorValue.objects.filter(
            indicator__measure__concept=concept,
            update__review=ReviewState.PUBLISHED,
            update__date__lte=year_end,
        )
        .order_by("update__date", "update__pk")
        .values_list("indicator_id", "value")
    ):
        latest[indicator_id] = value
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for indicator in Indicator.objects.filter(measure__concept=concept).order_by("position", "pk"):
        value = latest.get(indicator.pk)
        found[indicator.measure_id].append(
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": _number(indicator.baseline),
                "target": _number(indicator.target),
                "value": _number(value),
            }
        )
    return found


def report_content(concept: Concept, year: int) -> dict[str, Any]:
    """The report of `year` as JSON-ready data (German labels)."""
    year_end = dt.date(year, 12, 31)
    with override("de"):
        labels = {status.value: str(status.label) for status in MeasureStatus}
        values = _values(concept, year)
        indicators = _indicators(concept, year_end)
        status_at_end: dict[int, tuple[str, str]] = {}
        in_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for update in _updates(concept, year_end):
            status_at_end[update.measure_id] = (update.status, update.date.isoformat())
            if update.date.year != year:
                continue
            in_year[update.measure_id].append(
                {
                    "date": update.date.isoformat(),
                    "date_label": date_format(update.date, "SHORT_DATE_FORMAT"),
                    "status": update.status,
                    "status_label": labels[update.status],
                    "note": update.note,
                    "reported_for": update.reported_for.name if update.reported_for else "",
                    "values": [
                        {
                            "indicator": v.indicator.name,
                            "unit": v.indicator.unit,
                            "value": _number(v.value),
                            "target": _number(v.indicator.target),
                        }
                        for v in values.get(update.pk, [])
                    ],
                }
            )
        groups: dict[str, dict[str, Any]] = {}
        counts = dict.fromkeys(labels, 0)
        for measure in _measures(concept):
            status, since = status_at_end.get(measure.pk, (NO_UPDATE, ""))
            counts[status] += 1
            group = groups.setdefault(
                measure.working_group.name, {"name": measure.working_group.name, "goals": {}}
            )
            goal_key = measure.goal.code if measure.goal else ""
            goal = group["goals"].setdefault(
                goal_key,
                {
                    "code": goal_key,
                    "title": measure.goal.title if measure.goal else _("Ohne Ziel"),
                    "measures": [],
                },
            )
            goal["measures"].append(
                {
                    "number": measure.number,
                    "title": measure.title,
                    "status": status,
                    "status_label": labels[status],
                    "status_since": since,
                    "updates": in_year.get(measure.pk, []),
                    "indicators": indicators.get(measure.pk, []),
                }
            )
        for group in groups.values():
            group["goals"] = sorted(
                group["goals"].values(), key=lambda g: (g["code"] == "", g["code"])
            )
        total = sum(counts.values())
        return {
            "concept": {
                "title": concept.title,
                "municipality": concept.municipality,
                "slug": concept.slug,
            },
            "year": year,
            "year_end": year_end.isoformat(),
            "year_end_label": date_format(year_end, "DATE_FORMAT"),
            "groups": list(groups.values()),
            "summary": {
                "measures": total,
                "updates": sum(len(u) for u in in_year.values()),
                "measures_reported": len(in_year),
                "indicator_values": sum(len(v) for v in values.values()),
                "status": [
                    {"status": key, "label": labels[key], "count": counts[key]} for key in labels
                ],
            },
        }


def changed_measures(before: dict[str, Any], after: dict[str, Any]) -> list[int]:
    """The numbers of the measures whose entry differs between two editions' content."""

    def entries(content: dict[str, Any]) -> dict[int, dict[str, Any]]:
        return {
            measure["number"]: measure
            for group in content["groups"]
            for goal in group["goals"]
            for measure in goal["measures"]
        }

    old, new = entries(before), entries(after)
    return sorted(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))


def summary_sentences(content: dict[str, Any]) -> list[str]:
    """The summary in words, as the page and every format print it."""
    summary = content["summary"]
    with override("de"):
        sentences = [
            _(
                "Zum %(day)s umfasst das Konzept %(measures)s Maßnahmen. Im Jahr %(year)s "
                "wurden %(updates)s Fortschrittsmeldungen zu %(reported)s Maßnahmen "
                "veröffentlicht, mit %(values)s Indikatorwerten."
            )
            % {
                "day": content["year_end_label"],
                "measures": summary["measures"],
                "year": content["year"],
                "updates": summary["updates"],
                "reported": summary["measures_reported"],
                "values": summary["indicator_values"],
            }
        ]
        parts = [f"{row['label']}: {row['count']}" for row in summary["status"] if row["count"]]
        if parts:
            sentences.append(_("Stand am Jahresende: %(parts)s.") % {"parts": "; ".join(parts)})
    return sentences
