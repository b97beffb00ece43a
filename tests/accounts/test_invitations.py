import datetime as dt
import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from minden_integration.roles import MEMBER
from tests.accounts.conftest import assert_sound_page
from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory
from workgroups.models import Invitation, Membership
from workgroups.services import member_invite

PASSWORD = "Weserufer-Lesepaten-2011"


def _set_password(client, link, password=PASSWORD):
    return client.post(link, {"new_password1": password, "new_password2": password})


def test_invitation_creates_account_membership_and_german_email(invite, group, organisation):
    invitation, link = invite()
    user = invitation.user
    assert user.username == "ayse.yilmaz@example.org"
    assert user.email == "ayse.yilmaz@example.org"
    assert not user.has_usable_password()
    assert user.groups.filter(name=MEMBER).exists()
    membership = Membership.objects.get(user=user)
    assert (membership.working_group, membership.organisation) == (group, organisation)
    assert membership.name == "Ayşe Yılmaz"
    assert not membership.consent_to_name
    message = mail.outbox[-1]
    assert message.to == ["ayse.yilmaz@example.org"]
    assert message.subject.startswith("Einladung zum Beteiligungsportal")
    assert "Guten Tag Ayşe Yılmaz," in message.body
    assert "„Bildung und Erziehung“" in message.body
    assert "Der Link gilt nur einmal" in message.body
    assert "&" not in message.body  # plain text, not HTML-escaped


def test_only_the_hash_of_the_token_is_stored(invite):
    invitation, link = invite()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40
    invitation.refresh_from_db()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())


def test_invitation_link_sets_the_password_and_logs_in(client, invite):
    invitation, link = invite()
    page = client.get(link)
    assert page.status_code == 200
    assert_sound_page(page.content.decode())
    assert "Bildung und Erziehung" in page.content.decode()

    response = _set_password(client, link)
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    profile = client.get("/konto/")
    assert profile.status_code == 200
    assert profile.wsgi_request.user.pk == invitation.user.pk
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    invitation.user.refresh_from_db()
    assert invitation.user.check_password(PASSWORD)


def test_a_weak_password_is_refused_with_a_german_message(client, invite):
    invitation, link = invite()
    response = _set_password(client, link, password="12345678")
    assert response.status_code == 400
    assert "Dieses Passwort ist zu üblich" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.used_at is None
    assert "_auth_user_id" not in client.session


def test_a_used_link_cannot_be_used_again(client, invite):
    invitation, link = invite()
    _set_password(client, link)
    client.logout()
    again = _set_password(client, link, password="Ein-ganz-anderes-Passwort-99")
    assert again.status_code == 410
    assert "bereits verwendet" in again.content.decode()
    assert_sound_page(again.content.decode())
    invitation.user.refresh_from_db()
    assert invitation.user.check_password(PASSWORD)
    assert "_auth_user_id" not in client.session


def test_an_expired_link_changes_nothing(client, invite):
    invitation, link = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert client.get(link).status_code == 410
    response = _set_password(client, link)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
    invitation.user.refresh_from_db()
    assert not invitation.user.has_usable_password()
    assert Invitation.objects.get(pk=invitation.pk).used_at is None


def test_the_link_expires_after_the_configured_days(settings, invite):
    settings.PORTAL_INVITATION_VALID_DAYS = 7
    before = timezone.now()
    invitation, _link = invite()
    assert (
        before + dt.timedelta(days=7) <= invitation.expires_at <= timezone.now() + dt.timedelta(7)
    )


def test_an_altered_link_is_unknown_and_changes_nothing(client, invite):
    invitation, link = invite()
    altered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    response = _set_password(client, altered)
    assert response.status_code == 404
    assert "Diesen Einladungslink gibt es nicht" in response.content.decode()
    invitation.user.refresh_from_db()
    assert not invitation.user.has_usable_password()


def test_reinviting_invalidates_the_older_open_link(client, invite):
    first, old_link = invite()
    second, new_link = invite()
    assert first.user == second.user
    assert Membership.objects.filter(user=first.user).count() == 1
    first.refresh_from_db()
    assert first.revoked_at is not None
    response = _set_password(client, old_link)
    assert response.status_code == 410
    assert "neuere Einladung" in response.content.decode()
    assert _set_password(client, new_link).status_code == 302


def test_inviting_an_existing_account_reuses_it_and_keeps_its_password(invite):
    existing = UserFactory(username="lehrer@example.org", email="Lehrer@Example.org")
    invitation, _link = invite(email="LEHRER@example.org", name="Jan Lehrer")
    assert invitation.user == existing
    existing.refresh_from_db()
    assert existing.check_password("correct horse battery staple")
    assert existing.groups.filter(name=MEMBER).exists()


def test_inviting_links_the_account_to_a_listed_participant_of_the_same_name(invite, group):
    listed = MembershipFactory(working_group=group, name="Ayşe Yılmaz", user=None)
    invitation, _link = invite()
    assert invitation.membership == listed
    listed.refresh_from_db()
    assert listed.user == invitation.user


