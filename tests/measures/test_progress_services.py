"""A measure's status and its indicators follow only what is published: accepted, corrected,
hidden and waiting updates (issue 17)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from measures.models import (
    Indicator,
    IndicatorValue,
    Measure,
    MeasureContact,
    MeasureStatus,
    ProgressUpdate,
    ReviewState,
)
from measures.progress import (
    progress_accept,
    progress_correct,
    progress_hide,
    progress_record,
    progress_report,
)
from tests.factories import MeasureFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(officer):
    measure = MeasureFactory(number=37, title="Berufsbezogene Sprachkurse ausbauen")
    courses = Indicator.objects.create(
        measure=measure, name="Sprachkurse", unit="Kurse", baseline=4, target=20
    )
    contact = MeasureContact.objects.create(
        measure=measure,
        user=UserFactory(username="kontakt@bildungswerk.example"),
        organisation=OrganisationFactory(name="Bildungswerk an der Weser"),
    )
    return {"measure": measure, "courses": courses, "contact": contact, "officer": officer}


def current(indicator: Indicator):
    return Indicator.objects.with_current().get(pk=indicator.pk)


def status_of(measure: Measure) -> str:
    measure.refresh_from_db()
    return measure.status


def test_status_and_indicator_follow_only_published_updates(world):
    measure, courses, contact, officer = world.values()
    first = progress_record(
        measure=measure,
        status=MeasureStatus.IN_PROGRESS,
        date=dt.date(2012, 3, 1),
        by=officer,
        values={courses: 8},
    )
    assert first.review == ReviewState.PUBLISHED and first.reviewed_by == officer
    reported = progress_report(
        contact=contact,
        status=MeasureStatus.IMPLEMENTED,
        note="Alle Kurse laufen.",
        date=dt.date(2012, 6, 1),
        values={courses: Decimal("12")},
    )

    # Waiting for review: counts for nothing public.
    assert reported.review == ReviewState.PENDING
    assert reported.reported_for == contact.organisation
    assert status_of(measure) == MeasureStatus.IN_PROGRESS
    assert current(courses).current_value == 8

    progress_accept(update=reported, by=officer)
    assert status_of(measure) == MeasureStatus.IMPLEMENTED
    assert (current(courses).current_value, current(courses).current_date) == (
        12,
        dt.date(2012, 6, 1),
    )

    # Corrected later: the correction is what counts.
    progress_correct(
        update=reported,
        by=officer,
        reason="Zwei Kurse sind ausgefallen.",
        status=MeasureStatus.IN_PROGRESS,
        note="Zehn Kurse laufen.",
        values={courses: Decimal("10")},
    )
    reported.refresh_from_db()
    assert reported.public_reason == "Zwei Kurse sind ausgefallen."
    assert status_of(measure) == MeasureStatus.IN_PROGRESS
    assert current(courses).current_value == 10

    # A newer one waiting changes nothing; hiding the corrected one falls back to the first.
    waiting = progress_report(
        contact=contact, status=MeasureStatus.DROPPED, note="?", date=dt.date(2012, 9, 1)
    )
    progress_hide(update=reported, by=officer, reason="Doppelt gemeldet.")
    assert status_of(measure) == MeasureStatus.IN_PROGRESS
    assert current(courses).current_value == 8
    assert current(courses).current_date == dt.date(2012, 3, 1)
    waiting.refresh_from_db()
    assert waiting.review == ReviewState.PENDING


def test_hiding_the_only_update_returns_the_measure_to_planned(world):
    measure, _courses, _contact, officer = world.values()
    update = progress_record(measure=measure, status=MeasureStatus.ONGOING, by=officer)
    assert status_of(measure) == MeasureStatus.ONGOING

    progress_hide(update=update, by=officer, reason="Falsche Maßnahme.")

    assert status_of(measure) == MeasureStatus.PLANNED


def test_with_review_off_a_contacts_update_is_published_at_once(world, settings):
    settings.PORTAL_PROGRESS_REVIEW = False
    measure, _courses, contact, _officer = world.values()

    update = progress_report(contact=contact, status=MeasureStatus.IN_PROGRESS, note="Start")

    assert update.review == ReviewState.PUBLISHED
    assert status_of(measure) == MeasureStatus.IN_PROGRESS


def test_hiding_and_correcting_need_a_public_reason(world):
    measure, _courses, _contact, officer = world.values()
    update = progress_record(measure=measure, status=MeasureStatus.IN_PROGRESS, by=officer)

    with pytest.raises(ValidationError, match="öffentliche Begründung"):
        progress_hide(update=update, by=officer, reason="  ")
    with pytest.raises(ValidationError, match="öffentliche Begründung"):
        progress_correct(
            update=update, by=officer, reason="", status=MeasureStatus.DROPPED, note=""
        )
    update.refresh_from_db()
    assert (update.review, update.status) == (ReviewState.PUBLISHED, MeasureStatus.IN_PROGRESS)


def test_a_correction_that_changes_nothing_is_refused(world):
    measure, courses, _contact, officer = world.values()
    update = progress_record(
        measure=measure, status=MeasureStatus.IN_PROGRESS, note="x", by=officer, values={courses: 5}
    )
    with pytest.raises(ValidationError, match="ändert nichts"):
        progress_correct(
            update=update,
            by=officer,
            reason="Tippfehler",
            status=MeasureStatus.IN_PROGRESS,
            note="x",
            values={courses: Decimal("5")},
        )


def test_an_indicator_of_another_measure_is_refused(world):
    measure, _courses, _contact, officer = world.values()
    other = Indicator.objects.create(measure=MeasureFactory(), name="X", unit="x", target=3)

    with pytest.raises(ValidationError, match="anderen Maßnahme"):
        progress_record(
            measure=measure, status=MeasureStatus.IN_PROGRESS, by=officer, values={other: 1}
        )
    assert not ProgressUpdate.objects.exists()


def test_the_audit_trail_keeps_the_correction_and_its_reason(world):
    measure, courses, _contact, officer = world.values()
    update = progress_record(
        measure=measure, status=MeasureStatus.IMPLEMENTED, by=officer, values={courses: 20}
    )
    reason = "Die Zahl der Kurse war zu hoch gemeldet; richtig sind 14. " * 3

    progress_correct(
        update=update,
        by=officer,
        reason=reason,
        status=MeasureStatus.IN_PROGRESS,
        note="Vierzehn Kurse.",
        values={courses: Decimal("14")},
    )

    newest, before = update.history.order_by("-history_date", "-history_id")[:2]
    assert newest.history_change_reason == reason.strip()[:100]
    assert newest.public_reason == reason.strip()
    assert (before.status, newest.status) == (MeasureStatus.IMPLEMENTED, MeasureStatus.IN_PROGRESS)
    value = IndicatorValue.objects.get(update=update)
    values = value.history.order_by("-history_date", "-history_id")
    assert [v.value for v in values] == [14, 20]
    assert values[0].history_change_reason == reason.strip()[:100]


def test_the_art_15_report_holds_the_contacts_measures_and_reports(world):
    from minden_integration.accounts.personal_data import personal_data_for_user

    measure, _courses, contact, _officer = world.values()
    progress_report(contact=contact, status=MeasureStatus.IN_PROGRESS, note="Kurse laufen.")

    report = personal_data_for_user(user=contact.user)

    sections = {section.key: section for section in report.sections}
    assert [row["measure"] for row in sections["measure_contacts"].rows] == [str(measure)]
    assert [row["note"] for row in sections["progress_updates"].rows] == ["Kurse laufen."]
    assert "progress_contacts" in {p.key for p in report.processings}
