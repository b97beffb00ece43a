"""The report's public pages: the newest edition at /umsetzung/bericht/<year>/, each edition at
its own address, files served as stored, and the query count independent of the measures."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import ImplementationReportFile
from measures.report_issuing import report_correct, report_file_issue, report_issue
from tests.report_data import last_closed_year, monitored, report_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def year() -> int:
    return last_closed_year()


@pytest.fixture
def world(db, year):
    return report_world(year)


def test_the_page_shows_the_newest_edition_and_the_earlier_says_it_was_replaced(
    world, year, officer, client
):
    report_issue(concept=world["concept"], year=year, by=officer)
    report_correct(concept=world["concept"], year=year, note="Nachtrag der AG", by=officer)
    newest = client.get(f"/umsetzung/bericht/{year}/")
    assert newest.status_code == 200
    page = newest.content.decode()
    assert f'<h1 id="report-heading">Umsetzungsbericht {year}, berichtigte Fassung 1</h1>' in page
    assert "Nachtrag der AG" in page
    assert "Erste Kurse laufen" in page
    assert "Folgejahr" not in page
    assert 'role="img"' in page and "<title " in page
    assert "ersetzt durch" not in page
    first = client.get(f"/umsetzung/bericht/{year}/fassung/0/")
    assert first.status_code == 200
    page = first.content.decode()
    assert "ersetzt durch" in page
    assert f'href="/umsetzung/bericht/{year}/fassung/1/"' in page
    listing = client.get("/umsetzung/berichte/").content.decode()
    assert f"Umsetzungsbericht {year}, berichtigte Fassung 1" in listing


def test_a_year_or_edition_without_a_report_is_not_found(world, year, officer, client):
    assert client.get(f"/umsetzung/bericht/{year}/").status_code == 404
    report_issue(concept=world["concept"], year=year, by=officer)
    assert client.get(f"/umsetzung/bericht/{year}/fassung/1/").status_code == 404
    assert client.get(f"/umsetzung/bericht/{year - 1}/").status_code == 404
    assert client.get(f"/umsetzung/bericht/{year}/fassung/0/download/exe/").status_code == 404


def test_a_download_serves_the_stored_file_or_says_it_is_being_made(
    world, year, officer, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    report = report_issue(concept=world["concept"], year=year, by=officer)
    url = f"/umsetzung/bericht/{year}/fassung/0/download/odt/"
    pending = client.get(url)
    assert pending.status_code == 202
    assert pending["Retry-After"]
    issued = report_file_issue(report, "odt")
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == issued.sha256
    assert response["ETag"] == f'"{issued.sha256}"'
    assert f"minden-umsetzungsbericht-{year}.odt" in response["Content-Disposition"]
    # Issued once: a second run records nothing more.
    assert report_file_issue(report, "odt") is None
    assert ImplementationReportFile.objects.filter(report=report).count() == 1


def test_the_report_page_takes_the_same_queries_at_ten_times_the_measures(
    world, year, officer, client, django_assert_num_queries
):
    report_issue(concept=world["concept"], year=year, by=officer)
    url = f"/umsetzung/bericht/{year}/"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    # Read now: the next request clears the connection's log of queries.
    queries = len(small)
    assert queries
    ImplementationReportFile.objects.all().delete()
    from measures.models import ImplementationReport

    ImplementationReport.objects.all().delete()
    monitored(world["concept"], year, measures=10, prefix="B ")
    report = report_issue(concept=world["concept"], year=year, by=officer)
    assert report.data["summary"]["measures"] == 11
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.content.decode().count('class="report-update"') == 22
