"""The example rows' own `created_at` and `updated_at`: when they were entered on the demo's
timeline (`demo_calendar`), not when the load ran.

The rows a load upserts (organisations, memberships, goals, measures, recommendations, the
example sessions and committees, the example accounts) are set on every load from the
calendar, so a second load leaves the same values. The version process sets its rows as it goes
(`demo_versions`), once: version 1 is frozen afterwards. Set with `update()` and `bulk_update()`,
which write the given values instead of the clock's. The audit trail keeps the real time of
each write: it records what the loader did, not the example's story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import models

from concept.models import Body, Concept
from measures.models import Goal, Measure, ProgressUpdate, Recommendation
from minden_integration.loader import demo_calendar as timeline
from minden_integration.loader import demo_data
from minden_integration.loader.demo_calendar import DemoCalendar, rng
from workgroups.models import Membership, Organisation, Session


def stamp(row: models.Model, created: dt.datetime, updated: dt.datetime | None = None) -> None:
    """Set one row's timestamps without touching anything else."""
    row.created_at, row.updated_at = created, updated or created
    type(row)._default_manager.filter(pk=row.pk).update(
        created_at=row.created_at, updated_at=row.updated_at
    )


def _save(model: type[models.Model], rows: Iterable[models.Model], *fields: str) -> None:
    model._default_manager.bulk_update(list(rows), list(fields or ("created_at", "updated_at")))


def _entered_one_by_one(
    rows: list[models.Model], start: dt.datetime, key: str, *, minutes: tuple[int, int]
) -> None:
    """Rows typed in one after the other: a few minutes apart, each its own time."""
    moment = start
    for index, row in enumerate(rows):
        r = rng(key, index)
        moment += dt.timedelta(minutes=r.randint(*minutes), seconds=r.randrange(60))
        row.created_at = row.updated_at = moment


def _set_up_rows(calendar: DemoCalendar, concept: Concept) -> None:
    """Organisations, accounts, memberships and committees: entered when the portal started."""
    organisations = list(Organisation.objects.filter(is_example=True).order_by("name"))
    _entered_one_by_one(
        organisations,
        calendar.office(timeline.PORTAL_SET_UP, "organisations"),
        "org",
        minutes=(1, 4),
    )
    _save(Organisation, organisations)
    memberships = list(
        Membership.objects.filter(is_example=True, working_group__concept=concept).order_by(
            "working_group__position", "organisation__name"
        )
    )
    _entered_one_by_one(
        memberships,
        calendar.office(timeline.PORTAL_SET_UP - 1, "memberships"),
        "membership",
        minutes=(1, 3),
    )
    _save(Membership, memberships)
    usernames = [
        demo_data.OFFICER_USER["username"],
        *(u["username"] for u in demo_data.MEMBER_USERS),
    ]
    users = list(get_user_model().objects.filter(username__in=usernames).order_by("username"))
    for user in users:
        user.date_joined = calendar.office(timeline.PORTAL_SET_UP - 1, "joined", user.username)
    get_user_model().objects.bulk_update(users, ["date_joined"])
    bodies = list(Body.objects.filter(concept=concept, is_example=True).order_by("position"))
    _entered_one_by_one(
        bodies, calendar.office(timeline.PORTAL_SET_UP, "committees"), "body", minutes=(2, 6)
    )
    _save(Body, bodies)


def _work_rows(calendar: DemoCalendar, concept: Concept) -> None:
    """Each group's sessions, goals and measures, entered on the group's day; a measure was
    last changed by its latest progress report; imap's recommendations a few days later."""
    latest_report = dict(
        ProgressUpdate.objects.filter(measure__concept=concept)
        .values("measure")
        .annotate(last=models.Max("created_at"))
        .values_list("measure", "last")
    )
    for slug, days_before in timeline.MEASURES_ENTERED.items():
        start = calendar.office(days_before, "entered", slug)
        sessions = list(
            Session.objects.filter(
                working_group__concept=concept, working_group__slug=slug, is_example=True
            ).order_by("round")
        )
        goals = list(
            Goal.objects.filter(concept=concept, working_group__slug=slug).order_by("code")
        )
        measures = list(
            Measure.objects.filter(concept=concept, working_group__slug=slug).order_by("number")
        )
        rows = [*sessions, *goals, *measures]
        _entered_one_by_one(rows, start, f"entered:{slug}", minutes=(2, 7))
        for measure in measures:
            measure.updated_at = max(measure.created_at, latest_report.get(measure.pk, start))
        _save(Session, sessions)
        _save(Goal, goals)
        _save(Measure, measures)
    recommendations = list(Recommendation.objects.filter(concept=concept).order_by("pk"))
    recommendations.sort(key=lambda rec: int(rec.code.lstrip("E") or 0))
    _entered_one_by_one(
        recommendations,
        calendar.office(timeline.RECOMMENDATIONS_ENTERED, "recommendations"),
        "recommendation",
        minutes=(3, 11),
    )
    _save(Recommendation, recommendations)


def demo_timestamps_settle(*, concept: Concept, calendar: DemoCalendar) -> None:
    """Give the upserted example rows their times on the demo's timeline."""
    _set_up_rows(calendar, concept)
    _work_rows(calendar, concept)
