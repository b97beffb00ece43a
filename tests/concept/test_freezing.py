import hashlib
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from concept.documents import build_document, canonical_json, version_document
from concept.models import ConceptVersion, Section, VersionStatus
from concept.services import amendment_create, version_create_next
from tests.concept.conftest import bring_to, move, version_with_sections
from tests.factories import SectionFactory, UserFactory


def test_freezing_stores_canonical_json_and_its_sha256(frozen):
    assert frozen.is_frozen
    assert frozen.checksum == hashlib.sha256(frozen.snapshot.encode("utf-8")).hexdigest()
    assert frozen.snapshot == canonical_json(json.loads(frozen.snapshot))
    assert ", " not in frozen.snapshot[:200] and '": ' not in frozen.snapshot


def test_snapshot_is_byte_exact_after_a_round_trip_through_the_database(frozen):
    stored = ConceptVersion.objects.get(pk=frozen.pk)
    assert hashlib.sha256(stored.snapshot.encode("utf-8")).hexdigest() == stored.checksum


def test_raw_update_of_a_frozen_versions_text_is_refused_by_the_database(frozen):
    for change in ({"title": "Anders"}, {"snapshot": "{}"}, {"checksum": "0" * 64}, {"number": 99}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ConceptVersion.objects.filter(pk=frozen.pk).update(**change)
    frozen.refresh_from_db()
    assert frozen.title == "Entwurf"


def test_status_and_decision_data_of_a_frozen_version_may_change(frozen):
    ConceptVersion.objects.filter(pk=frozen.pk).update(
        council_paper_reference="DS 1/2011", paper_url="https://ris.example.org/1"
    )
    move(frozen, VersionStatus.APPROVED)
    frozen.refresh_from_db()
    assert frozen.status == VersionStatus.APPROVED
    assert frozen.status_since is not None
    assert frozen.council_paper_reference == "DS 1/2011"
    assert frozen.paper_url == "https://ris.example.org/1"


def test_a_frozen_version_cannot_be_deleted(frozen):
    with pytest.raises(IntegrityError), transaction.atomic():
        ConceptVersion.objects.filter(pk=frozen.pk).delete()
    assert ConceptVersion.objects.filter(pk=frozen.pk).exists()


def test_sections_of_a_frozen_version_cannot_change_appear_or_vanish(frozen):
    section = frozen.sections.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.filter(pk=section.pk).update(body="Geändert")
    with pytest.raises(IntegrityError), transaction.atomic():
        section.title = "Neu"
        section.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(version=frozen, position=9, number="9", title="Neu", key="neu")
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.filter(pk=section.pk).delete()
    assert frozen.sections.count() == 2
    assert Section.objects.get(pk=section.pk).title == "Kapitel 1"


def test_model_validation_refuses_changes_to_a_frozen_version(frozen):
    frozen.title = "Anders"
    with pytest.raises(ValidationError) as error:
        frozen.full_clean()
    assert "eingefroren" in " ".join(error.value.messages)


def test_model_validation_refuses_a_section_of_a_frozen_version(frozen):
    section = frozen.sections.first()
    section.body = "Anders"
    with pytest.raises(ValidationError) as error:
        section.full_clean()
    assert "eingefroren" in " ".join(error.value.messages)


def test_service_refuses_amendments_on_a_frozen_version(frozen):
    with pytest.raises(ValidationError) as error:
        amendment_create(
            section=frozen.sections.first(),
            author=UserFactory(),
            kind="addition",
            proposed_text="x",
        )
    assert "Beteiligungsfrist" in " ".join(error.value.messages)


def test_moving_a_frozen_version_to_superseded_still_works(concept):
    first = bring_to(version_with_sections(concept), VersionStatus.SUPERSEDED)
    assert first.status == VersionStatus.SUPERSEDED
    assert first.is_frozen


def test_frozen_and_unfrozen_documents_have_the_same_shape(concept):
    first = version_with_sections(concept)
    live = version_document(first)
    bring_to(first, VersionStatus.COUNCIL_REVIEW)
    assert version_document(first) == live
    second = version_create_next(version=first)
    assert _shape(version_document(second)) == _shape(version_document(first))


def test_a_frozen_document_ignores_later_live_changes(concept):
    from tests.factories import MeasureFactory

    measure = MeasureFactory(concept=concept, title="Vorher")
    first = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    measure.title = "Nachher"
    measure.save()
    assert [m["title"] for m in version_document(first)["measures"]] == ["Vorher"]
    assert [m["title"] for m in build_document(first)["measures"]] == ["Nachher"]


def test_a_new_section_in_a_draft_is_allowed(draft):
    SectionFactory(version=draft, position=3, number="3", key="neu")
    assert draft.sections.count() == 3


def _shape(value):
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__ if value is not None else "null"
