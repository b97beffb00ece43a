"""How far the measures have come, counted: the reads behind the implementation overview.

Every function takes the (filtered) measures and answers in one query whatever their number.
A measure's status is its stored one, which follows its latest *published* update; the first
begun update and each indicator's value count published updates only (pending or hidden
updates count for nothing public).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Min, QuerySet
from django.utils.translation import gettext as _

from measures.models import (
    NEVER_OVERDUE,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureStatus,
    ProgressUpdate,
    ReviewState,
    Timeframe,
    timeframe_deadline,
)

# A measure has begun once a published update says one of these.
BEGUN = (MeasureStatus.IN_PROGRESS, MeasureStatus.IMPLEMENTED, MeasureStatus.ONGOING)
# A measure in one of these is settled: never overdue, whatever its deadline.
SETTLED = tuple(s for s in MeasureStatus if s in NEVER_OVERDUE)


@dataclass
class StatusRow:
    """One bar: a group's measures by status (`key` None: the measures without such a group)."""

    key: str | None
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def in_order(self) -> list[tuple[str, str, int]]:
        """(status, label, count) of every status, in the order of the workflow."""
        return [(s.value, str(s.label), self.counts.get(s.value, 0)) for s in MeasureStatus]


def _fresh(measures: QuerySet[Measure]) -> QuerySet[Measure]:
    """The same measures without the filters' joins: a breakdown by target group must count a
    measure's every target group, not only the one filtered by."""
    return Measure.objects.filter(pk__in=measures.order_by().values("pk")).order_by()


def target_group_counts(measures: QuerySet[Measure]) -> list[StatusRow]:
    """The measures by status per target group, by name; a measure with several target groups
    counts once in each, those without one last."""
    rows = (
        _fresh(measures)
        .values("target_groups__slug", "target_groups__name", "status")
        .annotate(n=Count("pk", distinct=True))
        .order_by("target_groups__name", "target_groups__slug", "status")
    )
    bars: dict[str | None, StatusRow] = {}
    for row in rows:
        key = row["target_groups__slug"]
        bar = bars.setdefault(key, StatusRow(key=key, label=row["target_groups__name"] or ""))
        bar.counts[row["status"]] = row["n"]
    if None in bars:
        bars[None] = bars.pop(None)
    return list(bars.values())


def status_total(rows: list[StatusRow], label: str) -> StatusRow:
    """The whole: every measure has exactly one working group, so their bars add up to it."""
    total = StatusRow(key="", label=label)
    for row in rows:
        for status, count in row.counts.items():
            total.counts[status] = total.counts.get(status, 0) + count
    return total


@dataclass(frozen=True)
class PeriodCount:
    """The measures begun in one year or quarter (`quarter` None: a whole year)."""

    year: int
    quarter: int | None
    begun: int
    cumulative: int

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def label(self) -> str:
        if self.quarter is None:
            return str(self.year)
        return _("Q%(quarter)s %(year)s") % {"quarter": self.quarter, "year": self.year}


# Up to this many years of updates are counted by quarter, more by year.
QUARTERS_UP_TO_YEARS = 3


def begun_over_time(measures: QuerySet[Measure], *, until: dt.date) -> list[PeriodCount]:
    """Per quarter (or per year, over more than a few years), the measures whose first
    published update with a begun status falls in it, and the running total; every period from
    the first to the one of `until`, none left out."""
    firsts = list(
        ProgressUpdate.objects.published()
        .filter(measure__in=_fresh(measures), status__in=BEGUN)
        .values("measure")
        .annotate(first=Min("date"))
        .values_list("first", flat=True)
    )
    if not firsts:
        return []
    by_quarter = until.year - min(firsts).year < QUARTERS_UP_TO_YEARS

    def period(day: dt.date) -> int:
        """Quarters (or years) counted from year 0, so that consecutive periods differ by 1."""
        return day.year * 4 + (day.month - 1) // 3 if by_quarter else day.year

    per_period = Counter(period(day) for day in firsts)
    periods, running = [], 0
    for number in range(min(per_period), max(period(until), max(per_period)) + 1):
        running += per_period[number]
        year, quarter = divmod(number, 4) if by_quarter else (number, None)
        periods.append(
            PeriodCount(
                year=year,
                quarter=None if quarter is None else quarter + 1,
                begun=per_period[number],
                cumulative=running,
            )
        )
    return periods


