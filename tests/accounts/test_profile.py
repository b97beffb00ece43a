import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from concept.models import Amendment
from minden_integration.accounts.services import account_erase
from tests.accounts.conftest import assert_sound_page
from tests.factories import AmendmentFactory, MembershipFactory, OrganisationFactory
from workgroups.consents import ConsentRecord
from workgroups.models import Invitation, Membership


@pytest.fixture
def membership(member, group):
    return MembershipFactory(
        working_group=group,
        user=member,
        name="Erika Musterfrau",
        organisation=OrganisationFactory(name="Moscheeverein Minden"),
        role="chair",
        consent_to_name=True,
    )


@pytest.fixture
def named_amendment(member):
    return AmendmentFactory(author=member, author_name="Erika Musterfrau")


def test_profile_lists_group_organisation_and_role(client, member, membership):
    client.force_login(member)
    response = client.get("/konto/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Bildung und Erziehung" in content
    assert "Moscheeverein Minden" in content
    assert "Leitung" in content
    assert f'id="id_membership_{membership.pk}_consent_to_name"' in content
    assert "checked" in content
    assert_sound_page(content)


def test_profile_shows_only_the_own_memberships(client, member, membership):
    MembershipFactory(user=None, name="Jemand Anderes")
    client.force_login(member)
    assert "Jemand Anderes" not in client.get("/konto/").content.decode()


def test_withdrawing_consent_removes_the_name_from_every_amendment(
    client, member, membership, named_amendment
):
    other = AmendmentFactory(author=member, author_name="Erika Musterfrau")
    client.force_login(member)
    response = client.post(f"/konto/einwilligung/{membership.pk}/", {})
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    membership.refresh_from_db()
    assert not membership.consent_to_name
    assert set(
        Amendment.objects.filter(pk__in=[named_amendment.pk, other.pk]).values_list(
            "author_name", flat=True
        )
    ) == {""}
    assert "Einwilligung ist widerrufen" in client.get("/konto/").content.decode()


def test_giving_consent(client, member, membership):
    Membership.objects.filter(pk=membership.pk).update(consent_to_name=False)
    client.force_login(member)
    client.post(f"/konto/einwilligung/{membership.pk}/", {"consent_to_name": "on"})
    membership.refresh_from_db()
    assert membership.consent_to_name


def test_the_consent_form_records_what_the_member_agreed_to_and_withdrew(
    client, member, membership
):
    """Art. 7 Abs. 1 DSGVO: the text shown on the form, when, and that the member gave it."""
    Membership.objects.filter(pk=membership.pk).update(consent_to_name=False)
    client.force_login(member)
    form_text = " ".join(client.get("/konto/").content.decode().split())

    client.post(f"/konto/einwilligung/{membership.pk}/", {"consent_to_name": "on"})
    record = ConsentRecord.objects.get(membership=membership)
    assert (record.given_how, record.given_by, record.withdrawn_at) == ("form", member, None)
    label, explanation = record.text.split(". ", 1)
    assert f"{label}." in form_text and explanation in form_text

    client.post(f"/konto/einwilligung/{membership.pk}/", {})
    record.refresh_from_db()
    assert (record.withdrawn_how, record.withdrawn_by) == ("form", member)
    assert record.withdrawn_at is not None


def test_nobody_can_change_someone_elses_consent(client, member, membership, roles):
    stranger = get_user_model().objects.create_user("fremd@example.org", password="x")
    client.force_login(stranger)
    assert client.post(f"/konto/einwilligung/{membership.pk}/", {}).status_code == 404
    membership.refresh_from_db()
    assert membership.consent_to_name


def test_consent_needs_a_post_and_a_login(client, member, membership):
    assert client.post(f"/konto/einwilligung/{membership.pk}/", {}).status_code == 302
    client.force_login(member)
    assert client.get(f"/konto/einwilligung/{membership.pk}/").status_code == 405


def test_csrf_is_enforced_on_consent(member, membership):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(f"/konto/einwilligung/{membership.pk}/", {}).status_code == 403
    membership.refresh_from_db()
    assert membership.consent_to_name


def test_deleting_the_account_needs_confirmation(client, member, membership):
    client.force_login(member)
    response = client.post("/konto/loeschen/", {})
    assert response.status_code == 400
    assert "Bitte bestätigen Sie" in response.content.decode()
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_deleting_the_account_removes_the_name_everywhere(
    client, member, membership, named_amendment
):
    client.force_login(member)
    response = client.post("/konto/loeschen/", {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    assert "_auth_user_id" not in client.session
    named_amendment.refresh_from_db()
    assert named_amendment.author_id is None
    assert named_amendment.author_name == ""
    membership.refresh_from_db()
    assert membership.user_id is None
    assert membership.name == ""
    assert not membership.consent_to_name
    assert membership.organisation.name == "Moscheeverein Minden"  # still a participant
    assert "Ihr Konto ist gelöscht." in client.get("/").content.decode()


def test_deleting_a_user_anywhere_clears_the_amendment_names(member, named_amendment):
    """concept's pre_delete handler: also when the officer deletes the user in the admin."""
    member.delete()
    named_amendment.refresh_from_db()
    assert (named_amendment.author_id, named_amendment.author_name) == (None, "")


def test_account_delete_removes_open_invitations(invite):
    invitation, _link = invite()
    account_erase(user=invitation.user, by=invitation.user)
    assert not Invitation.objects.exists()


def test_staff_cannot_delete_their_account_here(client, officer):
    client.force_login(officer)
    page = client.get("/konto/loeschen/")
    assert page.status_code == 200
    assert "nur Administratoren im Admin" in page.content.decode()
    assert client.post("/konto/loeschen/", {"confirm": "on"}).status_code == 403
    assert get_user_model().objects.filter(pk=officer.pk).exists()
    assert "/konto/loeschen/" not in client.get("/konto/").content.decode()


def test_csrf_is_enforced_on_account_deletion(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post("/konto/loeschen/", {"confirm": "on"}).status_code == 403
    assert get_user_model().objects.filter(pk=member.pk).exists()
