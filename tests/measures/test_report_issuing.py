"""Issuing the annual report: once per closed year, corrected by a numbered berichtigte Fassung
that names what changed; the task worker renders the files, every edition's files verify at
/echtheit/, and the first says it was superseded."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from pypdf import PdfReader

from measures.models import ImplementationReport, ImplementationReportFile
from measures.report_issuing import report_correct, report_issue
from tests.factories_measures import ProgressUpdateFactory
from tests.report_data import day, last_closed_year, report_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def year() -> int:
    return last_closed_year()


@pytest.fixture
def world(db, year):
    return report_world(year)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def issue(world, year, officer, capture):
    with capture(execute=True):
        return report_issue(concept=world["concept"], year=year, by=officer)


def correct(world, year, officer, capture, note="Meldung vom 30.11. nachgetragen"):
    with capture(execute=True):
        return report_correct(concept=world["concept"], year=year, note=note, by=officer)


def stored(report: ImplementationReport, fmt: str) -> bytes:
    issued = report.files.get(format=fmt)
    with issued.file.open("rb") as handle:
        return handle.read()


def test_only_a_closed_year_is_issued_and_only_once(world, year, officer):
    for open_year in (year + 1, year + 2):
        with pytest.raises(ValidationError, match="abgeschlossenes Jahr"):
            report_issue(concept=world["concept"], year=open_year, by=officer)
    report = report_issue(concept=world["concept"], year=year, by=officer)
    assert (report.year, report.edition, report.issued_by) == (year, 0, officer)
    with pytest.raises(ValidationError, match="schon herausgegeben"):
        report_issue(concept=world["concept"], year=year, by=officer)
    assert ImplementationReport.objects.count() == 1


def test_a_correction_needs_a_note_and_a_first_edition(world, year, officer):
    with pytest.raises(ValidationError, match="noch kein Umsetzungsbericht"):
        report_correct(concept=world["concept"], year=year, note="x", by=officer)
    report_issue(concept=world["concept"], year=year, by=officer)
    with pytest.raises(ValidationError) as refused:
        report_correct(concept=world["concept"], year=year, note="   ", by=officer)
    assert refused.value.message_dict == {"note": ["Bitte geben Sie an, was berichtigt wurde."]}


def test_an_edition_keeps_its_content_and_a_correction_names_what_changed(world, year, officer):
    first = report_issue(concept=world["concept"], year=year, by=officer)
    [measure] = world["measures"]
    # Reported late for the closed year: the first edition does not change.
    ProgressUpdateFactory(measure=measure, date=day(year, 12, 30), status="ongoing", note="Spät")
    first.refresh_from_db()
    assert first.data["summary"]["updates"] == 2
    second = report_correct(
        concept=world["concept"], year=year, note="Meldung nachgetragen", by=officer
    )
    third = report_correct(concept=world["concept"], year=year, note="Tippfehler", by=officer)
    assert [second.edition, third.edition] == [1, 2]
    assert second.title == f"Umsetzungsbericht {year}, berichtigte Fassung 1"
    assert second.data["summary"]["updates"] == 3
    assert second.data["changes"] == [measure.number]
    assert third.data["changes"] == []
    assert first.data["changes"] == []


def test_files_are_rendered_by_the_task_and_both_editions_verify(
    world, year, officer, media, tasks_run, client, django_capture_on_commit_callbacks
):
    first = issue(world, year, officer, django_capture_on_commit_callbacks)
    assert set(first.files.values_list("format", flat=True)) == {"pdf", "docx", "odt"}
    pdf = stored(first, "pdf")
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    ).replace("\u2010 ", "")
    assert f"Umsetzungsbericht {year}" in text
    assert "Erste Kurse laufen" in text
    assert "Folgejahr" not in text
    docx = Document(io.BytesIO(stored(first, "docx")))
    cells = {cell.text for table in docx.tables for row in table.rows for cell in row.cells}
    assert "umgesetzt" in cells
    with zipfile.ZipFile(io.BytesIO(stored(first, "odt"))) as odt:
        assert "Abgeschlossen" in odt.read("content.xml").decode()

    second = correct(world, year, officer, django_capture_on_commit_callbacks)
    assert second.files.count() == 3
    assert stored(second, "pdf") != pdf

    # Both verify; the first says it was superseded and links the newer one.
    old = client.post("/echtheit/", {"pruefsumme": hashlib.sha256(pdf).hexdigest()})
    assert old.status_code == 200
    page = old.content.decode()
    assert f"Umsetzungsbericht {year}, Format PDF" in page
    assert "ersetzt durch" in page
    assert f'href="/umsetzung/bericht/{year}/fassung/1/"' in page
    newer = ImplementationReportFile.objects.get(report=second, format="odt")
    upload = io.BytesIO(stored(second, "odt"))
    upload.name = "bericht.odt"
    new = client.post("/echtheit/", {"datei": upload})
    assert new.status_code == 200
    page = new.content.decode()
    assert "Diese Datei hat die Stadt Minden ausgestellt" in page
    assert "berichtigte Fassung 1" in page
    assert newer.sha512 in page
    assert "ersetzt durch" not in page


def test_an_unknown_file_is_not_a_report(world, year, officer, client):
    report_issue(concept=world["concept"], year=year, by=officer)
    response = client.post("/echtheit/", {"pruefsumme": "ab" * 32})
    assert "keine Datei, die die Stadt" in response.content.decode()


def test_an_update_hidden_after_issuing_leaves_the_edition_and_the_correction_drops_it(
    world, year, officer
):
    first = report_issue(concept=world["concept"], year=year, by=officer)
    latest = world["in_year"][-1]
    latest.review = "hidden"
    latest.public_reason = "Doppelt gemeldet"
    latest.save()
    second = report_correct(
        concept=world["concept"], year=year, note="Doppelte Meldung", by=officer
    )
    [before] = [m for g in first.data["groups"] for goal in g["goals"] for m in goal["measures"]]
    [after] = [m for g in second.data["groups"] for goal in g["goals"] for m in goal["measures"]]
    assert [u["note"] for u in before["updates"]] == ["Erste Kurse laufen", "Abgeschlossen"]
    assert before["status"] == "implemented"
    assert [u["note"] for u in after["updates"]] == ["Erste Kurse laufen"]
    assert after["status"] == "in_progress"
    assert after["indicators"][0]["value"] == "8"
    assert second.data["changes"] == [world["measures"][0].number]


def test_the_english_page_keeps_the_german_content_marked_german(world, year, officer, client):
    report_issue(concept=world["concept"], year=year, by=officer)
    response = client.get(f"/en/umsetzung/bericht/{year}/")
    assert response.status_code == 200
    assert '<p lang="de">Zum 31. Dezember' in response.content.decode()
