"""The annual implementation report in OParl: a Paper (Mitteilungsvorlage) with its issued
files and a Kenntnisnahme Consultation per body of the usual Beratungsfolge."""

from measures.report_issuing import report_correct
from tests.oparl.conftest import issue_report_file
from tests.oparl.crawl import ROOT, get_json


def test_the_issued_report_is_a_mitteilungsvorlage_with_kenntnisnahmen(walked, world):
    report = world["report"]
    url = f"{ROOT}paper/umsetzungsbericht/{report.pk}/"
    paper = walked.answers[url]
    assert paper["type"] == "https://schema.oparl.org/1.1/Paper"
    assert paper["name"] == f"Umsetzungsbericht {report.year}"
    assert paper["paperType"] == "Mitteilungsvorlage"
    assert paper["body"] == f"{ROOT}body/{world['concept'].pk}/"
    assert paper["mainFile"]["mimeType"] == "application/pdf"
    assert paper["mainFile"]["accessUrl"].endswith(
        f"/umsetzung/bericht/{report.year}/fassung/0/download/pdf/"
    )
    assert [f["mimeType"] for f in paper["auxiliaryFile"]] == [
        "application/vnd.oasis.opendocument.text"
    ]
    assert paper["web"] == f"http://testserver/umsetzung/bericht/{report.year}/fassung/0/"
    bodies = world["concept"].bodies.filter(default_step__isnull=False)
    assert bodies.exists()
    consultations = paper["consultation"]
    assert {c["role"] for c in consultations} == {"Kenntnisnahme"}
    assert not any(c["authoritative"] for c in consultations)
    assert [c["organization"][0] for c in consultations] == [
        f"{ROOT}organization/gremium/{body.pk}/"
        for body in bodies.order_by("default_step", "position", "pk")
    ]
    for consultation in consultations:
        assert consultation["paper"] == url


def test_the_lists_hold_the_reports_papers_files_and_consultations(client, world):
    lists = f"{ROOT}body/{world['concept'].pk}/"
    report = world["report"]
    papers = {p["id"] for p in get_json(client, f"{lists}paper/?limit=100")["data"]}
    assert f"{ROOT}paper/umsetzungsbericht/{report.pk}/" in papers
    files = {f["id"] for f in get_json(client, f"{lists}file/?limit=100")["data"]}
    assert {f"{ROOT}file/umsetzungsbericht/{f.pk}/" for f in report.files.all()} <= files
    consultations = {c["id"] for c in get_json(client, f"{lists}consultation/?limit=100")["data"]}
    assert {
        f"{ROOT}consultation/umsetzungsbericht/{c.pk}/" for c in report.consultations.all()
    } <= consultations


def test_a_berichtigte_fassung_is_a_paper_of_its_own_and_the_first_stays(client, demo):
    first = demo["report"]
    corrected = report_correct(concept=demo["concept"], year=first.year, note="Nachtrag", by=None)
    issue_report_file(corrected)
    paper = get_json(client, f"{ROOT}paper/umsetzungsbericht/{corrected.pk}/")
    assert paper["name"] == f"Umsetzungsbericht {first.year}, berichtigte Fassung 1"
    assert get_json(client, f"{ROOT}paper/umsetzungsbericht/{first.pk}/")["name"] == (
        f"Umsetzungsbericht {first.year}"
    )


def test_an_unknown_report_answers_404_in_json(client):
    answer = get_json(client, f"{ROOT}paper/umsetzungsbericht/999999/", status=404)
    assert answer["status"] == 404
