"""Data for the tests of the annual implementation report (fixtures: `world`, `year`)."""

import datetime as dt

from django.utils import timezone

from tests.factories import ConceptFactory
from tests.factories_measures import GoalFactory, MeasureFactory, ProgressUpdateFactory
from tests.factories_reports import IndicatorFactory, IndicatorValueFactory
from tests.factories_workgroups import OrganisationFactory, WorkingGroupFactory


def last_closed_year() -> int:
    """The one a report may be issued for."""
    return timezone.localdate().year - 1


def day(year: int, month: int, date: int) -> dt.date:
    return dt.date(year, month, date)


def monitored(concept, year: int, *, measures: int = 1, prefix: str = "") -> dict:
    """`measures` measures in one group and goal, each with an indicator and updates around
    `year`: published before, in and after it, one waiting for review and one hidden."""
    group = WorkingGroupFactory(concept=concept, name=f"{prefix}Bildung und Erziehung")
    goal = GoalFactory(concept=concept, working_group=group, title=f"{prefix}Sprache fördern")
    school = OrganisationFactory(name=f"{prefix}Gesamtschule Minden")
    found = {"group": group, "goal": goal, "measures": [], "in_year": [], "not_in_year": []}
    for _index in range(measures):
        measure = MeasureFactory(concept=concept, working_group=group, goal=goal)
        indicator = IndicatorFactory(measure=measure, name="Sprachkurse", target=20)
        before = ProgressUpdateFactory(
            measure=measure, date=day(year - 1, 6, 1), status="in_progress", note="Vorjahr"
        )
        IndicatorValueFactory(update=before, indicator=indicator, value=4)
        first = ProgressUpdateFactory(
            measure=measure,
            date=day(year, 3, 1),
            status="in_progress",
            note="Erste Kurse laufen",
            reported_for=school,
        )
        IndicatorValueFactory(update=first, indicator=indicator, value=8)
        second = ProgressUpdateFactory(
            measure=measure, date=day(year, 11, 30), status="implemented", note="Abgeschlossen"
        )
        IndicatorValueFactory(update=second, indicator=indicator, value=12)
        waiting = ProgressUpdateFactory(
            measure=measure,
            date=day(year, 12, 20),
            status="dropped",
            note="Wartet",
            review="pending",
        )
        IndicatorValueFactory(update=waiting, indicator=indicator, value=1)
        hidden = ProgressUpdateFactory(
            measure=measure,
            date=day(year, 12, 21),
            status="deferred",
            note="Versteckt",
            review="hidden",
        )
        after = ProgressUpdateFactory(
            measure=measure, date=day(year + 1, 1, 2), status="ongoing", note="Folgejahr"
        )
        IndicatorValueFactory(update=after, indicator=indicator, value=19)
        found["measures"].append(measure)
        found["in_year"] += [first, second]
        found["not_in_year"] += [before, waiting, hidden, after]
    return found


def report_world(year: int) -> dict:
    concept = ConceptFactory(title="Integrationskonzept Minden", slug="minden")
    return {"concept": concept, **monitored(concept, year)}
