"""The demo's work on the concept: agendas and minutes, goals, the 99 measures, imap's
recommendations, the progress reports with a few indicators, and one contact reporting for
their organisation. All labelled as examples."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from concept.models import Concept
from measures.models import (
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    MeasureContact,
    Priority,
    ProgressUpdate,
    Recommendation,
    ReviewState,
    TargetGroup,
    Timeframe,
)
from measures.services import progress_record
from minden_integration.loader import demo_calendar, demo_data
from minden_integration.loader.demo_calendar import DemoCalendar, rng
from minden_integration.loader.demo_timestamps import stamp
from workgroups.models import Organisation, Session, WorkingGroup


def demo_sessions_fill(*, groups: dict[str, WorkingGroup]) -> dict[tuple[str, int], Session]:
    """Example agendas and minutes, labelled in their text, only where nothing is stored."""
    sessions = {}
    for slug, group in groups.items():
        for session in group.sessions.all():
            sessions[(slug, session.round)] = session
            if session.round not in demo_data.AGENDAS:
                continue
            changed = []
            if not session.agenda:
                session.agenda = demo_data.AGENDAS[session.round]
                changed.append("agenda")
            published = demo_data.MINUTES_PUBLISHED[slug].get(session.round)
            if not session.minutes and published is not None:
                session.minutes = demo_data.minutes_text(
                    group_name=group.name, round_number=session.round
                )
                session.minutes_public = published
                changed += ["minutes", "minutes_public"]
            if changed:
                session.is_example = True
                session.save(update_fields=[*changed, "is_example", "updated_at"])
    return sessions


def demo_goals_load(*, concept: Concept, groups: dict[str, WorkingGroup]) -> dict[str, Goal]:
    goals = {}
    for slug, specs in demo_data.GOALS.items():
        for code, title, _measures in specs:
            goals[code], _created = Goal.objects.update_or_create(
                concept=concept,
                code=code,
                defaults={
                    "working_group": groups[slug],
                    "title": f"Beispiel: {title}",
                    "description": demo_data.NOTICE,
                    "is_example": True,
                },
            )
    return goals


TIMEFRAMES = [Timeframe.SHORT, Timeframe.MEDIUM, Timeframe.LONG]
PRIORITIES = [Priority.HIGH, Priority.MEDIUM, Priority.LOW]
PRIORITY_WEIGHTS = [34, 42, 24]
# Time frame weights by priority: urgent measures are more often short-term.
TIMEFRAME_WEIGHTS = {
    Priority.HIGH: [50, 35, 15],
    Priority.MEDIUM: [28, 47, 25],
    Priority.LOW: [15, 40, 45],
}


def _attributes(number: int, slug: str, organisations: dict[str, Organisation]) -> dict:
    """Priority, time frame, lead and partners of one measure, drawn from a generator seeded
    with its number: uneven like real work, the same on every load."""
    r = rng("measure", number)
    priority = r.choices(PRIORITIES, PRIORITY_WEIGHTS)[0]
    timeframe = r.choices(TIMEFRAMES, TIMEFRAME_WEIGHTS[priority])[0]
    lead_name = None if r.random() < 0.07 else r.choice(demo_data.GROUP_LEADS[slug])
    absent = demo_data.ABSENT_ORGANISATIONS[slug]
    members = [
        name
        for index, (name, _sector) in enumerate(demo_data.ORGANISATIONS)
        if index not in absent and name != lead_name
    ]
    partners = r.sample(members, r.choices([0, 1, 2, 3], [2, 4, 3, 1])[0])
    return {
        "priority": priority,
        "timeframe": timeframe,
        "lead": organisations[lead_name] if lead_name else None,
        "partners": [organisations[name] for name in partners],
        "target_group_count": r.choices([1, 2], [3, 2])[0],
    }


def _origin_rounds(code: str, titles: list[str]) -> list[int]:
    rounds = [int(digit) for digit in demo_data.ORIGIN_ROUNDS[code]]
    if len(rounds) != len(titles):
        raise RuntimeError(
            f"ORIGIN_ROUNDS[{code!r}] names {len(rounds)} of {len(titles)} measures."
        )
    return rounds


def demo_measures_load(
    *,
    concept: Concept,
    groups: dict[str, WorkingGroup],
    goals: dict[str, Goal],
    sessions: dict[tuple[str, int], Session],
    organisations: dict[str, Organisation],
    target_groups: dict[str, TargetGroup],
) -> dict[int, Measure]:
    """The 99 example measures, numbered 1–99 group by group; each came up in a session round
    of its own group (`ORIGIN_ROUNDS`)."""
    measures = {}
    number = 0
    for slug, specs in demo_data.GOALS.items():
        for code, goal_title, titles in specs:
            for title, origin_round in zip(titles, _origin_rounds(code, titles), strict=True):
                number += 1
                drawn = _attributes(number, slug, organisations)
                measure, _created = Measure.objects.update_or_create(
                    concept=concept,
                    number=number,
                    defaults={
                        "title": f"Beispiel: {title}",
                        "description": demo_data.measure_description(
                            goal_code=code, goal_title=goal_title
                        ),
                        "working_group": groups[slug],
                        "goal": goals[code],
                        "origin_session": sessions[(slug, origin_round)],
                        "lead_organisation": drawn["lead"],
                        "timeframe": drawn["timeframe"],
                        "priority": drawn["priority"],
                        "is_example": True,
                    },
                )
                measure.partners.set(drawn["partners"])
                fitting = demo_data.GOAL_TARGET_GROUPS[code]
                measure.target_groups.set(
                    [target_groups[s] for s in fitting[: drawn["target_group_count"]]]
                )
                measures[number] = measure
    if number != 99:
        raise RuntimeError(f"The example data defines {number} measures instead of 99.")
    return measures


def goal_measures(measures: dict[int, Measure], code: str, count: int) -> list[Measure]:
    """The goal's first measures by number: those its recommendation and sections cite."""
    of_goal = [m for _n, m in sorted(measures.items()) if m.goal.code == code]
    return of_goal[:count]


