"""The start page's "Was ansteht" after every move: what has a later version drops out, and
each entry links to the one step that resolves it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from concept.models import ConceptVersion, ConsultationResult, VersionStatus
from concept.moderation import officer_worklist
from concept.services import version_create_next
from tests.concept.conftest import bring_to, decide, version_with_sections
from tests.factories import ConceptFactory

pytestmark = pytest.mark.django_db


def awaiting_numbers():
    return [version.number for version in officer_worklist().awaiting]


def test_a_closed_consultation_waits_for_presenting_until_a_later_version_exists(concept):
    closed = bring_to(version_with_sections(concept), VersionStatus.CONSULTATION_CLOSED)
    [entry] = officer_worklist().awaiting
    assert entry.number == closed.number
    assert entry.action.url == reverse(
        "admin:concept_conceptversion_move", args=[closed.pk, VersionStatus.COUNCIL_REVIEW]
    )
    assert str(entry.action.label) == "Den Gremien vorlegen"

    version_create_next(version=closed)
    assert awaiting_numbers() == []


def test_a_version_in_the_bodies_links_to_its_next_result_and_drops_out_once_decided(concept):
    presented = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    first = presented.consultations.planned().in_order().first()
    [entry] = officer_worklist().awaiting
    assert entry.action.url == reverse(
        "admin:concept_conceptversion_consultation_record", args=[presented.pk, first.pk]
    )
    assert str(entry.action.label) == "Ergebnis eintragen"

    decide(presented)
    assert presented.status == VersionStatus.APPROVED
    assert awaiting_numbers() == []


def test_a_version_in_the_bodies_drops_out_when_a_later_version_exists(concept):
    presented = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    assert awaiting_numbers() == [presented.number]
    version_create_next(version=presented)
    assert awaiting_numbers() == []


def test_superseded_versions_never_wait(concept):
    old = bring_to(version_with_sections(concept), VersionStatus.SUPERSEDED)
    assert old.status == VersionStatus.SUPERSEDED
    assert awaiting_numbers() == []


def test_a_decision_with_changes_waits_for_fixing_its_beschlossene_fassung(concept):
    presented = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    decide(presented, ConsultationResult.DECIDED_AMENDED)
    resolution = ConceptVersion.objects.get(resolution_of=presented)
    [entry] = officer_worklist().awaiting
    assert entry.pk == resolution.pk
    assert entry.action.url == reverse(
        "admin:concept_conceptversion_resolution_fix", args=[resolution.pk]
    )


def test_an_overdue_consultation_links_to_ending_it_a_running_one_to_its_version(concept):
    running = bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    [entry] = officer_worklist().consultations
    assert entry.action.url == reverse("admin:concept_conceptversion_change", args=[running.pk])
    later = timezone.now() + dt.timedelta(weeks=5)
    [entry] = officer_worklist(now=later).consultations
    assert entry.overdue
    assert entry.action.url == reverse(
        "admin:concept_conceptversion_move",
        args=[running.pk, VersionStatus.CONSULTATION_CLOSED],
    )


def test_every_action_on_the_start_page_opens_for_the_officer(officer_client, concept):
    bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    # A second concept's version, so that neither is the other's later version.
    other = ConceptFactory(slug="andere", title="Anderes Konzept")
    closed = bring_to(version_with_sections(other), VersionStatus.CONSULTATION_CLOSED)
    page = officer_client.get("/admin/").content.decode()
    links = [
        entry.action.url
        for entry in officer_worklist().awaiting
        if f'href="{entry.action.url}"' in page
    ]
    assert len(links) == 2, page
    for url in links:
        assert officer_client.get(url).status_code == 200, url
    assert closed.number in awaiting_numbers()


def test_the_worklist_keeps_to_five_queries(concept, django_assert_max_num_queries):
    for _ in range(3):
        bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    with django_assert_max_num_queries(5):
        officer_worklist()


def test_clerks_see_the_files_for_council_papers_not_the_officers_worklist(clerk_client, concept):
    presented = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    page = clerk_client.get("/admin/").content.decode()
    assert "Was ansteht" not in page
    assert "Dateien für Ratsvorlagen" in page
    assert f'href="/konzept/v{presented.number}/#herunterladen"' in page
    assert 'href="/admin/concept/issuedfile/"' in page
