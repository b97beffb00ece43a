"""The demo's work on the concept: agendas and minutes, goals, the 99 measures, imap's
recommendations and the progress reports. All labelled as examples."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from concept.models import Concept
from measures.models import Goal, Measure, Priority, Recommendation, TargetGroup, Timeframe
from measures.services import progress_record
from minden_integration.loader import demo_data
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
ORIGIN_ROUNDS = [2, 2, 3, 1, 2, 3]


def demo_measures_load(
    *,
    concept: Concept,
    groups: dict[str, WorkingGroup],
    goals: dict[str, Goal],
    sessions: dict[tuple[str, int], Session],
    organisations: dict[str, Organisation],
    target_groups: dict[str, TargetGroup],
) -> dict[int, Measure]:
    """The 99 example measures, numbered 1–99 group by group, with varied attributes."""
    all_orgs = list(organisations.values())
    measures = {}
    number = 0
    for slug, specs in demo_data.GOALS.items():
        leads = demo_data.GROUP_LEADS[slug]
        index_in_group = 0
        for code, goal_title, titles in specs:
            for title in titles:
                number += 1
                lead = (
                    None if number % 11 == 0 else organisations[leads[index_in_group % len(leads)]]
                )
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
                        "origin_session": sessions[
                            (slug, ORIGIN_ROUNDS[index_in_group % len(ORIGIN_ROUNDS)])
                        ],
                        "lead_organisation": lead,
                        "timeframe": TIMEFRAMES[number % 3],
                        "priority": PRIORITIES[(number // 3) % 3],
                        "is_example": True,
                    },
                )
                partners = {
                    all_orgs[(number * 3 + k * 7) % len(all_orgs)] for k in range(number % 4)
                }
                partners.discard(lead)
                measure.partners.set(partners)
                fitting = demo_data.GOAL_TARGET_GROUPS[code]
                measure.target_groups.set([target_groups[s] for s in fitting[: 1 + number % 2]])
                measures[number] = measure
                index_in_group += 1
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


def demo_progress_load(
    *, measures: dict[int, Measure], officer: AbstractBaseUser, now: dt.datetime
) -> None:
    """Progress reports through the service, so that every status occurs; a measure that
    already has reports is left alone."""
    today = timezone.localdate(now)
    reported = set(
        Measure.objects.filter(pk__in=[m.pk for m in measures.values()])
        .filter(progress_updates__isnull=False)
        .values_list("pk", flat=True)
    )
    sequences = demo_data.PROGRESS_SEQUENCES
    for number, measure in sorted(measures.items()):
        if measure.pk in reported:
            continue
        steps = sequences[(number * 3) % len(sequences)]
        dates = [
            today - dt.timedelta(days=250 - number),
            today - dt.timedelta(days=100 - number % 60),
        ]
        for status, date in zip(steps, dates, strict=False):
            progress_record(
                measure=measure,
                status=status,
                note=demo_data.PROGRESS_NOTES[status],
                date=date,
                by=officer,
                is_example=True,
            )