def test_a_member_can_be_invited_into_a_second_group(invite, group):
    other = WorkingGroupFactory(concept=group.concept, name="Arbeit und Soziales", slug="arbeit")
    first, _ = invite()
    second, _ = invite(working_group=other)
    assert first.user == second.user
    groups = Membership.objects.filter(user=first.user).values_list("working_group", flat=True)
    assert sorted(groups) == sorted([group.pk, other.pk])


def test_an_invalid_email_is_refused(roles, officer, group):
    with pytest.raises(ValidationError) as exc:
        member_invite(
            email="keine-adresse",
            name="X",
            working_group=group,
            organisation=None,
            invited_by=officer,
        )
    assert "gültige E-Mail-Adresse" in str(exc.value)
    assert not get_user_model().objects.filter(username="keine-adresse").exists()


def test_a_deactivated_account_is_not_silently_reactivated(roles, officer, group):
    UserFactory(username="weg@example.org", is_active=False)
    with pytest.raises(ValidationError, match="deaktiviert"):
        member_invite(
            email="weg@example.org",
            name="X",
            working_group=group,
            organisation=None,
            invited_by=officer,
        )
    assert not Invitation.objects.exists()


def test_the_email_is_sent_only_after_commit(
    roles, officer, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        member_invite(
            email="neu@example.org",
            name="Neu",
            working_group=group,
            organisation=None,
            invited_by=officer,
        )
        assert mail.outbox == []
    assert len(callbacks) == 1


# --- the admin ------------------------------------------------------------------------------


def test_officer_invites_a_member_from_the_admin(
    officer_client, group, organisation, django_capture_on_commit_callbacks
):
    page = officer_client.get(f"/admin/workgroups/membership/einladen/?working_group={group.pk}")
    assert page.status_code == 200
    assert f'<option value="{group.pk}" selected>' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            "/admin/workgroups/membership/einladen/",
            {
                "email": "eltern@example.org",
                "name": "Eva Eltern",
                "working_group": group.pk,
                "organisation": organisation.pk,
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="eltern@example.org")
    assert response["Location"] == f"/admin/workgroups/membership/{membership.pk}/change/"
    assert mail.outbox[-1].to == ["eltern@example.org"]
    assert "/konto/einladung/" in mail.outbox[-1].body
    assert Invitation.objects.get().invited_by.username == "beauftragte@minden.example"


def test_the_admin_shows_german_errors_and_stores_nothing(officer_client, group):
    response = officer_client.post(
        "/admin/workgroups/membership/einladen/",
        {"email": "kaputt", "name": "", "working_group": group.pk},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein." in content
    assert "Bitte geben Sie den Namen an." in content
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_buttons_appear_for_the_officer(officer_client, group):
    changelist = officer_client.get("/admin/workgroups/membership/").content.decode()
    assert "/admin/workgroups/membership/einladen/" in changelist
    assert "Mitglied einladen" in changelist
    change = officer_client.get(f"/admin/workgroups/workinggroup/{group.pk}/change/")
    assert f"/admin/workgroups/membership/einladen/?working_group={group.pk}" in (
        change.content.decode()
    )


def test_the_clerk_cannot_invite(clerk_client, group):
    assert clerk_client.get("/admin/workgroups/membership/einladen/").status_code == 403
    changelist = clerk_client.get("/admin/workgroups/membership/").content.decode()
    assert "einladen/" not in changelist


def test_members_and_anonymous_cannot_reach_the_invite_page(client, member):
    assert client.get("/admin/workgroups/membership/einladen/").status_code == 302
    client.force_login(member)
    assert client.get("/admin/workgroups/membership/einladen/").status_code == 302


def test_adding_an_invitation_in_the_admin_is_the_invite_form(
    officer_client, group, django_capture_on_commit_callbacks
):
    page = officer_client.get("/admin/workgroups/invitation/add/")
    assert page.status_code == 200
    assert "Einladung senden" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            "/admin/workgroups/invitation/add/",
            {"email": "neu@example.org", "name": "Nina Neu", "working_group": group.pk},
        )
    assert response.status_code == 302
    assert Invitation.objects.get().user.username == "neu@example.org"
    listing = officer_client.get("/admin/workgroups/invitation/").content.decode()
    assert "neu@example.org" in listing and "offen" in listing
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_failed_email_is_reported_to_the_officer_not_a_500(officer_client, group, monkeypatch):
    """Real commits (no test transaction around the request), as in production."""
    import smtplib

    def refuse(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"no")})

    monkeypatch.setattr("workgroups.services.send_mail", refuse)
    response = officer_client.post(
        "/admin/workgroups/membership/einladen/",
        {"email": "x@example.org", "name": "X", "working_group": group.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "E-Mail konnte nicht gesendet werden" in response.content.decode()
    assert Invitation.objects.filter(user__username="x@example.org").exists()
