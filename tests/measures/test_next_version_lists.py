"""The draft of the next version lists the measures the Fortschreibung should take up:
dropped, postponed, overdue (the one rule: `Measure.objects.overdue`) and implemented, each
linked to its measure. Only published progress updates move a measure into a list."""

import datetime as dt

import pytest
from django.test import Client

from concept.models import Consultation, VersionStatus
from concept.selectors import council_decision
from concept.services import version_create_next
from measures.models import Measure, ProgressUpdate, ReviewState, timeframe_deadline
from measures.next_version import carry_lists
from measures.services import progress_record
from tests.concept.conftest import bring_to, version_with_sections
from tests.factories import BodyFactory, ConceptFactory, MeasureFactory, UserFactory

TODAY = dt.date(2026, 12, 3)


@pytest.fixture(autouse=True)
def files_queued_not_rendered(settings):
    """Presenting a version enqueues its files: here they wait in a queue without a worker."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def concept(db):
    concept = ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")
    BodyFactory(concept=concept, name="Integrationsrat", kind="advisory", position=1)
    BodyFactory(concept=concept, name="Rat der Stadt", kind="council", position=2)
    return concept


def approve(concept, *, decided_on: dt.date):
    """Version 1 approved by the council on `decided_on` (recorded as held today, then dated
    back: a held date may not lie before the presentation, which is today)."""
    version = bring_to(version_with_sections(concept), VersionStatus.APPROVED)
    Consultation.objects.filter(version=version).update(held_on=decided_on)
    return version


def measure(concept, number, *, timeframe="short", status=None):
    made = MeasureFactory(
        concept=concept, number=number, timeframe=timeframe, title=f"Maßnahme Nr. {number}"
    )
    if status:
        progress_record(measure=made, status=status, date=dt.date(2025, 1, number))
    return made


def unpublished(made, status, review):
    """An update waiting for review or hidden: it counts for nothing public."""
    ProgressUpdate.objects.create(
        measure=made, status=status, date=dt.date(2026, 6, 1), review=review
    )


@pytest.fixture
def world(concept):
    approved = approve(concept, decided_on=dt.date(2023, 6, 15))
    measure(concept, 1, status="dropped")
    measure(concept, 2, timeframe="long", status="deferred")
    measure(concept, 3)  # planned, short: due 15.06.2025
    measure(concept, 4, status="implemented")
    measure(concept, 5, timeframe="medium", status="in_progress")  # due 2028
    waiting = measure(concept, 6, status="in_progress")  # short: overdue
    unpublished(waiting, "implemented", ReviewState.PENDING)
    unpublished(waiting, "dropped", ReviewState.HIDDEN)
    measure(concept, 7, status="ongoing")  # a standing task is never overdue
    measure(concept, 8, status="deferred")  # short: postponed and overdue
    draft = version_create_next(version=approved, title="Fortschreibung")
    return {"concept": concept, "approved": approved, "draft": draft}


def numbers(measures):
    return [m.number for m in measures]


# --- the rule ---------------------------------------------------------------------------------


def test_the_council_decision_is_the_day_the_deciding_beratung_was_held(concept):
    assert council_decision(concept) is None
    approved = approve(concept, decided_on=dt.date(2023, 6, 15))
    decision = council_decision(concept)
    assert decision.version == approved
    assert decision.decided_on == dt.date(2023, 6, 15)


def test_a_time_frame_is_due_its_years_after_the_decision(settings):
    decided = dt.date(2024, 2, 29)
    assert timeframe_deadline("short", decided) == dt.date(2026, 2, 28)
    assert timeframe_deadline("medium", decided) == dt.date(2029, 2, 28)
    assert timeframe_deadline("long", decided) == dt.date(2034, 2, 28)
    settings.PORTAL_TIMEFRAME_YEARS = {"short": 1, "medium": 3, "long": 6}
    assert timeframe_deadline("short", dt.date(2024, 5, 1)) == dt.date(2025, 5, 1)


def test_overdue_starts_the_day_after_the_deadline(concept):
    measure(concept, 1)
    measure(concept, 2, status="implemented")
    decided = dt.date(2023, 6, 15)
    overdue = Measure.objects.for_concept(concept).overdue
    assert numbers(overdue(decided, dt.date(2025, 6, 15))) == []
    assert numbers(overdue(decided, dt.date(2025, 6, 16))) == [1]
    assert numbers(overdue(None, dt.date(2040, 1, 1))) == []


# --- the lists --------------------------------------------------------------------------------


def test_the_lists_follow_the_published_status(world):
    lists = carry_lists(world["draft"], TODAY)
    assert numbers(lists.dropped) == [1]
    assert numbers(lists.deferred) == [2, 8]
    assert numbers(lists.overdue) == [3, 6, 8]
    assert numbers(lists.implemented) == [4]
    assert lists.overdue[0].deadline == dt.date(2025, 6, 15)


def test_a_pending_or_hidden_update_moves_no_measure(world):
    waiting = Measure.objects.get(number=6)
    assert waiting.status == "in_progress"
    lists = carry_lists(world["draft"], TODAY)
    assert 6 not in numbers(lists.implemented) + numbers(lists.dropped)
    # Published, the same report moves it.
    progress_record(measure=waiting, status="implemented", date=dt.date(2026, 7, 1))
    lists = carry_lists(world["draft"], TODAY)
    assert numbers(lists.implemented) == [4, 6]
    assert numbers(lists.overdue) == [3, 8]


def section_items(html: str, slug: str) -> list[str]:
    """The measure links of one list on the page, in order."""
    start = html.index(f'id="fortschreibung-{slug}"')
    end = html.index("</section>", start)
    part = html[start:end]
    return [chunk.split('"')[0] for chunk in part.split('<a href="')[1:]]


def test_the_draft_page_shows_each_list_to_staff(officer_client, world):
    html = officer_client.get(f"/konzept/v{world['draft'].number}/").content.decode()
    assert "Für die Fortschreibung: Stand der Maßnahmen" in html
    assert section_items(html, "entfallen") == ["/massnahmen/1/"]
    assert section_items(html, "zurueckgestellt") == ["/massnahmen/2/", "/massnahmen/8/"]
    assert section_items(html, "umgesetzt") == ["/massnahmen/4/"]
    overdue = ["/massnahmen/3/", "/massnahmen/6/", "/massnahmen/8/"]
    assert section_items(html, "ueberfaellig") == overdue
    assert "fällig seit 15. Juni 2025" in html
    assert "Ratsbeschluss über Version 1 am 15. Juni 2023" in html


def test_the_approved_versions_page_and_everyone_else_see_no_lists(officer_client, world):
    approved = officer_client.get(f"/konzept/v{world['approved'].number}/")
    assert approved.status_code == 200
    assert "fortschreibung-entfallen" not in approved.content.decode()
    anonymous, member = Client(), Client()
    member.force_login(UserFactory())
    for visitor in (anonymous, member):
        assert visitor.get(f"/konzept/v{world['draft'].number}/").status_code == 404


def test_without_a_council_decision_nothing_is_overdue(officer_client, concept):
    first = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    measure(concept, 1)
    draft = version_create_next(version=first, title="Fortschreibung")
    assert carry_lists(draft, TODAY).overdue == []
    html = officer_client.get(f"/konzept/v{draft.number}/").content.decode()
    assert "ohne ihn ist keine Maßnahme überfällig" in html
