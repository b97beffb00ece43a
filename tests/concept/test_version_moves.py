import itertools

import pytest
from django.core.exceptions import ValidationError

from concept.models import (
    RESULT_MOVES,
    VERSION_MOVES,
    ConceptVersion,
    VersionStatus,
    find_move,
)
from concept.services import version_transition
from tests.concept.conftest import ROUTES, bring_to, in_four_weeks, move, version_with_sections

STATUSES = list(VersionStatus)
# Moves an officer makes with a button; the decisions follow from a Beratung's result.
BUTTONS = [(m.source, m.target) for m in VERSION_MOVES if not m.automatic and not m.decision]
DECISIONS = [(m.source, m.target) for m in VERSION_MOVES if m.decision]
REFUSED = [
    (source, target)
    for source, target in itertools.permutations(STATUSES, 2)
    if (source, target) not in BUTTONS
]


def test_the_table_is_exactly_the_issues_moves():
    assert sorted(BUTTONS) == sorted(
        [
            ("draft", "consultation"),
            ("consultation", "consultation_closed"),
            ("draft", "council_review"),
            ("consultation_closed", "council_review"),
        ]
    )
    assert sorted(DECISIONS) == sorted(
        [
            ("council_review", "approved"),
            ("council_review", "amended"),
            ("council_review", "rejected"),
            ("draft", "approved"),
        ]
    )
    assert {t for t in RESULT_MOVES.values() if t} == {"approved", "amended", "rejected"}


@pytest.mark.parametrize(("source", "target"), BUTTONS)
def test_every_button_move_works(concept, source, target):
    version = bring_to(version_with_sections(concept), source)
    moved = move(version, target)
    version.refresh_from_db()
    assert version.status == target == moved.status
    assert version.status_changed_at is not None
    assert version.status_since is not None


@pytest.mark.parametrize("target", ["approved", "amended", "rejected"])
def test_every_decision_follows_from_the_deciding_result(concept, target):
    version = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    move(version, target)
    version.refresh_from_db()
    assert version.status == target


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_other_move_is_refused_with_a_german_message(concept, source, target):
    version = bring_to(version_with_sections(concept), source)
    before = version.status
    with pytest.raises(ValidationError) as error:
        version_transition(
            version=version,
            to=target,
            consultation_ends_at=in_four_weeks(),
            council_paper_reference="DS 1/2026",
        )
    assert "kann nicht von" in " ".join(error.value.messages)
    assert str(VersionStatus(source).label) in " ".join(error.value.messages)
    version.refresh_from_db()
    assert version.status == before


@pytest.mark.parametrize("status", STATUSES)
def test_text_is_editable_only_in_draft(status):
    assert ConceptVersion(status=status).text_editable == (status == VersionStatus.DRAFT)


def test_unknown_target_status_is_refused(draft):
    with pytest.raises(ValidationError):
        move(draft, "published")


def test_consultation_needs_a_future_deadline(draft):
    with pytest.raises(ValidationError) as missing:
        move(draft, VersionStatus.CONSULTATION, consultation_ends_at=None)
    assert "Beteiligungsfrist" in " ".join(missing.value.messages)
    from django.utils import timezone

    with pytest.raises(ValidationError) as past:
        move(draft, VersionStatus.CONSULTATION, consultation_ends_at=timezone.now())
    assert "Zukunft" in " ".join(past.value.messages)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_version_without_sections_cannot_go_to_consultation_or_council(concept):
    from concept.services import version_create

    empty = version_create(concept=concept)
    for target in (VersionStatus.CONSULTATION, VersionStatus.COUNCIL_REVIEW):
        with pytest.raises(ValidationError):
            move(empty, target)
    empty.refresh_from_db()
    assert empty.status == VersionStatus.DRAFT and not empty.is_frozen


def test_approving_supersedes_the_previously_approved_version(concept):
    first = bring_to(version_with_sections(concept), VersionStatus.APPROVED)
    second = bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)
    move(second, VersionStatus.APPROVED)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert second.status == VersionStatus.APPROVED
    assert find_move(VERSION_MOVES, "approved", "superseded").automatic


def test_superseded_cannot_be_chosen_by_hand(concept):
    approved = bring_to(version_with_sections(concept), VersionStatus.APPROVED)
    with pytest.raises(ValidationError):
        move(approved, VersionStatus.SUPERSEDED)


def test_consultations_past_their_deadline_close(concept):
    import datetime as dt

    from django.utils import timezone

    from concept.services import consultations_close_expired

    version = version_with_sections(concept)
    move(version, VersionStatus.CONSULTATION, consultation_ends_at=in_four_weeks())
    assert consultations_close_expired() == 0
    later = timezone.now() + dt.timedelta(weeks=5)
    assert consultations_close_expired(now=later) == 1
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTATION_CLOSED


def test_routes_cover_every_status_but_superseded():
    assert set(ROUTES) | {VersionStatus.SUPERSEDED} == set(VersionStatus)
