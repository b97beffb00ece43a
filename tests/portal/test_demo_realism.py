"""The demo's example content does not give itself away as generated: its dates are its own
(never the load's clock), its distributions are uneven, its sessions discuss their own group's
measures, and a later load leaves all of it as it was."""

import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from concept.models import Amendment, AmendmentStatus, ConceptVersion, VersionStatus
from measures.models import Measure, ProgressUpdate
from minden_integration.loader import demo_data
from minden_integration.loader.demo_calendar import DemoCalendar, easter_sunday, is_working_day
from minden_integration.loader.minden import counted_models, minden_load
from workgroups.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def files_queued_not_rendered(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, timezone.get_default_timezone())


def example_rows() -> list[tuple[str, models.Model]]:
    """Every row of example content: the rows flagged `is_example`, and the example accounts."""
    rows = []
    for model in counted_models():
        if any(f.name == "is_example" for f in model._meta.get_fields()):
            rows += [(model._meta.label, row) for row in model.objects.filter(is_example=True)]
    usernames = [
        demo_data.OFFICER_USER["username"],
        *(u["username"] for u in demo_data.MEMBER_USERS),
    ]
    rows += [("user", user) for user in get_user_model().objects.filter(username__in=usernames)]
    return rows


def example_values(kind: type[models.Field]) -> list[tuple[str, str, object]]:
    return [
        (label, field.name, getattr(row, field.attname))
        for label, row in example_rows()
        for field in row._meta.concrete_fields
        if type(field) is kind and getattr(row, field.attname) is not None
    ]


def load_demo() -> tuple[dt.datetime, dt.datetime]:
    """The demo load, and the minutes it ran in."""
    started = timezone.now().replace(second=0, microsecond=0)
    call_command("load_minden", "--demo", stdout=io.StringIO())
    return started, timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=1)


def test_no_example_date_carries_the_load_time():
    started, ended = load_demo()
    moments = example_values(models.DateTimeField)
    assert len(moments) > 500
    during_load = [(label, name) for label, name, m in moments if started <= m <= ended]
    assert during_load == []
    today = timezone.localdate()
    days = example_values(models.DateField)
    assert days and not [(label, name) for label, name, d in days if d == today]


def test_example_times_of_day_differ_and_fit_who_acted():
    load_demo()
    updates = list(ProgressUpdate.objects.all())
    # The office reports progress on working days, during office hours.
    assert all(is_working_day(u.date) for u in updates)
    assert all(local(u.created_at).date() == u.date for u in updates)
    assert all(8 <= local(u.created_at).hour < 17 for u in updates)
    assert len({local(u.created_at).time() for u in updates}) > len(updates) // 2
    submitted = [local(a.submitted_at) for a in Amendment.objects.exclude(submitted_at=None)]
    assert len({(m.hour, m.minute) for m in submitted}) == len(submitted) >= 6
    # Members write after work or at lunch, now and then at the weekend.
    assert all(m.hour >= 17 or 12 <= m.hour < 14 for m in submitted)
    all_times = {local(m).strftime("%H:%M") for _l, _n, m in example_values(models.DateTimeField)}
    assert len(all_times) > 100


def test_the_example_process_runs_in_order_and_a_consultation_is_open():
    load_demo()
    first = ConceptVersion.objects.get(number=1)
    second = ConceptVersion.objects.get(number=2)
    v1 = first.amendments.exclude(submitted_at=None)
    assert all(first.created_at < a.submitted_at < first.consultation_ends_at for a in v1)
    assert all(first.consultation_ends_at < a.decided_at for a in v1.exclude(decided_at=None))
    assert local(first.consultation_ends_at).time() == dt.time(23, 59)
    held = [c.held_on for c in first.consultations.in_order()]
    assert first.presented_on <= held[0] <= held[1] and held == sorted(held)
    assert all(is_working_day(day) for day in [first.presented_on, *held])
    assert first.status_since == held[-1] < local(first.status_changed_at).date()
    assert all(u.date > first.status_since for u in ProgressUpdate.objects.all())
    assert second.status == VersionStatus.CONSULTATION
    assert second.status_changed_at < timezone.now() < second.consultation_ends_at
    assert local(second.consultation_ends_at).time() == dt.time(23, 59)
    in_review = second.amendments.get(status=AmendmentStatus.IN_REVIEW)
    assert in_review.submitted_at < in_review.updated_at < timezone.now()


def test_time_frames_and_priorities_are_not_equal_thirds():
    load_demo()
    for field in ("timeframe", "priority"):
        counts = Counter(Measure.objects.values_list(field, flat=True))
        assert len(counts) == 3, field
        assert max(counts.values()) - min(counts.values()) >= 6, (field, counts)
    # Urgent measures are more often short-term than the others.
    high = Measure.objects.filter(priority="high")
    low = Measure.objects.filter(priority="low")
    assert (
        high.filter(timeframe="short").count() / high.count()
        > low.filter(timeframe="short").count() / low.count()
    )


def test_sessions_cite_measures_of_their_own_group_most_from_the_second_round():
    load_demo()
    for slug in demo_data.GOALS:
        sessions = list(Session.objects.filter(working_group__slug=slug).order_by("round"))
        counts = []
        for session in sessions:
            measures = list(session.measures.order_by("number"))
            assert measures, session
            assert {m.working_group_id for m in measures} == {session.working_group_id}
            numbers = [m.number for m in measures]
            steps = {b - a for a, b in zip(numbers, numbers[1:], strict=False)}
            assert len(numbers) < 3 or len(steps) > 1, (session, numbers)  # not every n-th
            counts.append(len(measures))
        assert counts[1] > counts[2] and counts[1] > counts[0], (slug, counts)


def test_a_later_load_leaves_the_example_content_as_it_was():
    load_demo()

    def snapshot():
        return sorted(
            (label, row.pk, tuple(getattr(row, f.attname) for f in row._meta.concrete_fields))
            for label, row in example_rows()
        )

    before = snapshot()
    minden_load(demo=True, now=timezone.now() + dt.timedelta(days=9, hours=7))
    assert snapshot() == before


def test_the_anchor_is_a_working_day_with_a_working_day_for_version_1():
    # 2 May 2026 is a Saturday, after the 1 May holiday: the anchor moves back to Thursday.
    concept = minden_load().concept
    now = dt.datetime(2026, 5, 2, 3, 23, tzinfo=ZoneInfo("Europe/Berlin"))
    calendar = DemoCalendar.for_load(concept=concept, now=now)
    assert calendar.anchor == dt.date(2026, 4, 30)
    assert easter_sunday(2025) == dt.date(2025, 4, 20)
    assert easter_sunday(2026) == dt.date(2026, 4, 5)
    assert not is_working_day(dt.date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(dt.date(2026, 6, 4))  # Corpus Christi
    assert is_working_day(dt.date(2026, 4, 7))
