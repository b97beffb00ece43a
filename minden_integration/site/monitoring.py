"""The implementation overview's numbers: one build for the page, its charts, tables and CSV.

Composed here because it reads across apps: the council's decision date of the approved
version (`concept`) starts the time frames of the measures (`measures`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from concept.models import Concept
from concept.selectors import CouncilDecision, council_decision
from measures import monitoring
from measures.models import Indicator, Measure, MeasureStatus, Timeframe
from minden_integration.site import charts


@dataclass
class TimeframeRow:
    timeframe: str
    label: str
    deadline: dt.date | None
    total: int
    settled: int
    overdue: int

    @property
    def open(self) -> int:
        return self.total - self.settled


@dataclass
class Overview:
    total: monitoring.StatusRow
    breakdowns: list[dict]
    begun: list[monitoring.PeriodCount]
    indicators: list[Indicator]
    indicator_rows: list[dict]
    decision: CouncilDecision | None
    timeframes: list[TimeframeRow]
    overdue: list[Measure]
    today: dt.date

    @property
    def statuses(self) -> list[tuple[str, str]]:
        return [(s.value, str(s.label)) for s in MeasureStatus]

    @property
    def begun_total(self) -> int:
        return self.begun[-1].cumulative if self.begun else 0

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.timeframes)


def overview_build(concept: Concept | None, measures: QuerySet[Measure], today: dt.date):
    """Every number of the page from the (filtered) measures, in a fixed number of queries."""
    counts = monitoring.status_counts(measures)
    groups = counts.working_groups
    total = monitoring.status_total(groups, _("Alle Maßnahmen"))
    breakdowns = [
        {
            "name": "arbeitsgruppe",
            "title": _("nach Arbeitsgruppe"),
            "label": _("Arbeitsgruppe"),
            "rows": groups,
        },
        {
            "name": "ziel",
            "title": _("nach Ziel"),
            "label": _("Ziel"),
            "rows": _labelled(counts.goals, _("ohne Ziel"), code=True),
        },
        {
            "name": "zielgruppe",
            "title": _("nach Zielgruppe"),
            "label": _("Zielgruppe"),
            "rows": _labelled(monitoring.target_group_counts(measures), _("ohne Zielgruppe")),
        },
    ]
    indicators = monitoring.indicators_current(measures)
    decision = council_decision(concept)
    if decision is not None and decision.decided_on is None:
        decision = None  # approved, but the day of the decision is not recorded: nothing is due
    due = monitoring.deadlines(decision.decided_on) if decision else {}
    by_timeframe = counts.timeframes
    timeframes = []
    for timeframe in Timeframe:
        counts = by_timeframe[timeframe.value]
        settled = sum(counts.get(status, 0) for status in monitoring.SETTLED)
        deadline = due.get(timeframe.value)
        open_ = sum(counts.values()) - settled
        timeframes.append(
            TimeframeRow(
                timeframe=timeframe.value,
                label=str(timeframe.label),
                deadline=deadline,
                total=sum(counts.values()),
                settled=settled,
                overdue=open_ if deadline is not None and deadline < today else 0,
            )
        )
    return Overview(
        total=total,
        breakdowns=breakdowns,
        begun=monitoring.begun_over_time(measures, until=today),
        indicators=indicators,
        indicator_rows=[indicator_row(indicator) for indicator in indicators],
        decision=decision,
        timeframes=timeframes,
        overdue=(
            list(monitoring.overdue_measures(measures, decision.decided_on, today))
            if decision
            else []
        ),
        today=today,
    )


def _labelled(rows, missing: str, *, code: bool = False):
    for row in rows:
        if row.key is None:
            row.label = missing
        elif code:
            row.label = f"{row.key} {row.label}"
    return rows


# --- charts -----------------------------------------------------------------------------------


def charts_build(overview: Overview) -> dict:
    """The SVG of each chart, labelled by its heading and described by its summary."""
    built = {
        "total": charts.stacked_bars(
            "chart-status",
            [overview.total],
            overview.statuses,
            labelled_by="status-heading",
            described_by="status-summary",
        ),
        "begun": charts.line_chart(
            "chart-begun",
            [(p.key, p.label, p.cumulative) for p in overview.begun],
            labelled_by="begun-heading",
            described_by="begun-summary",
        ),
        "indicators": charts.bullet_chart(
            "chart-indicators",
            overview.indicator_rows,
            labelled_by="indicators-heading",
            described_by="indicators-summary",
        ),
    }
    for breakdown in overview.breakdowns:
        name = breakdown["name"]
        breakdown["chart"] = charts.stacked_bars(
            f"chart-{name}",
            breakdown["rows"],
            overview.statuses,
            labelled_by=f"{name}-heading",
            described_by=f"{name}-summary",
        )
    return built


def decimal_text(value: Decimal | None) -> str:
    if value is None:
        return "–"
    if value == value.to_integral_value():
        return str(int(value))  # no thousands separator is configured
    return number_format(value.normalize())


def indicator_row(indicator: Indicator) -> dict:
    share = monitoring.indicator_share(indicator)
    values = {
        "baseline": decimal_text(indicator.baseline),
        "current": decimal_text(indicator.current_value),
        "target": decimal_text(indicator.target),
        "unit": indicator.unit,
    }
    if indicator.current_value is None:
        text = _("noch kein Wert; Ziel: %(target)s %(unit)s") % values
    else:
        text = _("%(current)s von %(target)s %(unit)s") % values
    measure = indicator.measure
    percent = None if share is None else round(share * 100)
    return {
        "key": str(indicator.pk),
        "label": f"{measure.number}. {indicator.name}",
        "share": share,
        "percent": percent,
        "reached": "–" if percent is None else f"{percent} %",
        "text": text,
        # What the table shows, put together once (the template would walk it per cell).
        "name": f"{indicator.name} ({indicator.unit})",
        "url": measure.get_absolute_url(),
        "measure": f"{measure.number}. {measure.title}",
        "date": date_format(indicator.current_date, "SHORT_DATE_FORMAT")
        if indicator.current_date
        else "",
        **values,
    }


# --- CSV ----------------------------------------------------------------------------------------


def csv_rows(overview: Overview) -> tuple[list[str], list[list]]:
    """The page's numbers in one long table: what is counted, by what, for which group."""
    headers = [_("Auswertung"), _("Gliederung"), _("Gruppe"), _("Merkmal"), _("Wert")]
    rows: list[list] = []
    status_label = _("Umsetzungsstand")
    for _status, label, count in overview.total.in_order():
        rows.append([status_label, _("gesamt"), overview.total.label, label, count])
    for breakdown in overview.breakdowns:
        for row in breakdown["rows"]:
            for _status, label, count in row.in_order():
                rows.append([status_label, breakdown["title"], row.label, label, count])
    begun = _("Begonnene Maßnahmen")
    for period in overview.begun:
        unit = _("Quartal") if period.quarter else _("Jahr")
        rows.append([begun, unit, period.label, _("neu begonnen"), period.begun])
        rows.append([begun, unit, period.label, _("begonnen insgesamt"), period.cumulative])
    indicator_label = _("Indikatoren")
    for indicator in overview.indicators:
        group = f"{indicator.measure.number}. {indicator.name} ({indicator.unit})"
        for label, value in (
            (_("Ausgangswert"), indicator.baseline),
            (_("aktueller Wert"), indicator.current_value),
            (_("Zielwert"), indicator.target),
        ):
            rows.append([indicator_label, _("Maßnahme"), group, label, decimal_text(value)])
    overdue = _("Fristen")
    for row in overview.timeframes:
        deadline = date_format(row.deadline, "SHORT_DATE_FORMAT") if row.deadline else "–"
        rows.append([overdue, _("Zeitraum"), row.label, _("Frist"), deadline])
        rows.append([overdue, _("Zeitraum"), row.label, _("Maßnahmen"), row.total])
        rows.append([overdue, _("Zeitraum"), row.label, _("erledigt"), row.settled])
        rows.append([overdue, _("Zeitraum"), row.label, _("überfällig"), row.overdue])
    return headers, rows


