"""The Beratungsfolge in OParl: each public version is a Paper with its Drucksache as
`reference` and its Beratungen, planned and held, as Consultations in order; a held Beratung
links its body's Meeting (with `start`) and an AgendaItem (with `result`)."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.text import capfirst

from concept.models import BodyKind, ConsultationResult, ConsultationRole
from concept.services import consultation_record
from tests.oparl.conftest import (
    HELD_TEXT,
    HELD_TOP_URL,
    IN_REVIEW_REFERENCE,
)
from tests.oparl.crawl import ROOT, get_json
from tests.oparl.schemas import schema_errors


def paper_of(walked, version) -> dict:
    return walked.answers[f"{ROOT}paper/{version.pk}/"]


def in_order(version) -> list:
    return list(version.consultations.order_by("step", "body__position", "pk"))


def midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def org(body) -> str:
    return f"{ROOT}organization/gremium/{body.pk}/"


def test_a_papers_reference_is_the_drucksache(walked, world):
    assert paper_of(walked, world["in_review"])["reference"] == IN_REVIEW_REFERENCE
    approved = world["approved"]
    assert approved.council_paper_reference
    assert paper_of(walked, approved)["reference"] == approved.council_paper_reference
    # Not yet presented: no Drucksache, no Beratungen.
    consulting = paper_of(walked, world["consultation"])
    assert "reference" not in consulting and consulting["consultation"] == []


def test_a_papers_consultations_follow_the_steps_planned_and_held_alike(walked, world):
    version = world["in_review"]
    paper = paper_of(walked, version)
    rows = in_order(version)
    assert [c["id"] for c in paper["consultation"]] == [
        f"{ROOT}consultation/beratung/{c.pk}/" for c in rows
    ]
    # Planned out of order (see the conftest): the step decides, then the body's position.
    bodies = world["concept"].bodies
    committees = list(bodies.filter(kind=BodyKind.COMMITTEE).order_by("position"))
    assert [c["organization"] for c in paper["consultation"]] == [
        [org(bodies.get(kind=BodyKind.ADVISORY))],
        [org(committees[0])],
        [org(committees[1])],
        [org(bodies.get(kind=BodyKind.COUNCIL))],
    ]
    assert [c["role"] for c in paper["consultation"]] == [
        "Vorberatung",
        "Vorberatung",
        "Vorberatung",
        "Entscheidung",
    ]
    assert [c.pk for c in rows] != sorted(c.pk for c in rows), "the order is not the keys'"
    assert all(c["paper"] == paper["id"] for c in paper["consultation"])


def test_a_held_beratung_has_a_meeting_with_its_start_and_an_agenda_item_with_its_result(
    client, walked, world
):
    held = world["in_review"].consultations.held().get()
    consultation = walked.answers[f"{ROOT}consultation/beratung/{held.pk}/"]
    meeting = get_json(client, consultation["meeting"])
    item = get_json(client, consultation["agendaItem"])

    assert meeting["id"] == f"{ROOT}meeting/beratung/{held.pk}/"
    assert dt.datetime.fromisoformat(meeting["start"]) == midnight(held.held_on)
    assert meeting["start"].startswith(f"{held.held_on.isoformat()}T00:00:00+0")
    assert meeting["name"] == f"{held.body.name} – {held.held_on:%d.%m.%Y}"
    assert meeting["organization"] == [org(held.body)]
    assert meeting["meetingState"] == "durchgeführt"
    assert meeting["agendaItem"] == [item]
    assert item["result"] == "Empfohlen" == capfirst(held.get_result_display())
    assert item["number"] == "7"
    assert item["web"] == HELD_TOP_URL
    assert item["resolutionText"] == HELD_TEXT
    assert item["public"] is True and item["order"] == 0
    assert (item["meeting"], item["consultation"]) == (meeting["id"], consultation["id"])
    assert item["name"] == paper_of(walked, world["in_review"])["name"]
    assert consultation["authoritative"] is False
    for obj in (consultation, meeting, item):
        assert not schema_errors(obj), obj["id"]


def test_every_held_beratung_of_the_approved_version_is_recorded_as_held(client, walked, world):
    paper = paper_of(walked, world["approved"])
    rows = in_order(world["approved"])
    assert len(rows) == len(paper["consultation"]) == 4
    for row, consultation in zip(rows, paper["consultation"], strict=True):
        meeting = get_json(client, consultation["meeting"])
        assert dt.datetime.fromisoformat(meeting["start"]) == midnight(row.held_on)
        item = meeting["agendaItem"][0]
        assert item["result"] == capfirst(row.get_result_display())
        assert consultation["authoritative"] is (row.role == ConsultationRole.DECISION)
    assert paper["consultation"][-1]["authoritative"] is True
    assert meeting["agendaItem"][0]["result"] == "Beschlossen"


def test_a_planned_beratung_has_no_result(client, walked, world):
    version = world["in_review"]
    dated, undated = version.consultations.planned().exclude(role="decision").order_by("planned_on")
    assert undated.planned_on is None

    consultation = walked.answers[f"{ROOT}consultation/beratung/{dated.pk}/"]
    meeting = get_json(client, consultation["meeting"])
    item = meeting["agendaItem"][0]
    assert dt.datetime.fromisoformat(meeting["start"]) == midnight(dated.planned_on)
    assert meeting["meetingState"] == "terminiert"
    assert "result" not in item and "resolutionText" not in item
    assert item["number"] == "3"
    assert consultation["agendaItem"] == item["id"]

    no_day = walked.answers[f"{ROOT}consultation/beratung/{undated.pk}/"]
    assert "meeting" not in no_day and "agendaItem" not in no_day
    assert no_day["role"] == "Vorberatung" and no_day["authoritative"] is False
    # A decision still to be taken is one in which the paper "beschlossen wird".
    decision = version.consultations.get(role=ConsultationRole.DECISION)
    assert walked.answers[f"{ROOT}consultation/beratung/{decision.pk}/"]["authoritative"] is True


def test_the_lists_hold_every_beratung_with_a_day_as_meeting_and_agenda_item(client, world):
    lists = f"{ROOT}body/{world['concept'].pk}/"
    meetings = {m["id"] for m in get_json(client, f"{lists}meeting/")["data"]}
    items = {i["id"] for i in get_json(client, f"{lists}agendaitem/")["data"]}
    consultations = {
        c["id"]
        for c in get_json(client, f"{lists}consultation/")["data"]
        # The annual report's Kenntnisnahmen: tests/oparl/test_reports.py.
        if "/umsetzungsbericht/" not in c["id"]
    }
    rows = [*in_order(world["approved"]), *in_order(world["in_review"])]
    with_day = [c for c in rows if c.is_held or c.planned_on]
    assert len(with_day) == len(rows) - 1
    assert {f"{ROOT}meeting/beratung/{c.pk}/" for c in with_day} <= meetings
    assert items == {f"{ROOT}agendaitem/beratung/{c.pk}/" for c in with_day}
    assert consultations == {f"{ROOT}consultation/beratung/{c.pk}/" for c in rows}


@pytest.mark.parametrize("result", [ConsultationResult.DEFERRED, ConsultationResult.REFERRED])
def test_a_decision_deferred_or_referred_is_not_authoritative(client, demo, result):
    version = demo["in_review"]
    council = version.consultations.get(role=ConsultationRole.DECISION)
    committee = demo["concept"].bodies.filter(kind=BodyKind.COMMITTEE).first()
    today = timezone.localdate()
    consultation_record(
        consultation=council,
        result=result,
        held_on=today,
        next_planned_on=today + dt.timedelta(days=40),
        referred_to=committee if result == ConsultationResult.REFERRED else None,
    )
    paper = get_json(client, f"{ROOT}paper/{version.pk}/")
    by_id = {c["id"]: c for c in paper["consultation"]}
    assert by_id[f"{ROOT}consultation/beratung/{council.pk}/"]["authoritative"] is False
    # The council's decision, planned anew, comes last.
    assert paper["consultation"][-1]["role"] == "Entscheidung"
    assert paper["consultation"][-1]["authoritative"] is True
    assert [c["id"] for c in paper["consultation"]] == [
        f"{ROOT}consultation/beratung/{c.pk}/" for c in in_order(version)
    ]
    item = get_json(client, f"{ROOT}agendaitem/beratung/{council.pk}/")
    assert item["result"] == capfirst(ConsultationResult(result).label)
    assert not schema_errors(paper) and not schema_errors(item)


def test_every_body_is_an_organization_the_committees_too(walked, world):
    bodies = world["concept"].bodies.all()
    organizations = {
        url: obj for url, obj in walked.of_type("Organization").items() if "/gremium/" in url
    }
    assert set(organizations) == {org(b) for b in bodies}
    committees = [b for b in bodies if b.kind == BodyKind.COMMITTEE]
    assert len(committees) == 2
    for body in committees:
        assert organizations[org(body)]["classification"] == "Ausschuss"
        assert organizations[org(body)]["keyword"] == ["Beispielinhalt"]
    council = bodies.get(kind=BodyKind.COUNCIL)
    assert organizations[org(council)]["classification"] == "Parlament"
    body = walked.answers[f"{ROOT}body/{world['concept'].pk}/"]
    assert body["mainOrganization"] == org(council)
