import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from concept.services import amendment_submit
from tests.factories import (
    AmendmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
    WorkingGroupFactory,
)
from workgroups.consents import ConsentHow
from workgroups.models import Session
from workgroups.services import membership_consent_set


def violates(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_group_slug_and_name_are_unique_per_concept(db):
    group = WorkingGroupFactory(slug="bildung", name="Bildung")
    violates(lambda: WorkingGroupFactory(concept=group.concept, slug="bildung"))
    violates(lambda: WorkingGroupFactory(concept=group.concept, name="Bildung"))
    WorkingGroupFactory(slug="bildung", name="Bildung")  # another concept may reuse both


def test_a_user_is_member_of_a_group_once(db):
    membership = MembershipFactory(user=UserFactory())
    violates(
        lambda: MembershipFactory(working_group=membership.working_group, user=membership.user)
    )
    MembershipFactory(working_group=membership.working_group, user=None)
    MembershipFactory(working_group=membership.working_group, user=None)


def test_session_rounds_are_positive_unique_and_dated(db):
    session = SessionFactory(round=1)
    violates(lambda: SessionFactory(working_group=session.working_group, round=1))
    violates(lambda: SessionFactory(working_group=session.working_group, round=0))
    violates(lambda: SessionFactory(working_group=session.working_group, round=5, date_text=""))


def test_session_clean_explains_a_missing_date(db):
    session = Session(working_group=WorkingGroupFactory(), round=1)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "Datum" in str(error.value)


def test_organisation_names_are_unique(db):
    OrganisationFactory(name="Volkshochschule")
    violates(lambda: OrganisationFactory(name="Volkshochschule"))


def test_withdrawing_consent_removes_the_name_from_every_amendment(db):
    user = UserFactory()
    membership = MembershipFactory(user=user, consent_to_name=True, name="Erika Muster")
    amendments = [AmendmentFactory(author=user, author_name="Erika Muster") for _ in range(3)]
    other = AmendmentFactory(author_name="Max Beispiel")
    membership_consent_set(membership=membership, consent=False, how=ConsentHow.FORM, by=user)
    for amendment in amendments:
        amendment.refresh_from_db()
        assert amendment.author_name == ""
        assert amendment.proposer_label.startswith("Mitglied")
    other.refresh_from_db()
    assert other.author_name == "Max Beispiel"
    membership.refresh_from_db()
    assert membership.public_name == ""


def test_deleting_an_account_removes_its_name_from_amendments(db):
    user = UserFactory()
    amendment = AmendmentFactory(
        author=user, author_name="Erika Muster", working_group_name="Bildung"
    )
    user.delete()
    amendment.refresh_from_db()
    assert amendment.author is None
    assert amendment.author_name == ""
    assert str(amendment.proposer_label) == "Mitglied der AG Bildung"


@pytest.mark.parametrize(
    ("submitted_as", "organisation", "name"),
    [("person", "", "Erika Muster"), ("organisation", "Volkshochschule", "")],
)
def test_submission_copies_what_the_choice_shows_and_the_group(
    db, submitted_as, organisation, name
):
    """On behalf of the organisation: its name, never the person's. As a person: the name
    (given with consent), never the organisation."""
    import datetime as dt

    from django.utils import timezone

    amendment = AmendmentFactory()
    version = amendment.version
    version.status = "consultation"
    version.consultation_ends_at = timezone.now() + dt.timedelta(days=3)
    version.save()
    amendment_submit(
        amendment=amendment,
        by=amendment.author,
        submitted_as=submitted_as,
        organisation_name="Volkshochschule",
        working_group_name="Bildung und Erziehung",
        author_name="Erika Muster",
    )
    amendment.refresh_from_db()
    assert amendment.status == "submitted" and amendment.submitted_at
    assert amendment.submitted_as == submitted_as
    assert amendment.working_group_name == "Bildung und Erziehung"
    assert amendment.organisation_name == organisation
    assert amendment.author_name == name