# --- the text summaries -------------------------------------------------------------------------


def summaries(overview: Overview) -> dict[str, str]:
    """What each chart shows, in a sentence or two: its accessible description."""
    total = overview.total
    counts = {status: count for status, _label, count in total.in_order()}
    result = {
        "status": _(
            "Von %(total)s Maßnahmen sind %(implemented)s umgesetzt, %(ongoing)s Daueraufgabe, "
            "%(in_progress)s in Umsetzung, %(planned)s geplant, %(deferred)s zurückgestellt und "
            "%(dropped)s entfallen."
        )
        % {"total": total.total, **counts}
    }
    for breakdown in overview.breakdowns:
        result[breakdown["name"]] = _breakdown_summary(breakdown["rows"])
    result["zielgruppe"] += " " + _(
        "Eine Maßnahme für mehrere Zielgruppen zählt bei jeder von ihnen."
    )
    if overview.begun:
        busiest = max(overview.begun, key=lambda period: period.begun)
        result["begun"] = _(
            "Bis %(period)s haben %(total)s Maßnahmen mit der Umsetzung begonnen; die meisten "
            "(%(most)s) in %(busiest)s."
        ) % {
            "period": overview.begun[-1].label,
            "total": overview.begun_total,
            "most": busiest.begun,
            "busiest": busiest.label,
        }
    else:
        result["begun"] = _("Noch keine dieser Maßnahmen hat mit der Umsetzung begonnen.")
    with_value = [item for item in overview.indicators if item.current_value is not None]
    reached = [item for item in with_value if monitoring.indicator_share(item) == 1]
    result["indicators"] = (
        _(
            "%(total)s Indikatoren; für %(measured)s ist ein aktueller Wert gemeldet, "
            "%(reached)s haben ihr Ziel erreicht."
        )
        % {"total": len(overview.indicators), "measured": len(with_value), "reached": len(reached)}
        if overview.indicators
        else _("Für diese Maßnahmen sind keine Indikatoren festgelegt.")
    )
    result["overdue"] = _overdue_summary(overview)
    return result


