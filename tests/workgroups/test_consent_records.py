"""The record of each consent to be named (Art. 7 Abs. 1 DSGVO): when, to which text, how and by
whom it was given and withdrawn; the membership's flag moves only with it."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone, translation

from concept.models import AmendmentStatus
from tests.concept.test_admin import admin_post_data, admin_url
from tests.factories import (
    AmendmentFactory,
    ConceptFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkingGroupFactory,
)
from workgroups.consents import ConsentHow, ConsentPurpose, ConsentRecord, consent_statement
from workgroups.models import Membership, WorkingGroup
from workgroups.services import (
    account_delete,
    membership_consent_give,
    membership_consent_withdraw,
)

STATEMENT = (
    "Mein Name darf öffentlich genannt werden. Dann steht Ihr Name in der Teilnehmendenliste der "
    "Arbeitsgruppe und bei Vorschlägen, die Sie künftig einreichen. Ein Widerruf entfernt ihn "
    "sofort überall."
)


@pytest.fixture
def member(db):
    user = UserFactory(username="ayse@example.org")
    return MembershipFactory(user=user, name="Ayşe Yılmaz")


def test_giving_consent_records_time_text_way_and_who(member):
    when = timezone.now() - dt.timedelta(hours=2)

    record = membership_consent_give(
        membership=member, how=ConsentHow.FORM, by=member.user, now=when
    )

    member.refresh_from_db()
    assert member.consent_to_name is True
    assert record.purpose == ConsentPurpose.NAME_PUBLIC
    assert record.text == STATEMENT == consent_statement(ConsentPurpose.NAME_PUBLIC)
    assert record.language == "de"
    assert record.given_at == when
    assert record.given_how == ConsentHow.FORM
    assert record.given_by == member.user
    assert record.withdrawn_at is None


def test_the_text_is_copied_in_the_language_it_was_shown_in(member):
    with translation.override("en"):
        record = membership_consent_give(membership=member, how=ConsentHow.FORM, by=member.user)
        shown = consent_statement(ConsentPurpose.NAME_PUBLIC)
    assert record.language == "en"
    assert record.text == shown


def test_giving_consent_again_keeps_the_one_in_force(member):
    first = membership_consent_give(membership=member, how=ConsentHow.FORM, by=member.user)
    again = membership_consent_give(membership=member, how=ConsentHow.ADMIN, by=None)
    assert again.pk == first.pk
    assert ConsentRecord.objects.count() == 1


def test_withdrawing_records_it_clears_the_flag_and_removes_the_name(member):
    amendment = AmendmentFactory(
        author=member.user,
        author_name="Ayşe Yılmaz",
        status=AmendmentStatus.SUBMITTED,
        submitted_at=timezone.now(),
        number=1,
    )
    given = membership_consent_give(membership=member, how=ConsentHow.FORM, by=member.user)
    when = timezone.now()

    assert (
        membership_consent_withdraw(
            membership=member, how=ConsentHow.FORM, by=member.user, now=when
        )
        == 1
    )

    given.refresh_from_db()
    member.refresh_from_db()
    amendment.refresh_from_db()
    assert given.withdrawn_at == when
    assert given.withdrawn_how == ConsentHow.FORM
    assert given.withdrawn_by == member.user
    assert member.consent_to_name is False
    assert amendment.author_name == ""


def test_a_new_consent_after_a_withdrawal_is_a_new_record(member):
    membership_consent_give(membership=member, how=ConsentHow.FORM, by=member.user)
    membership_consent_withdraw(membership=member, how=ConsentHow.FORM, by=member.user)
    membership_consent_give(membership=member, how=ConsentHow.FORM, by=member.user)

    records = list(ConsentRecord.objects.order_by("pk"))
    assert [record.in_force for record in records] == [False, True]
    assert list(ConsentRecord.objects.in_force()) == records[1:]


def test_the_database_keeps_one_consent_in_force_and_withdrawals_complete(member):
    membership_consent_give(membership=member, how=ConsentHow.FORM, by=member.user)
    fields = {
        "membership": member,
        "purpose": ConsentPurpose.NAME_PUBLIC,
        "text": STATEMENT,
        "language": "de",
        "given_how": ConsentHow.FORM,
    }
    now = timezone.now()
    for bad in (
        {"given_at": now},  # a second one in force
        {"given_at": now, "withdrawn_at": now - dt.timedelta(days=1), "withdrawn_how": "form"},
        {"given_at": now, "withdrawn_at": now, "withdrawn_how": ""},
        {"given_at": now, "given_how": ConsentHow.ACCOUNT_DELETED},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            ConsentRecord.objects.create(**{**fields, **bad})


def test_deleting_the_account_records_the_withdrawal(member):
    record = membership_consent_give(membership=member, how=ConsentHow.FORM, by=member.user)

    account_delete(user=member.user)

    record.refresh_from_db()
    member.refresh_from_db()
    assert record.withdrawn_how == ConsentHow.ACCOUNT_DELETED
    assert record.withdrawn_at is not None
    assert member.consent_to_name is False and member.name == ""


# --- the admin records what the officer enters ---------------------------------------------


def test_consent_entered_in_the_membership_admin_is_recorded_as_the_officers(
    officer_client, officer
):
    membership = MembershipFactory(name="Hanna Beispiel")
    url = admin_url(Membership, "change", membership.pk)
    data = admin_post_data(officer_client.get(url))
    data["consent_to_name"] = "on"

    assert officer_client.post(url, data).status_code == 302

    record = ConsentRecord.objects.get(membership=membership)
    assert record.given_how == ConsentHow.ADMIN
    assert record.given_by == officer
    data = admin_post_data(officer_client.get(url))
    del data["consent_to_name"]
    officer_client.post(url, data)
    record.refresh_from_db()
    assert (record.withdrawn_how, record.withdrawn_by) == (ConsentHow.ADMIN, officer)


def test_a_new_participant_with_consent_gets_a_record(officer_client, officer):
    group = WorkingGroupFactory()
    organisation = OrganisationFactory()
    url = admin_url(WorkingGroup, "change", group.pk)
    data = admin_post_data(officer_client.get(url))
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-name": "Hanna Beispiel",
            "memberships-0-organisation": str(organisation.pk),
            "memberships-0-role": "member",
            "memberships-0-consent_to_name": "on",
        }
    )

    assert officer_client.post(url, data).status_code == 302

    membership = Membership.objects.get(name="Hanna Beispiel")
    assert membership.consent_to_name is True
    record = ConsentRecord.objects.get(membership=membership)
    assert (record.given_how, record.given_by) == (ConsentHow.ADMIN, officer)


def test_a_new_participant_without_consent_gets_none(officer_client):
    url = admin_url(Membership, "add")
    data = admin_post_data(officer_client.get(url))
    data.update(
        {
            "working_group": str(WorkingGroupFactory().pk),
            "name": "Ohne Einwilligung",
            "role": "member",
        }
    )
    assert officer_client.post(url, data).status_code == 302
    assert Membership.objects.get(name="Ohne Einwilligung").consent_to_name is False
    assert not ConsentRecord.objects.exists()


# --- the consents given before the records ----------------------------------------------------

BEFORE = [("workgroups", "0004_participant_count_only_recorded")]
AFTER = [("workgroups", "0006_consent_records_for_existing_consents")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_records_each_consent_given_before_as_migrated():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    concept = ConceptFactory()  # the concept's tables are as they are now
    group = old.get_model("workgroups", "WorkingGroup").objects.create(
        concept_id=concept.pk, name="Bildung", slug="bildung"
    )
    memberships = old.get_model("workgroups", "Membership").objects
    named = memberships.create(working_group_id=group.pk, name="Mit", consent_to_name=True)
    memberships.create(working_group_id=group.pk, name="Ohne", consent_to_name=False)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    # Every app back at its newest migration: going back to BEFORE also unapplied the
    # migrations of other apps that depend on later workgroups migrations (measures' contacts).
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    record = ConsentRecord.objects.get()
    assert record.membership_id == named.pk
    assert record.given_how == ConsentHow.MIGRATED
    assert record.given_at == Membership.objects.get(pk=named.pk).created_at
    assert record.text == STATEMENT
    assert "nicht bekannt" in record.note
