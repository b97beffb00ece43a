"""The officer reviews progress in the admin: accept, hide and correct with a public reason,
and sees in "Was ansteht" what waits and which measures have gone quiet (issue 17)."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from measures.models import (
    Indicator,
    IndicatorValue,
    Measure,
    MeasureContact,
    MeasureStatus,
    ReviewState,
)
from measures.progress import progress_record, progress_report
from tests.factories import ConceptFactory, MeasureFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/measures/progressupdate/"


@pytest.fixture
def waiting():
    measure = MeasureFactory(concept=ConceptFactory(slug="minden"), number=5)
    courses = Indicator.objects.create(measure=measure, name="Kurse", unit="Kurse", target=10)
    contact = MeasureContact.objects.create(
        measure=measure, user=UserFactory(), organisation=OrganisationFactory()
    )
    update = progress_report(
        contact=contact, status=MeasureStatus.IN_PROGRESS, note="Läuft.", values={courses: 3}
    )
    return {"measure": measure, "courses": courses, "update": update}


def test_the_officer_accepts_waiting_updates(officer_client, waiting):
    response = officer_client.post(
        CHANGELIST, {"action": "accept", ACTION_CHECKBOX_NAME: [waiting["update"].pk]}
    )

    assert response.status_code == 302
    waiting["update"].refresh_from_db()
    assert waiting["update"].review == ReviewState.PUBLISHED
    assert Measure.objects.get(pk=waiting["measure"].pk).status == MeasureStatus.IN_PROGRESS


def test_hiding_asks_for_a_public_reason_first(officer_client, waiting):
    update = waiting["update"]
    selected = {"action": "hide", ACTION_CHECKBOX_NAME: [update.pk]}

    page = officer_client.post(CHANGELIST, selected)
    empty = officer_client.post(CHANGELIST, selected | {"apply": "1", "public_reason": ""})
    update.refresh_from_db()
    assert page.status_code == 200 and "Öffentliche Begründung" in page.content.decode()
    assert empty.status_code == 400
    assert "Bitte geben Sie eine öffentliche Begründung an." in empty.content.decode()
    assert update.review == ReviewState.PENDING

    done = officer_client.post(
        CHANGELIST, selected | {"apply": "1", "public_reason": "Gehört zu Maßnahme 6."}
    )

    assert done.status_code == 302
    update.refresh_from_db()
    assert (update.review, update.public_reason) == (ReviewState.HIDDEN, "Gehört zu Maßnahme 6.")


def test_correcting_needs_a_reason_and_changes_status_and_values(officer_client, waiting):
    update, courses = waiting["update"], waiting["courses"]
    url = reverse("admin:measures_progressupdate_correct", args=[update.pk])
    assert (
        url
        in officer_client.get(
            reverse("admin:measures_progressupdate_change", args=[update.pk])
        ).content.decode()
    )
    data = {"status": MeasureStatus.IMPLEMENTED, "note": "Fertig.", f"indicator_{courses.pk}": "10"}

    refused = officer_client.post(url, data)
    done = officer_client.post(url, data | {"public_reason": "Nachgereicht vom Träger."})

    assert refused.status_code == 400
    assert done.status_code == 302
    update.refresh_from_db()
    assert (update.status, update.review, update.public_reason) == (
        MeasureStatus.IMPLEMENTED,
        ReviewState.PUBLISHED,
        "Nachgereicht vom Träger.",
    )
    assert update.indicator_values.get().value == 10
    assert Measure.objects.get(pk=waiting["measure"].pk).status == MeasureStatus.IMPLEMENTED


def test_clerks_may_not_review(clerk_client, waiting):
    update = waiting["update"]
    url = reverse("admin:measures_progressupdate_correct", args=[update.pk])
    assert clerk_client.get(url).status_code == 403
    clerk_client.post(CHANGELIST, {"action": "accept", ACTION_CHECKBOX_NAME: [update.pk]})
    update.refresh_from_db()
    assert update.review == ReviewState.PENDING


def test_adding_an_indicator_value_corrects_its_update_with_a_reason(officer_client, waiting):
    update, courses = waiting["update"], waiting["courses"]
    add = reverse("admin:measures_indicatorvalue_add")
    data = {"update": update.pk, "indicator": courses.pk, "value": "4"}

    assert officer_client.post(add, data).status_code == 200  # the form asks for the reason
    officer_client.post(add, data | {"public_reason": "Ein Kurs fehlte."})

    assert IndicatorValue.objects.get(update=update).value == 4
    update.refresh_from_db()
    assert update.public_reason == "Ein Kurs fehlte."


def test_was_ansteht_lists_waiting_updates_and_quiet_measures(officer_client, waiting, settings):
    settings.PORTAL_PROGRESS_STALE_DAYS = 30
    old = timezone.localdate() - dt.timedelta(days=60)
    quiet = MeasureFactory(concept=waiting["measure"].concept, number=6, title="Jobbörse")
    progress_record(measure=quiet, status=MeasureStatus.IN_PROGRESS, date=old)
    recent = MeasureFactory(concept=quiet.concept, number=7, title="Sprachcafé")
    progress_record(measure=recent, status=MeasureStatus.IN_PROGRESS)
    done = MeasureFactory(concept=quiet.concept, number=8, title="Elternlotsen")
    progress_record(measure=done, status=MeasureStatus.IMPLEMENTED, date=old)

    page = officer_client.get("/admin/").content.decode()

    assert "1 Meldung wartet seit" in page
    assert f"{CHANGELIST}?review__exact=pending" in page
    assert "Jobbörse" in page
    assert "Sprachcafé" not in page and "Elternlotsen" not in page
    changelist = officer_client.get("/admin/measures/measure/", {"meldung": "ueberfaellig"})
    assert list(changelist.context["cl"].result_list) == [quiet]