def _breakdown_summary(rows: list[monitoring.StatusRow]) -> str:
    if not rows:
        return _("Keine Maßnahmen.")

    def done(row):
        return sum(row.counts.get(status, 0) for status in monitoring.SETTLED[:2])

    best = max(rows, key=lambda row: (done(row) / row.total if row.total else 0, row.total))
    return _(
        "%(groups)s Balken, je einer pro Gruppe. Den größten Anteil umgesetzter Maßnahmen "
        "(umgesetzt oder Daueraufgabe) hat „%(label)s“ mit %(done)s von %(total)s."
    ) % {"groups": len(rows), "label": best.label, "done": done(best), "total": best.total}


def _overdue_summary(overview: Overview) -> str:
    decision = overview.decision
    if decision is None:
        return _(
            "Noch keine Version des Konzepts ist vom Rat beschlossen: die Zeiträume haben noch "
            "keine Frist."
        )
    days = {row.timeframe: row.deadline for row in overview.timeframes}
    return _(
        "Grundlage ist der Ratsbeschluss vom %(date)s (Version %(version)s): kurzfristig "
        "heißt bis %(short)s, mittelfristig bis %(medium)s, langfristig bis %(long)s. "
        "%(overdue)s Maßnahmen sind überfällig: ihre Frist ist verstrichen, und sie sind weder "
        "umgesetzt noch Daueraufgabe noch entfallen."
    ) % {
        "date": date_format(decision.decided_on, "DATE_FORMAT"),
        "version": decision.version.number,
        "overdue": overview.overdue_count,
        **{key: date_format(day, "DATE_FORMAT") for key, day in days.items()},
    }
