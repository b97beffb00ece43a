"""A contact reports progress from "Mein Konto" for their own measures only; the public
measure page shows what was published, as the organisation, never the person (issue 17)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from measures.models import (
    Indicator,
    MeasureContact,
    MeasureStatus,
    ProgressUpdate,
    ReviewState,
)
from measures.progress import progress_accept, progress_correct, progress_hide, progress_record
from tests.factories import ConceptFactory, MeasureFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/konto/massnahmen/"


def form_url(number: int) -> str:
    return f"/konto/massnahmen/{number}/fortschritt/"


@pytest.fixture
def world():
    concept = ConceptFactory(slug="minden")
    measure = MeasureFactory(concept=concept, number=37, title="Berufsbezogene Sprachkurse")
    other = MeasureFactory(
        concept=concept, number=38, title="Jobbörse", working_group=measure.working_group
    )
    courses = Indicator.objects.create(
        measure=measure, name="Sprachkurse", unit="Kurse", baseline=4, target=20
    )
    user = UserFactory(username="kontakt@bildungswerk.example", first_name="Gerda")
    contact = MeasureContact.objects.create(
        measure=measure, user=user, organisation=OrganisationFactory(name="Bildungswerk Weser")
    )
    return {
        "measure": measure,
        "other": other,
        "courses": courses,
        "user": user,
        "contact": contact,
    }


def valid(courses, **changes) -> dict:
    data = {
        "date": timezone.localdate().strftime("%d.%m.%Y"),
        "status": MeasureStatus.IN_PROGRESS,
        "note": "Zwölf Kurse laufen.",
        f"indicator_{courses.pk}": "12",
    }
    return data | changes


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    for url in (LIST, form_url(37)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/anmelden/")


def test_a_contact_sees_only_their_measures(client, world):
    client.force_login(world["user"])

    page = client.get(LIST).content.decode()

    assert "Berufsbezogene Sprachkurse" in page and form_url(37) in page
    assert "Jobbörse" not in page
    assert client.get(form_url(38)).status_code == 404
    assert client.post(form_url(38), valid(world["courses"])).status_code == 404
    assert client.get(form_url(999)).status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_someone_who_is_no_contact_gets_404_for_every_measure(client, world, member):
    client.force_login(member)
    assert client.get(form_url(37)).status_code == 404
    assert "keine Maßnahme" in client.get(LIST).content.decode()


def test_mein_konto_leads_a_contact_to_their_measures(client, world):
    client.force_login(world["user"])
    page = client.get("/konto/").content.decode()
    assert "Meine Maßnahmen" in page and LIST in page
    assert "Keine Arbeitsgruppe" not in page


def test_a_contacts_update_waits_for_review_and_then_shows_as_the_organisation(client, world):
    client.force_login(world["user"])
    page = client.get(form_url(37))
    assert page.status_code == 200
    assert f'name="indicator_{world["courses"].pk}"' in page.content.decode()

    response = client.post(form_url(37), valid(world["courses"]))

    assert response.status_code == 302 and response["Location"] == LIST
    update = ProgressUpdate.objects.get()
    assert (update.review, update.recorded_by, update.reported_for) == (
        ReviewState.PENDING,
        world["user"],
        world["contact"].organisation,
    )
    assert update.indicator_values.get().value == 12
    public = client.get("/massnahmen/37/").content.decode()
    assert "Zwölf Kurse laufen." not in public and "noch kein Wert gemeldet" in public

    progress_accept(update=update, by=UserFactory())

    public = client.get("/massnahmen/37/").content.decode()
    assert "Zwölf Kurse laufen." in public
    assert "12 von 20 Kurse" in public and "Ausgangswert 4" in public
    assert "Bildungswerk Weser" in public
    assert "Gerda" not in public and "kontakt@bildungswerk.example" not in public


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"note": ""}, "note", "Bitte schreiben Sie einen kurzen Bericht."),
        ({"status": "fertig"}, "status", "Bitte wählen Sie einen der angebotenen"),
        ({"date": "31.02.2012"}, "date", "Bitte geben Sie ein Datum im Format TT.MM.JJJJ an."),
        ({"date": "01.01.2999"}, "date", "Das Datum liegt in der Zukunft."),
        ({"indicator": "zwölf"}, "indicator", "Bitte geben Sie eine Zahl ein"),
        ({"indicator": "1,234"}, "indicator", "höchstens zwei Nachkommastellen"),
    ],
)
def test_bad_input_is_explained_in_german_and_nothing_is_stored(
    client, world, changes, field, message
):
    client.force_login(world["user"])
    courses = world["courses"]
    if "indicator" in changes:
        changes = {f"indicator_{courses.pk}": changes["indicator"]}
        field = f"indicator_{courses.pk}"

    response = client.post(form_url(37), valid(courses, **changes))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_comma_decimal_is_a_number(client, world):
    client.force_login(world["user"])
    courses = world["courses"]
    client.post(form_url(37), valid(courses, **{f"indicator_{courses.pk}": "12,5"}))
    assert ProgressUpdate.objects.get().indicator_values.get().value == Decimal("12.5")


def test_the_public_page_shows_corrections_and_hidden_updates_by_their_reason(client, world):
    officer = UserFactory()
    measure, courses = world["measure"], world["courses"]
    kept = progress_record(
        measure=measure,
        status=MeasureStatus.IN_PROGRESS,
        note="Acht Kurse.",
        date=dt.date(2012, 3, 1),
        by=officer,
        values={courses: 8},
    )
    hidden = progress_record(
        measure=measure,
        status=MeasureStatus.IMPLEMENTED,
        note="Alles erledigt.",
        date=dt.date(2012, 6, 1),
        by=officer,
    )
    progress_correct(
        update=kept,
        by=officer,
        reason="Es waren neun Kurse.",
        status=MeasureStatus.IN_PROGRESS,
        note="Neun Kurse.",
        values={courses: Decimal(9)},
    )
    progress_hide(update=hidden, by=officer, reason="Versehentlich gemeldet.")

    page = client.get("/massnahmen/37/").content.decode()

    assert "Alles erledigt." not in page
    assert "ausgeblendet" in page and "Versehentlich gemeldet." in page
    assert "Neun Kurse." in page and "Es waren neun Kurse." in page
    assert "9 von 20 Kurse" in page
    assert "<strong>in Umsetzung</strong>" in page


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_contacts_pages_keep_their_query_count_as_data_grows(client, world):
    user, measure = world["user"], world["measure"]
    client.force_login(user)
    small = (count_queries(client, LIST), count_queries(client, form_url(37)))
    for number in range(40, 45):
        extra = MeasureFactory(concept=measure.concept, number=number)
        MeasureContact.objects.create(
            measure=extra, user=user, organisation=world["contact"].organisation
        )
        progress_record(measure=extra, status=MeasureStatus.IN_PROGRESS)
    for position in range(4):
        indicator = Indicator.objects.create(
            measure=measure, name=f"Zahl {position}", unit="x", target=9, position=position
        )
        progress_record(
            measure=measure, status=MeasureStatus.IN_PROGRESS, values={indicator: position}
        )
    large = (count_queries(client, LIST), count_queries(client, form_url(37)))
    assert small == large


def test_the_officer_picks_a_contacts_account_from_the_accounts(officer_client, world):
    response = officer_client.get(
        "/admin/autocomplete/",
        {
            "term": "bildungswerk",
            "app_label": "measures",
            "model_name": "measurecontact",
            "field_name": "user",
        },
    )
    assert [int(r["id"]) for r in response.json()["results"]] == [world["user"].pk]
    page = officer_client.get(f"/admin/measures/measure/{world['measure'].pk}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Ansprechstellen" in content and "Indikatoren" in content
