import pytest
from django.core.exceptions import ValidationError

from concept import contributors
from concept.documents import version_document
from concept.models import VersionStatus
from concept.services import version_create_next
from measures.services import measure_cite
from tests.concept.conftest import bring_to, move, version_with_sections
from tests.factories import MeasureFactory, RecommendationFactory


def test_next_version_copies_sections_with_their_stable_keys(frozen):
    successor = version_create_next(version=frozen, title="Zweiter Entwurf")
    old = list(frozen.sections.in_order().values_list("key", "number", "title", "body"))
    new = list(successor.sections.in_order().values_list("key", "number", "title", "body"))
    assert new == old
    assert successor.number == frozen.number + 1
    assert successor.status == VersionStatus.DRAFT and not successor.is_frozen


def test_next_version_carries_the_section_citations(concept):
    first = version_with_sections(concept)
    measure = MeasureFactory(concept=concept, number=4)
    RecommendationFactory(concept=concept, code="E1").measures.add(measure)
    measure_cite(measure=measure, sections=[first.sections.get(key="kapitel-2")])
    bring_to(first, VersionStatus.COUNCIL_REVIEW)
    second = version_create_next(version=first)
    assert list(measure.cited_sections.filter(version=second).values_list("key", flat=True)) == [
        "kapitel-2"
    ]
    document = version_document(second)
    assert document["measures"][0]["cited_in"] == ["kapitel-2"]
    assert document["measures"][0]["recommendations"] == ["E1"]
    assert document["recommendations"][0]["measures"] == [4]


def test_measures_is_a_registered_contributor():
    assert "measures" in [c.name for c in contributors.contributors()]


def test_creating_the_successor_is_refused_while_the_consultation_runs(concept):
    first = bring_to(version_with_sections(concept), VersionStatus.CONSULTATION)
    with pytest.raises(ValidationError) as error:
        version_create_next(version=first)
    assert "läuft noch" in " ".join(error.value.messages)
    first.refresh_from_db()
    assert first.status == VersionStatus.CONSULTATION
    move(first, VersionStatus.CONSULTATION_CLOSED)
    assert version_create_next(version=first).number == 2


def test_only_one_draft_at_a_time(frozen):
    version_create_next(version=frozen)
    with pytest.raises(ValidationError) as error:
        version_create_next(version=frozen)
    assert "bereits einen Entwurf" in " ".join(error.value.messages)


def test_a_draft_is_edited_not_continued(draft):
    with pytest.raises(ValidationError):
        version_create_next(version=draft)


def test_a_rejected_version_can_be_continued(concept):
    returned = bring_to(version_with_sections(concept), VersionStatus.REJECTED)
    successor = version_create_next(version=returned)
    assert successor.sections.count() == 2
