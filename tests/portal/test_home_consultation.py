"""The home page leads to what is open: the running consultation first, with its deadline and
the days left in the visitor's language, and a short lead with the rest one click away."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concept.models import AmendmentStatus, VersionStatus
from tests.accounts.conftest import assert_sound_page
from tests.factories import (
    AmendmentFactory,
    ConceptFactory,
    MeasureFactory,
    MilestoneFactory,
    SectionFactory,
    SessionFactory,
    VersionFactory,
    WorkingGroupFactory,
)

# A fixed day far ahead, so the page's wording of it can be written down here.
DEADLINE = dt.datetime(2099, 3, 14, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def concept(db):
    return ConceptFactory(
        slug="minden",
        title="Integrationskonzept der Stadt Minden",
        summary="Den Startschuss gab die erste Integrationskonferenz im Herbst 2010.",
    )


def open_version(concept, *, ends_at=DEADLINE, number=2):
    return VersionFactory(
        concept=concept,
        number=number,
        status=VersionStatus.CONSULTATION,
        consultation_ends_at=ends_at,
    )


def earlier_version(concept):
    """Version 1, whose consultation has ended."""
    return VersionFactory(
        concept=concept,
        number=1,
        status=VersionStatus.CONSULTATION_CLOSED,
        consultation_ends_at=timezone.now() - dt.timedelta(days=30),
    )


def callout(content: str) -> str:
    """The consultation's box as plain text ('' when the page has none)."""
    match = re.search(r'<section class="consultation-open".*?</section>', content, re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(0)).split()) if match else ""


def days_to_deadline() -> int:
    return (DEADLINE.date() - timezone.localdate()).days


def test_home_names_the_running_consultation_its_deadline_and_days_left(client, concept):
    earlier_version(concept)
    version = open_version(concept)
    content = client.get("/").content.decode()
    box = callout(content)
    assert "Jetzt in Beteiligung: Version 2" in box
    assert "Vorschläge sind bis 14. März 2099 12:00 möglich." in box
    assert f"Noch {days_to_deadline()} Tage." in box
    assert "Ergänzungen, Korrekturen und Streichungen" in box
    assert 'href="/mitmachen/"' in content
    assert f'href="/konzept/v{version.number}/vorschlaege/"' in content
    assert 'datetime="2099-03-14T12:00+0100"' in content
    # Above everything else of the page's content: straight after the title.
    assert content.index("consultation-open") < content.index('class="lead"')
    assert_sound_page(content)


def test_the_english_home_gives_the_deadline_in_english(client, concept):
    open_version(concept)
    box = callout(client.get("/en/").content.decode())
    assert "Version 2" in box
    assert "14 March 2099, 12:00" in box
    assert "14. März" not in box
    assert str(days_to_deadline()) in box
    assert 'href="/en/mitmachen/"' in client.get("/en/").content.decode()


@pytest.mark.parametrize(
    ("days", "wording"), [(0, "Die Frist endet heute."), (1, "Noch 1 Tag."), (2, "Noch 2 Tage.")]
)
def test_the_days_left_count_calendar_days(client, concept, days, wording):
    day = timezone.localdate() + dt.timedelta(days=days)
    open_version(
        concept, ends_at=timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59, 59)))
    )
    assert wording in callout(client.get("/").content.decode())


def test_no_consultation_no_callout(client, concept):
    earlier_version(concept)
    content = client.get("/").content.decode()
    assert callout(content) == ""
    assert "Jetzt in Beteiligung" not in content


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_a_consultation_past_its_deadline_is_not_announced(client, concept, path):
    open_version(concept, ends_at=timezone.now() - dt.timedelta(minutes=1))
    content = client.get(path).content.decode()
    assert callout(content) == ""
    assert "Vorschläge sind bis" not in content


def test_a_closed_consultation_is_not_announced(client, concept):
    VersionFactory(
        concept=concept,
        number=2,
        status=VersionStatus.CONSULTATION_CLOSED,
        consultation_ends_at=DEADLINE,
    )
    assert callout(client.get("/").content.decode()) == ""


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_lead_is_short_and_the_summary_one_click_away(client, concept, path):
    content = client.get(path).content.decode()
    lead = re.search(r'<p class="lead">(.*?)</p>', content, re.DOTALL).group(1)
    assert "Minden" in lead
    assert len(lead.split()) <= 80
    summary = re.search(r'<details class="concept-summary.*?</details>', content, re.DOTALL)
    assert summary is not None
    assert '<div lang="de"><p>Den Startschuss gab' in summary.group(0)


def test_home_costs_the_same_queries_with_more_data(client, concept, django_assert_num_queries):
    def fill(count):
        for _ in range(count):
            group = WorkingGroupFactory(concept=concept)
            SessionFactory(working_group=group)
            MeasureFactory(concept=concept, working_group=group)
            MilestoneFactory(concept=concept)
            AmendmentFactory(
                section=SectionFactory(version=version),
                status=AmendmentStatus.SUBMITTED,
                submitted_at=timezone.now(),
            )

    earlier_version(concept)
    version = open_version(concept)
    fill(1)
    with CaptureQueriesContext(connection) as small:
        assert "Jetzt in Beteiligung" in client.get("/").content.decode()
    fill(6)
    with django_assert_num_queries(len(small)):
        assert "Jetzt in Beteiligung" in client.get("/").content.decode()
