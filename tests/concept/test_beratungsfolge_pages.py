"""What residents see of the way through the bodies: the version page, the list of versions
and the links between a decision and its beschlossene Fassung, each on the body's date.

The versions are presented and decided through the services, on days in the past; the pages
must show those days, never the day the officer recorded them."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from concept.models import AmendmentKind, AmendmentStatus, BodyKind, ConsultationResult
from concept.models import ConsultationRole as Role
from concept.services import (
    PlannedStep,
    amendment_create,
    amendment_decide,
    amendment_review_start,
    amendment_submit,
    consultation_record,
    resolution_fix,
    version_create_next,
    version_present,
    version_transition,
)
from tests.concept.conftest import in_four_weeks, version_with_sections
from tests.factories import BodyFactory, UserFactory

PRESENTED = dt.date(2025, 1, 20)
ADVISED = dt.date(2025, 2, 10)
DECIDED = dt.date(2025, 3, 18)
PAPER_URL = "https://ris.example.org/vorlage/123"
# The result cell of a Beratung not held yet.
PLANNED = re.compile(r"<td[^>]*>\s*geplant\s")


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def fact(content: str, label: str) -> str:
    """The <dd> beside the fact labelled `label` on the version page."""
    match = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd>(.*?)</dd>", content, re.S)
    assert match, label
    return match.group(1)


def beratungsfolge_html(content: str) -> str:
    start = content.index('<h2 id="beratungsfolge">')
    return content[start : content.index("</section>", start)]


def today_long() -> str:
    return date_format(timezone.localdate(), "DATE_FORMAT")


def present(version, *, steps=None, on=PRESENTED):
    return version_present(
        version=version,
        council_paper_reference="DS 123/2025",
        paper_url=PAPER_URL,
        presented_on=on,
        steps=steps,
    )


def record(version, body_name, result, held_on, **kwargs):
    consultation = (
        version.consultations.planned().filter(body__name=body_name).order_by("step").first()
    )
    return consultation_record(consultation=consultation, result=result, held_on=held_on, **kwargs)


def decide(version, *, result=ConsultationResult.DECIDED, **kwargs):
    """Presented on PRESENTED, the Integrationsrat's Vorberatung on ADVISED, the council's
    decision on DECIDED (the concept's default Beratungsfolge)."""
    present(version)
    record(version, "Integrationsrat", ConsultationResult.RECOMMENDED, ADVISED)
    record(version, "Rat der Stadt", result, DECIDED, **kwargs)
    version.refresh_from_db()
    return version


@pytest.fixture
def committees(concept):
    return [
        BodyFactory(concept=concept, name=name, kind=BodyKind.COMMITTEE, position=position)
        for position, name in ((3, "Schulausschuss"), (4, "Sozialausschuss"))
    ]


# --- the version page -------------------------------------------------------------------------


def test_status_since_is_the_councils_date_and_freezing_is_a_technical_timestamp(client, draft):
    decide(draft)
    content = html(client.get("/konzept/v1/"))
    assert fact(content, "Status") == "Vom Rat beschlossen"
    since = fact(content, "Status seit")
    assert '<time datetime="2025-03-18">18. März 2025</time>' in since
    assert today_long() not in since
    assert "20. Januar 2025" in fact(content, "Den Gremien vorgelegt am")
    reference = fact(content, "Drucksache")
    assert "DS 123/2025" in reference
    assert f'href="{PAPER_URL}"' in reference
    assert "(technischer Zeitstempel)" in fact(content, "Text eingefroren am")
    assert "Eingefroren am" not in content.replace("Text eingefroren am", "")


def test_the_beratungsfolge_shows_held_steps_with_the_bodys_dates_and_results(client, draft):
    decide(draft)
    table = beratungsfolge_html(html(client.get("/konzept/v1/")))
    assert "<caption" in table
    assert '<th scope="col">Beraten am</th>' in table
    assert '<time datetime="2025-02-10">10.02.2025</time>' in table
    assert '<time datetime="2025-03-18">18.03.2025</time>' in table
    assert "empfohlen" in table and "beschlossen" in table
    assert "Vorberatung" in table and "Entscheidung" in table
    assert table.index("Integrationsrat") < table.index("Rat der Stadt")
    assert "Drucksache <bdi>DS 123/2025</bdi>" in table
    assert f'href="{PAPER_URL}"' in table
    assert "20. Januar 2025" in table
    assert timezone.localdate().strftime("%d.%m.%Y") not in table


def test_planned_steps_stand_with_their_planned_dates_and_parallel_steps_are_grouped(
    client, concept, draft, committees
):
    advisory, council = concept.bodies.get(kind="advisory"), concept.bodies.get(kind="council")
    planned = timezone.localdate() + dt.timedelta(days=60)
    steps = [
        PlannedStep(body=advisory, role=Role.PRELIMINARY, step=1, planned_on=ADVISED),
        *(
            PlannedStep(body=c, role=Role.PRELIMINARY, step=2, planned_on=planned)
            for c in committees
        ),
        PlannedStep(
            body=council,
            role=Role.DECISION,
            step=3,
            planned_on=planned + dt.timedelta(days=14),
            agenda_item="TOP 7",
            agenda_item_url="https://ris.example.org/top/7",
        ),
    ]
    present(draft, steps=steps)
    record(draft, "Integrationsrat", ConsultationResult.RECOMMENDED, ADVISED)
    content = html(client.get("/konzept/v1/"))
    assert fact(content, "Status") == "In Beratung der Gremien"
    assert "20. Januar 2025" in fact(content, "Status seit")
    table = beratungsfolge_html(content)
    assert table.count("<tbody") == 3
    assert '<th scope="rowgroup" rowspan="2"' in table
    assert "2 Gremien parallel" in table
    assert len(PLANNED.findall(table)) == 3
    assert planned.strftime("%d.%m.%Y") in table
    assert (planned + dt.timedelta(days=14)).strftime("%d.%m.%Y") in table
    assert '<a href="https://ris.example.org/top/7">TOP 7</a>' in table
    # The held step keeps its planned date beside the day it was held.
    assert table.count("10.02.2025") == 2


def test_a_version_not_yet_presented_says_so(client, draft):
    version_transition(version=draft, to="consultation", consultation_ends_at=in_four_weeks())
    content = html(client.get("/konzept/v1/"))
    assert "noch keine Beratungsschritte" in beratungsfolge_html(content)
    assert 'href="#beratungsfolge"' not in content


def test_a_decision_with_changes_shows_its_text_and_links_the_beschlossene_fassung(client, draft):
    decide(
        draft,
        result=ConsultationResult.DECIDED_AMENDED,
        decision_text="Kapitel 2 um Elterncafés ergänzt.",
    )
    content = html(client.get("/konzept/v1/"))
    assert fact(content, "Status") == "Vom Rat geändert beschlossen"
    assert "18. März 2025" in fact(content, "Status seit")
    table = beratungsfolge_html(content)
    assert "geändert beschlossen" in table
    assert "Was der Rat geändert hat: Kapitel 2 um Elterncafés ergänzt." in table
    # The beschlossene Fassung is still a draft: named, not linked.
    assert "Die beschlossene Fassung wird erstellt" in content
    assert 'href="/konzept/v2/"' not in content

    resolution = draft.resolution
    resolution_fix(version=resolution)
    content = html(client.get("/konzept/v1/"))
    assert 'href="/konzept/v2/">beschlossenen Fassung (Version 2)</a>' in content

    content = html(client.get("/konzept/v2/"))
    assert (
        "Beschlossene Fassung gemäß Ratsbeschluss vom <bdi>18. März 2025</bdi> zu "
        '<a href="/konzept/v1/">Version 1</a>' in content
    )
    assert fact(content, "Status") == "Vom Rat beschlossen"
    assert "18. März 2025" in fact(content, "Status seit")


# --- the successor and its predecessor's proposals --------------------------------------------


def decided_proposal(section, officer):
    author = UserFactory()
    amendment = amendment_create(
        section=section, author=author, kind=AmendmentKind.ADDITION, proposed_text="Mehr Cafés."
    )
    amendment_submit(
        amendment=amendment,
        by=author,
        organisation_name="Elternverein",
        working_group_name="Bildung und Erziehung",
    )
    amendment_review_start(amendment=amendment, by=officer)
    return amendment_decide(
        amendment=amendment, by=officer, status=AmendmentStatus.REJECTED, reasoning="Nein."
    )


def consult_and_close(version):
    version_transition(version=version, to="consultation", consultation_ends_at=in_four_weeks())
    version_transition(version=version, to="consultation_closed")


def test_a_successor_links_to_how_its_predecessors_proposals_were_decided(client, draft, officer):
    version_transition(version=draft, to="consultation", consultation_ends_at=in_four_weeks())
    decided_proposal(draft.sections.first(), officer)
    version_transition(version=draft, to="consultation_closed")
    successor = version_create_next(version=draft)
    version_transition(version=successor, to="consultation", consultation_ends_at=in_four_weeks())
    content = html(client.get("/konzept/v2/"))
    assert (
        '<a href="/konzept/v1/synopse/">Wie die Vorschläge zu Version 1 entschieden wurden</a>'
        in content
    )
    assert "Wie die Vorschläge" not in html(client.get("/konzept/v1/"))


def test_no_link_to_a_predecessor_without_proposals(client, draft):
    consult_and_close(draft)
    successor = version_create_next(version=draft)
    version_transition(version=successor, to="consultation", consultation_ends_at=in_four_weeks())
    assert "Wie die Vorschläge" not in html(client.get("/konzept/v2/"))


# --- the list ---------------------------------------------------------------------------------


def test_the_list_shows_the_day_the_status_holds_from(client, concept, draft):
    decide(draft)
    successor = version_create_next(version=draft)
    version_transition(version=successor, to="consultation", consultation_ends_at=in_four_weeks())
    content = html(client.get("/konzept/versionen/"))
    assert '<th scope="col">Status seit</th>' in content
    rows = {
        number: content[content.index(f'href="/konzept/v{number}/"') :].split("</tr>")[0]
        for number in (1, 2)
    }
    assert '<time datetime="2025-03-18">18. März 2025</time>' in rows[1]
    assert today_long() not in rows[1]
    # Opening the consultation is today's move: its day is today.
    assert today_long() in rows[2]


# --- the cost of the page ---------------------------------------------------------------------


def test_the_version_page_costs_the_same_however_many_beratungen(
    client, concept, draft, committees, django_assert_max_num_queries
):
    present(draft)
    with CaptureQueriesContext(connection) as queries:
        small = html(client.get("/konzept/v1/"))
    baseline = len(queries)
    assert len(PLANNED.findall(beratungsfolge_html(small))) == 2

    more = [BodyFactory(concept=concept, kind=BodyKind.COMMITTEE) for _ in range(4)]
    second = version_with_sections(concept)
    advisory, council = concept.bodies.get(kind="advisory"), concept.bodies.get(kind="council")
    steps = [
        PlannedStep(body=advisory, role=Role.PRELIMINARY, step=1),
        *(PlannedStep(body=c, role=Role.PRELIMINARY, step=2) for c in committees + more),
        PlannedStep(body=advisory, role=Role.INFORMATION, step=3),
        PlannedStep(body=council, role=Role.DECISION, step=4),
    ]
    present(second, steps=steps)
    record(second, "Integrationsrat", ConsultationResult.RECOMMENDED, ADVISED)
    with django_assert_max_num_queries(baseline):
        content = html(client.get("/konzept/v2/"))
    assert beratungsfolge_html(content).count("<tr>") == 1 + 9
