"""An unfrozen version's document is cached under a fingerprint of its rows: every write
through save() or a service must change the key, so nothing stale is ever served."""

import pytest

from concept.documents import document_key, version_document
from concept.services import section_create, section_delete, section_update
from measures.services import measure_cite, progress_record
from tests.factories import (
    GoalFactory,
    MeasureFactory,
    OrganisationFactory,
    RecommendationFactory,
    TargetGroupFactory,
)


@pytest.fixture
def measure(draft):
    measure = MeasureFactory(concept=draft.concept, number=1, title="Vorher")
    measure_cite(measure=measure, sections=[draft.sections.first()])
    return measure


def changes_key(draft, change):
    before = document_key(draft)
    version_document(draft, key=before)
    change()
    draft.refresh_from_db()
    after = document_key(draft)
    assert after != before
    return version_document(draft, key=after)


def test_a_changed_measure_title_is_served_fresh(draft, measure):
    def rename():
        measure.title = "Nachher"
        measure.save()

    assert changes_key(draft, rename)["measures"][0]["title"] == "Nachher"


def test_recording_progress_changes_the_document(draft, measure):
    document = changes_key(draft, lambda: progress_record(measure=measure, status="implemented"))
    assert document["measures"][0]["status"] == "implemented"


def test_section_writes_change_the_document(draft, measure):
    section = draft.sections.get(key="kapitel-2")
    assert (
        changes_key(draft, lambda: section_update(section=section, body="Neu"))["sections"][1][
            "body"
        ]
        == "Neu"
    )
    changes_key(draft, lambda: section_create(version=draft, number="3", title="Drei"))
    changes_key(draft, lambda: section_delete(section=draft.sections.get(key="kapitel-2")))


@pytest.mark.parametrize("related", ["partner", "target_group", "recommendation", "goal"])
def test_related_rows_change_the_document(draft, measure, related):
    def link():
        if related == "partner":
            measure.partners.add(OrganisationFactory())
        elif related == "target_group":
            measure.target_groups.add(TargetGroupFactory())
        elif related == "recommendation":
            RecommendationFactory(concept=draft.concept).measures.add(measure)
        else:
            measure.goal = GoalFactory(concept=draft.concept)
            measure.save()

    changes_key(draft, link)


def test_renaming_an_organisation_changes_the_document(draft, measure):
    organisation = OrganisationFactory(name="Alt")
    measure.partners.add(organisation)

    def rename():
        organisation.name = "Neu"
        organisation.save()

    assert changes_key(draft, rename)["measures"][0]["partners"] == ["Neu"]


def test_removing_a_citation_changes_the_document(draft, measure):
    from measures.services import measure_uncite

    document = changes_key(
        draft, lambda: measure_uncite(measure=measure, sections=[draft.sections.first()])
    )
    assert document["measures"][0]["cited_in"] == []


def test_the_reading_view_shows_a_change_at_once(client, officer, draft, measure):
    client.force_login(officer)
    assert "Vorher" in client.get("/konzept/v1/").content.decode()
    measure.title = "Nachher"
    measure.save()
    content = client.get("/konzept/v1/").content.decode()
    assert "Nachher" in content and "Vorher" not in content


def test_a_frozen_version_is_keyed_by_its_checksum(frozen):
    assert document_key(frozen) == f"frozen-{frozen.checksum}"