def indicators_current(measures: QuerySet[Measure]) -> list[Indicator]:
    """The measures' indicators, each with its latest published value (`current_value`,
    `current_date`) as `Indicator.objects.with_current()` defines it; read in two plain
    queries, since a correlated subquery per indicator grows with their number."""
    indicators = list(
        Indicator.objects.filter(measure__in=_fresh(measures))
        .select_related("measure")
        .defer("measure__search_vector", "measure__search_text", "measure__description")
        .order_by("measure__number", "position", "pk")
    )
    values = (
        IndicatorValue.objects.filter(
            indicator__measure__in=_fresh(measures),
            update__review=ReviewState.PUBLISHED,
        )
        .order_by("indicator", "update__date", "update__pk")
        .values_list("indicator", "value", "update__date")
    )
    # Ascending: the last value of each indicator wins.
    latest = {indicator: (value, day) for indicator, value, day in values}
    for indicator in indicators:
        indicator.current_value, indicator.current_date = latest.get(indicator.pk, (None, None))
    return indicators


def indicator_share(indicator: Indicator) -> Decimal | None:
    """How far from baseline to target the current value has come, 0 to 1 (a target below the
    baseline counts downwards); None without a published value."""
    if indicator.current_value is None:
        return None
    span = indicator.target - indicator.baseline
    share = (indicator.current_value - indicator.baseline) / span
    return min(max(share, Decimal(0)), Decimal(1))


def deadlines(decided_on: dt.date) -> dict[str, dt.date]:
    """Each time frame's deadline after the council's decision (`timeframe_deadline`)."""
    return {tf.value: timeframe_deadline(tf.value, decided_on) for tf in Timeframe}


def overdue_measures(
    measures: QuerySet[Measure], decided_on: dt.date, today: dt.date
) -> QuerySet[Measure]:
    """The measures `Measure.objects.overdue` names, for the page's list."""
    return (
        _fresh(measures)
        .overdue(decided_on, today)
        .for_list()
        .defer("search_vector", "search_text", "description")
        .order_by("number")
    )


@dataclass
class StatusCounts:
    """The measures by status per working group and per goal, and per time frame."""

    working_groups: list[StatusRow]
    goals: list[StatusRow]
    timeframes: dict[str, dict[str, int]]


def status_counts(measures: QuerySet[Measure]) -> StatusCounts:
    """Working groups, goals and time frames from one grouped query (each measure has one of
    each); the groups in their order, the goals by code, the measures without a goal last."""
    rows = (
        _fresh(measures)
        .values(
            "working_group__position",
            "working_group__slug",
            "working_group__name",
            "goal__code",
            "goal__title",
            "timeframe",
            "status",
        )
        .annotate(n=Count("pk"))
    )
    groups: dict[tuple, StatusRow] = {}
    goals: dict[tuple, StatusRow] = {}
    timeframes: dict[str, dict[str, int]] = {tf.value: {} for tf in Timeframe}
    for row in rows:
        status, n = row["status"], row["n"]
        group_key = (row["working_group__position"], row["working_group__slug"])
        group = groups.setdefault(
            group_key, StatusRow(key=row["working_group__slug"], label=row["working_group__name"])
        )
        code = row["goal__code"]
        goal = goals.setdefault(
            (code is None, code or ""), StatusRow(key=code, label=row["goal__title"] or "")
        )
        for counts in (group.counts, goal.counts, timeframes[row["timeframe"]]):
            counts[status] = counts.get(status, 0) + n
    return StatusCounts(
        working_groups=[groups[key] for key in sorted(groups)],
        goals=[goals[key] for key in sorted(goals)],
        timeframes=timeframes,
    )
