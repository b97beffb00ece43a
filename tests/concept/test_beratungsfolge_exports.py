"""The files say what the version page says: "Status seit" is the body's date, the
Beratungsfolge lists planned and held Beratungen alike, and the time of freezing is marked as
a technical timestamp. Rendered through the renderers directly (nothing is issued)."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from docx import Document
from odf import table as odf_table
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as odf_load
from pypdf import PdfReader

from concept.exports import render_version
from concept.models import BodyKind, ConsultationResult
from concept.models import ConsultationRole as Role
from concept.services import PlannedStep, consultation_record, version_present
from tests.factories import BodyFactory

PRESENTED = dt.date(2025, 1, 20)
ADVISED = dt.date(2025, 2, 10)
DECIDED = dt.date(2025, 3, 18)
HEADERS = ["Schritt", "Gremium", "Rolle", "Geplant am", "TOP", "Beraten am", "Ergebnis"]


def record(version, body_name, result, held_on):
    consultation = version.consultations.planned().filter(body__name=body_name).first()
    consultation_record(consultation=consultation, result=result, held_on=held_on)


@pytest.fixture
def planned_on():
    return timezone.localdate() + dt.timedelta(days=30)


@pytest.fixture
def in_review(concept, draft, planned_on):
    """Presented on PRESENTED; the Integrationsrat advised on ADVISED, two committees in
    parallel and the council still to come."""
    committees = [
        BodyFactory(concept=concept, name=name, kind=BodyKind.COMMITTEE, position=position)
        for position, name in ((3, "Schulausschuss"), (4, "Sozialausschuss"))
    ]
    advisory, council = concept.bodies.get(kind="advisory"), concept.bodies.get(kind="council")
    steps = [
        PlannedStep(body=advisory, role=Role.PRELIMINARY, step=1, planned_on=ADVISED),
        *(
            PlannedStep(body=c, role=Role.PRELIMINARY, step=2, planned_on=planned_on)
            for c in committees
        ),
        PlannedStep(body=council, role=Role.DECISION, step=3, agenda_item="TOP 7"),
    ]
    version_present(
        version=draft,
        council_paper_reference="DS 123/2025",
        paper_url="https://ris.example.org/vorlage/123",
        presented_on=PRESENTED,
        steps=steps,
    )
    record(draft, "Integrationsrat", ConsultationResult.RECOMMENDED, ADVISED)
    draft.refresh_from_db()
    return draft


@pytest.fixture
def decided(in_review, planned_on):
    for name in ("Schulausschuss", "Sozialausschuss"):
        record(in_review, name, ConsultationResult.RECOMMENDED, ADVISED + dt.timedelta(days=7))
    record(in_review, "Rat der Stadt", ConsultationResult.DECIDED, DECIDED)
    in_review.refresh_from_db()
    return in_review


def docx_facts_and_beratungsfolge(version):
    document = Document(io.BytesIO(render_version(version, "docx")))
    facts = {
        row.cells[0].text: row.cells[1].text
        for row in document.tables[0].rows
        if len(row.cells) == 2
    }
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Schritt")
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    return facts, rows


def odt_facts_and_beratungsfolge(version):
    document = odf_load(io.BytesIO(render_version(version, "odt")))
    facts = {}
    for paragraph in document.getElementsByType(odf_text.P):
        label, _sep, value = teletype.extractText(paragraph).partition(": ")
        if value:
            facts.setdefault(label, value)
    for table in document.getElementsByType(odf_table.Table):
        rows = [
            [teletype.extractText(c) for c in row.getElementsByType(odf_table.TableCell)]
            for row in table.getElementsByType(odf_table.TableRow)
        ]
        if rows and rows[0][0] == "Schritt":
            return facts, rows
    raise AssertionError("no Beratungsfolge table")


@pytest.mark.parametrize("read", [docx_facts_and_beratungsfolge, odt_facts_and_beratungsfolge])
def test_docx_and_odt_list_planned_and_held_beratungen_with_their_dates(
    in_review, planned_on, read
):
    facts, rows = read(in_review)
    assert facts["Status"] == "In Beratung der Gremien"
    assert facts["Status seit"] == "20. Januar 2025"
    assert facts["Den Gremien vorgelegt am"] == "20. Januar 2025"
    assert facts["Drucksache"].startswith("DS 123/2025")
    assert "https://ris.example.org/vorlage/123" in facts["Drucksache"]
    assert facts["Text eingefroren am"].endswith("(technischer Zeitstempel)")
    planned = planned_on.strftime("%d.%m.%Y")
    assert rows == [
        HEADERS,
        ["1", "Integrationsrat", "Vorberatung", "10.02.2025", "–", "10.02.2025", "empfohlen"],
        ["2 (parallel)", "Schulausschuss", "Vorberatung", planned, "–", "–", "geplant"],
        ["2 (parallel)", "Sozialausschuss", "Vorberatung", planned, "–", "–", "geplant"],
        ["3", "Rat der Stadt", "Entscheidung", "–", "TOP 7", "–", "geplant"],
    ]


@pytest.mark.parametrize("read", [docx_facts_and_beratungsfolge, odt_facts_and_beratungsfolge])
def test_after_the_councils_decision_the_files_date_the_status_from_its_meeting(decided, read):
    facts, rows = read(decided)
    assert facts["Status"] == "Vom Rat beschlossen"
    assert facts["Status seit"] == "18. März 2025"
    assert rows[-1][-2:] == ["18.03.2025", "beschlossen"]


def test_the_pdf_title_page_says_the_same(decided):
    reader = PdfReader(io.BytesIO(render_version(decided, "pdf")))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages[:2])
    assert re.search(r"Status seit\s*18\. März 2025", text)
    assert re.search(r"Den Gremien vorgelegt am\s*20\. Januar 2025", text)
    assert "DS 123/2025" in text
    assert "(technischer Zeitstempel)" in text
    for expected in ("Beratungsfolge", "Beraten am", "2 (parallel)", "10.02.2025", "17.02.2025"):
        assert expected in text, expected
    assert "18.03.2025" in text and "beschlossen" in text
    assert "Eingefroren am" not in text.replace("Text eingefroren am", "")