def demo_recommendations_load(*, concept: Concept, measures: dict[int, Measure]) -> None:
    for code, title, text, goal_code, extra in demo_data.RECOMMENDATIONS:
        recommendation, _created = Recommendation.objects.update_or_create(
            concept=concept,
            code=code,
            defaults={
                "title": f"Beispiel: {title}",
                "text": demo_data.recommendation_text(text),
                "is_example": True,
            },
        )
        recommendation.measures.set(
            [*goal_measures(measures, goal_code, 4), *(measures[n] for n in extra)]
        )


def demo_indicators_load(
    *, measures: dict[int, Measure], calendar: DemoCalendar
) -> dict[int, Indicator]:
    """A few measures count toward a target (`INDICATORS`), keyed by the measure's number."""
    by_title = {m.title.removeprefix("Beispiel: "): m for m in measures.values()}
    indicators = {}
    for title, (name, unit, baseline, target) in demo_data.INDICATORS.items():
        measure = by_title[title]
        indicators[measure.number], _created = Indicator.objects.update_or_create(
            measure=measure,
            name=name,
            defaults={"unit": unit, "baseline": baseline, "target": target, "is_example": True},
        )
        # Set up with the measure's first report in view.
        first = demo_calendar.PROGRESS_FIRST[0] + 10
        stamp(indicators[measure.number], calendar.office(first, "indicator", measure.number))
    return indicators


def _indicator_value(indicator: Indicator | None, share: float) -> dict:
    if indicator is None:
        return {}
    distance = indicator.target - indicator.baseline
    return {indicator: indicator.baseline + round(distance * Decimal(str(share)))}


def demo_progress_load(
    *, measures: dict[int, Measure], officer: AbstractBaseUser, calendar: DemoCalendar
) -> None:
    """Progress reports through the service, after the council's decision on version 1, on
    working days; a measure that already has reports is left alone. The measures with an
    indicator record its value with each report."""
    indicators = demo_indicators_load(measures=measures, calendar=calendar)
    reported = set(
        Measure.objects.filter(pk__in=[m.pk for m in measures.values()])
        .filter(progress_updates__isnull=False)
        .values_list("pk", flat=True)
    )
    sequences = [steps for steps, _weights in demo_data.PROGRESS_SEQUENCES]
    for number, measure in sorted(measures.items()):
        if measure.pk in reported:
            continue
        column = TIMEFRAMES.index(measure.timeframe)
        weights = [by_timeframe[column] for _s, by_timeframe in demo_data.PROGRESS_SEQUENCES]
        steps = rng("progress", number).choices(sequences, weights)[0]
        if number in indicators and not steps:
            # A measure that counts something has at least begun.
            steps = ("in_progress",)
        spans = [demo_calendar.PROGRESS_FIRST, demo_calendar.PROGRESS_SECOND]
        for index, (status, span) in enumerate(zip(steps, spans, strict=False)):
            days_before = calendar.between(span, "progress", number, index)
            update = progress_record(
                measure=measure,
                status=status,
                note=demo_data.PROGRESS_NOTES[status],
                date=calendar.day(days_before),
                by=officer,
                is_example=True,
                values=_indicator_value(indicators.get(number), demo_data.INDICATOR_SHARES[index]),
            )
            moment = calendar.office(days_before, "progress", number, index)
            stamp(update, moment)
            ProgressUpdate.objects.filter(pk=update.pk).update(reviewed_at=moment)
            IndicatorValue.objects.filter(update=update).update(
                created_at=moment, updated_at=moment
            )
    demo_contact_load(measures=measures, indicators=indicators, calendar=calendar)


def demo_contact_load(
    *, measures: dict[int, Measure], indicators: dict[int, Indicator], calendar: DemoCalendar
) -> None:
    """An account that reports for one measure as its organisation; its latest report waits
    for the officer. Once: a second load finds the contact and leaves it."""
    measure = next(
        m for m in measures.values() if m.title == f"Beispiel: {demo_data.CONTACT_MEASURE}"
    )
    user, made = get_user_model().objects.get_or_create(
        username=demo_data.CONTACT_USER["username"],
        defaults={
            "email": demo_data.CONTACT_USER["username"],
            "first_name": demo_data.CONTACT_USER["first_name"],
            "last_name": demo_data.CONTACT_USER["last_name"],
        },
    )
    if made:
        user.set_unusable_password()
    days_before = calendar.between(demo_data.PENDING_DAYS, "pending", measure.number)
    user.date_joined = calendar.office(days_before + 30, "contact", measure.number)
    user.save(update_fields=["password", "date_joined"])
    organisation = Organisation.objects.get(name=demo_data.CONTACT_ORGANISATION)
    contact, created = MeasureContact.objects.get_or_create(
        measure=measure, user=user, defaults={"organisation": organisation}
    )
    if not created:
        return
    moment = calendar.office(days_before, "pending", measure.number)
    stamp(contact, user.date_joined)
    status, note, share = demo_data.PENDING_REPORT
    update = progress_record(
        measure=measure,
        status=status,
        note=note,
        date=calendar.day(days_before),
        by=user,
        reported_for=organisation,
        review=ReviewState.PENDING,
        is_example=True,
        values=_indicator_value(indicators.get(measure.number), share),
    )
    stamp(update, moment)
    IndicatorValue.objects.filter(update=update).update(created_at=moment, updated_at=moment)
