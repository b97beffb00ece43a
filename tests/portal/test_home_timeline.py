"""The home page's timeline: the process milestones and every held Beratung of a public
version, each on its own date (the body's, never the day it was recorded)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from concept.models import BodyKind, ConsultationResult, MilestoneKind
from concept.services import (
    consultation_record,
    version_create,
    version_present,
    version_transition,
)
from tests.factories import BodyFactory, ConceptFactory, MilestoneFactory, SectionFactory

PRESENTED = dt.date(2025, 1, 20)
ADVISED = dt.date(2025, 2, 10)
DECIDED = dt.date(2025, 3, 18)


@pytest.fixture
def concept(db):
    concept = ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")
    BodyFactory(concept=concept, name="Integrationsrat", kind=BodyKind.ADVISORY, position=1)
    BodyFactory(concept=concept, name="Rat der Stadt Minden", kind=BodyKind.COUNCIL, position=2)
    return concept


def new_version(concept):
    version = version_create(concept=concept)
    SectionFactory(version=version, position=1, key="kapitel-1")
    return version


def present(version):
    return version_present(
        version=version, council_paper_reference="DS 123/2025", presented_on=PRESENTED
    )


def record(version, body_name, result, held_on):
    consultation = version.consultations.planned().get(body__name=body_name)
    consultation_record(consultation=consultation, result=result, held_on=held_on)


def timeline(client) -> list[str]:
    """The timeline's entries as plain text, in order."""
    content = client.get("/").content.decode()
    start = content.index('<ol class="timeline">')
    items = content[start : content.index("</ol>", start)].split("<li>")[1:]
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def test_held_beratungen_stand_on_the_bodys_date_between_the_milestones(client, concept):
    MilestoneFactory(
        concept=concept, title="1. Integrationskonferenz", date_text="Herbst 2010", position=1
    )
    MilestoneFactory(
        concept=concept,
        title="Bericht in der Mindener Rundschau",
        kind=MilestoneKind.OTHER,
        date=dt.date(2011, 4, 7),
        date_text="",
        position=2,
    )
    MilestoneFactory(
        concept=concept,
        title="3. Integrationskonferenz",
        date=dt.date(2025, 3, 1),
        date_text="",
        position=3,
    )
    version = new_version(concept)
    present(version)
    record(version, "Integrationsrat", ConsultationResult.RECOMMENDED, ADVISED)
    record(version, "Rat der Stadt Minden", ConsultationResult.DECIDED, DECIDED)

    entries = timeline(client)
    assert len(entries) == 5
    assert entries[0].startswith("Herbst 2010 1. Integrationskonferenz")
    assert entries[1].startswith("07.04.2011 Bericht in der Mindener Rundschau")
    assert entries[2].startswith("10.02.2025 Integrationsrat: Version 1 empfohlen")
    assert "Vorberatung" in entries[2] and "Drucksache DS 123/2025" in entries[2]
    assert entries[3].startswith("01.03.2025 3. Integrationskonferenz")
    assert entries[4].startswith("18.03.2025 Rat der Stadt Minden: Version 1 beschlossen")
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert not any(today in entry for entry in entries)


def test_the_state_of_the_process_says_since_when_on_the_bodys_date(client, concept):
    version = new_version(concept)
    present(version)
    record(version, "Integrationsrat", ConsultationResult.RECOMMENDED, ADVISED)
    record(version, "Rat der Stadt Minden", ConsultationResult.DECIDED, DECIDED)
    content = client.get("/").content.decode()
    assert "Vom Rat beschlossen (seit 18. März 2025)." in content
    assert date_format(timezone.localdate(), "DATE_FORMAT") not in content


def test_planned_beratungen_and_drafts_stay_off_the_timeline(client, concept):
    MilestoneFactory(concept=concept, title="1. Integrationskonferenz", position=1)
    version = new_version(concept)
    present(version)
    new_version(concept)  # a draft: nothing of it is public
    entries = timeline(client)
    assert entries == ["Herbst 2010 1. Integrationskonferenz"]
    assert "In Beratung der Gremien (seit 20. Januar 2025)." in client.get("/").content.decode()


def test_a_beratung_links_to_its_version_and_marks_example_content(client, concept):
    version = version_create(concept=concept, is_example=True)
    SectionFactory(version=version, position=1)
    version_transition(
        version=version,
        to="consultation",
        consultation_ends_at=timezone.now() + dt.timedelta(days=7),
    )
    version_transition(version=version, to="consultation_closed")
    present(version)
    record(version, "Integrationsrat", ConsultationResult.RECOMMENDED, ADVISED)
    content = client.get("/").content.decode()
    entry = content[content.index('<ol class="timeline">') :].split("</li>")[0]
    assert '<a href="/konzept/v1/#beratungsfolge">Integrationsrat: Version 1 empfohlen</a>' in entry
    assert "Beispielinhalt" in entry


def test_the_timeline_costs_the_same_however_many_beratungen(client, concept):
    def decided_version():
        version = new_version(concept)
        present(version)
        record(version, "Integrationsrat", ConsultationResult.RECOMMENDED, ADVISED)
        record(version, "Rat der Stadt Minden", ConsultationResult.DECIDED, DECIDED)

    MilestoneFactory(concept=concept, title="1. Integrationskonferenz", position=1)
    decided_version()
    with CaptureQueriesContext(connection) as queries:
        assert len(timeline(client)) == 3
    small = len(queries)

    for position in range(2, 6):
        MilestoneFactory(concept=concept, date=DECIDED, date_text="", position=position)
    decided_version()
    decided_version()
    with CaptureQueriesContext(connection) as queries:
        assert len(timeline(client)) == 3 + 4 + 4
    assert len(queries) == small
