"""Every invariant of `concept` is a database constraint: raw writes that break one fail."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from concept.models import Amendment, ConceptVersion, Milestone, Section, VersionStatus
from tests.concept.conftest import bring_to, version_with_sections
from tests.factories import (
    AmendmentFactory,
    BodyFactory,
    MilestoneFactory,
    SectionFactory,
    VersionFactory,
)


def violates(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_version_numbers_are_unique_per_concept(concept):
    VersionFactory(concept=concept, number=7)
    violates(lambda: ConceptVersion.objects.create(concept=concept, number=7))


def test_version_numbers_may_repeat_across_concepts(concept):
    VersionFactory(concept=concept, number=7)
    VersionFactory(number=7)
    assert ConceptVersion.objects.filter(number=7).count() == 2


def test_version_number_is_positive(concept):
    violates(lambda: ConceptVersion.objects.create(concept=concept, number=0))


def test_version_status_must_be_known(draft):
    violates(lambda: ConceptVersion.objects.filter(pk=draft.pk).update(status="published"))


def test_consultation_needs_a_deadline_in_the_database(draft):
    violates(lambda: ConceptVersion.objects.filter(pk=draft.pk).update(status="consultation"))


def test_only_one_version_per_concept_is_approved(concept):
    first = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    second = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    ConceptVersion.objects.filter(pk=first.pk).update(status="approved")
    violates(lambda: ConceptVersion.objects.filter(pk=second.pk).update(status="approved"))


def test_a_frozen_status_needs_a_snapshot(draft):
    violates(lambda: ConceptVersion.objects.filter(pk=draft.pk).update(status="rejected"))


def test_an_unfrozen_status_cannot_carry_a_snapshot(draft):
    violates(
        lambda: ConceptVersion.objects.filter(pk=draft.pk).update(
            snapshot="{}", checksum="a" * 64, frozen_at=timezone.now()
        )
    )


def test_section_keys_and_positions_are_unique_per_version(draft):
    violates(lambda: SectionFactory(version=draft, key="kapitel-1", position=10))
    violates(lambda: SectionFactory(version=draft, key="anders", position=1))


def test_section_position_and_level_are_valid(draft):
    violates(lambda: SectionFactory(version=draft, position=0))
    violates(lambda: SectionFactory(version=draft, position=11, level=4))


def test_decided_amendments_need_reasoning_and_time(draft):
    amendment = AmendmentFactory(section=draft.sections.first())
    violates(lambda: Amendment.objects.filter(pk=amendment.pk).update(status="rejected"))
    violates(
        lambda: Amendment.objects.filter(pk=amendment.pk).update(
            status="rejected", decided_at=timezone.now()
        )
    )


def test_partially_accepted_needs_the_adopted_text(draft):
    amendment = AmendmentFactory(section=draft.sections.first())
    violates(
        lambda: Amendment.objects.filter(pk=amendment.pk).update(
            status="partially_accepted", decided_at=timezone.now(), decision_reasoning="Teils."
        )
    )


def test_only_accepted_amendments_are_incorporated(concept, draft):
    later = VersionFactory(concept=concept, number=5)
    amendment = AmendmentFactory(section=draft.sections.first())
    violates(lambda: Amendment.objects.filter(pk=amendment.pk).update(incorporated_in=later))


def test_submitted_amendments_carry_their_submission_time(draft):
    amendment = AmendmentFactory(section=draft.sections.first())
    violates(lambda: Amendment.objects.filter(pk=amendment.pk).update(status="submitted"))


@pytest.mark.parametrize(
    "field", ["passage", "proposed_text", "rationale", "decision_reasoning", "adopted_text"]
)
def test_amendment_texts_have_a_length_limit(draft, field):
    too_long = "x" * (settings.PORTAL_TEXT_MAX_LENGTH + 1)
    violates(lambda: AmendmentFactory(section=draft.sections.first(), **{field: too_long}))


def test_amendment_status_must_be_known(draft):
    amendment = AmendmentFactory(section=draft.sections.first())
    violates(lambda: Amendment.objects.filter(pk=amendment.pk).update(status="lost"))


def test_milestones_need_a_date_or_a_date_text(concept):
    violates(lambda: Milestone.objects.create(concept=concept, title="Ohne Datum", kind="other"))


def test_body_names_are_unique_per_concept(concept):
    violates(lambda: BodyFactory(concept=concept, name="Integrationsrat"))


# --- the same rules in clean(), with German messages ------------------------------------------


def test_clean_requires_a_deadline_for_consultation(draft):
    draft.status = VersionStatus.CONSULTATION
    with pytest.raises(ValidationError) as error:
        draft.full_clean()
    assert "Fristende" in str(error.value)


def test_clean_refuses_a_section_of_another_version(concept, draft):
    other = SectionFactory(version=VersionFactory(concept=concept, number=9))
    amendment = Amendment(version=draft, section=other, kind="addition", proposed_text="x")
    with pytest.raises(ValidationError) as error:
        amendment.full_clean()
    assert "gehört nicht zu dieser Version" in str(error.value)


def test_clean_requires_reasoning_for_a_decision(draft):
    amendment = AmendmentFactory(section=draft.sections.first())
    amendment.status = "rejected"
    with pytest.raises(ValidationError) as error:
        amendment.full_clean()
    assert "Begründung" in str(error.value)


def test_clean_refuses_texts_over_the_limit(draft):
    amendment = AmendmentFactory.build(
        section=draft.sections.first(),
        version=draft,
        author=None,
        proposed_text="x" * (settings.PORTAL_TEXT_MAX_LENGTH + 1),
    )
    with pytest.raises(ValidationError) as error:
        amendment.full_clean()
    assert "proposed_text" in error.value.message_dict


def test_clean_requires_a_milestone_date(concept):
    milestone = MilestoneFactory.build(concept=concept, date_text="  ")
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert "Herbst 2010" in str(error.value)


def test_clean_refuses_a_body_of_another_concept(concept):
    milestone = MilestoneFactory.build(concept=concept, body=BodyFactory())
    with pytest.raises(ValidationError):
        milestone.full_clean()


def test_sections_exist_in_order(draft):
    assert [s.position for s in Section.objects.filter(version=draft).in_order()] == [1, 2]


def test_a_submitted_amendment_has_a_number_and_a_draft_none(draft):
    amendment = AmendmentFactory(section=draft.sections.first())
    assert amendment.number is None
    violates(lambda: Amendment.objects.filter(pk=amendment.pk).update(number=1))
    violates(
        lambda: Amendment.objects.filter(pk=amendment.pk).update(
            status="submitted", submitted_at=timezone.now()
        )
    )


def test_amendment_numbers_are_unique_per_version(draft):
    first = AmendmentFactory(section=draft.sections.first(), submitted_at=timezone.now())
    second = AmendmentFactory(section=draft.sections.first(), submitted_at=timezone.now())
    assert (first.number, second.number) == (1, 2)
    violates(lambda: Amendment.objects.filter(pk=second.pk).update(number=1))


def test_a_person_keeps_no_organisation_and_an_organisation_no_name(draft):
    amendment = AmendmentFactory(section=draft.sections.first())
    rows = Amendment.objects.filter(pk=amendment.pk)
    violates(lambda: rows.update(organisation_name="Volkshochschule Minden"))
    violates(lambda: rows.update(submitted_as="organisation"))  # which organisation?
    violates(
        lambda: rows.update(
            submitted_as="organisation",
            organisation_name="Volkshochschule Minden",
            author_name="Erika Mustermann",
        )
    )
    violates(lambda: rows.update(submitted_as="verein"))
    rows.update(submitted_as="organisation", organisation_name="Volkshochschule Minden")
