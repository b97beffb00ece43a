"""The officer issues the annual report and its berichtigte Fassung from the admin, each a
confirmed POST; the clerk sees the register but issues nothing."""

import pytest

from measures.models import ImplementationReport
from tests.report_data import last_closed_year, report_world

pytestmark = pytest.mark.django_db

LIST = "/admin/measures/implementationreport/"
ISSUE = LIST + "issue/"


@pytest.fixture
def year() -> int:
    return last_closed_year()


@pytest.fixture
def world(db, year):
    return report_world(year)


def test_the_officer_issues_the_report_after_confirming(world, year, officer_client, officer):
    listing = officer_client.get(LIST)
    assert listing.status_code == 200
    assert f'href="{ISSUE}"' in listing.content.decode()
    page = officer_client.get(ISSUE)
    assert page.status_code == 200
    assert f'<option value="{year}">' in page.content.decode()
    # Asking is not issuing.
    assert not ImplementationReport.objects.exists()
    response = officer_client.post(ISSUE, {"year": year})
    report = ImplementationReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{report.pk}/change/"
    assert (report.year, report.edition, report.issued_by) == (year, 0, officer)
    # The year is gone from the choices: issued once.
    again = officer_client.post(ISSUE, {"year": year})
    assert again.status_code == 400
    assert ImplementationReport.objects.count() == 1


def test_a_correction_needs_a_note_and_issues_the_next_edition(world, year, officer_client):
    officer_client.post(ISSUE, {"year": year})
    first = ImplementationReport.objects.get()
    change = officer_client.get(f"{LIST}{first.pk}/change/")
    correct = f"{LIST}{first.pk}/correct/"
    assert f'href="{correct}"' in change.content.decode()
    refused = officer_client.post(correct, {"note": ""})
    assert refused.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in refused.content.decode()
    assert ImplementationReport.objects.count() == 1
    response = officer_client.post(correct, {"note": "Meldung der Volkshochschule nachgetragen"})
    assert response.status_code == 302
    second = ImplementationReport.objects.get(edition=1)
    assert second.correction_note == "Meldung der Volkshochschule nachgetragen"
    assert second.title == f"Umsetzungsbericht {year}, berichtigte Fassung 1"


def test_the_clerk_sees_the_register_but_issues_nothing(world, year, clerk_client, officer):
    from measures.report_issuing import report_issue

    report = report_issue(concept=world["concept"], year=year, by=officer)
    listing = clerk_client.get(LIST)
    assert listing.status_code == 200
    assert ISSUE not in listing.content.decode()
    assert clerk_client.get(f"{LIST}{report.pk}/change/").status_code == 200
    assert clerk_client.get(ISSUE).status_code == 403
    assert clerk_client.post(ISSUE, {"year": year - 1}).status_code == 403
    assert clerk_client.post(f"{LIST}{report.pk}/correct/", {"note": "x"}).status_code == 403
    assert ImplementationReport.objects.count() == 1


def test_the_officer_records_when_a_body_took_note(world, year, officer_client, officer):
    import datetime as dt

    from measures.report_issuing import report_issue
    from tests.factories import BodyFactory

    council = BodyFactory(concept=world["concept"], name="Rat der Stadt", default_step=2)
    BodyFactory(concept=world["concept"], name="Ohne Beratungsfolge", default_step=None)
    report = report_issue(concept=world["concept"], year=year, by=officer)
    [consultation] = report.consultations.all()
    assert consultation.body == council
    url = f"/admin/measures/implementationreportconsultation/{consultation.pk}/change/"
    response = officer_client.post(url, {"held_on": f"{year + 1}-02-03", "agenda_item": "TOP 4"})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert (consultation.held_on, consultation.agenda_item) == (dt.date(year + 1, 2, 3), "TOP 4")
