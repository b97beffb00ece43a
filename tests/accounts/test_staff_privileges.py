"""No role can grant itself or anyone more than it has: only superusers manage staff accounts,
groups and permissions. Every refused attempt answers 403 and changes nothing."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from minden_integration.roles import CLERK, MEMBER, OFFICER, roles_ensure
from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory
from workgroups.models import Invitation
from workgroups.services import (
    invitation_resend,
    member_deactivate,
    member_invite,
    member_reactivate,
)

User = get_user_model()
STAFF_ROLES = ["officer", "clerk"]
NEW_PASSWORD = "Ein-ganz-neues-Passwort-2026"


@pytest.fixture
def people(roles, officer, clerk, member):
    superuser = UserFactory(username="root@minden.example", is_staff=True, is_superuser=True)
    return {"officer": officer, "clerk": clerk, "member": member, "superuser": superuser}


def state(user) -> tuple:
    user = User.objects.get(pk=user.pk)
    return (
        user.is_superuser,
        user.is_staff,
        user.is_active,
        sorted(user.groups.values_list("name", flat=True)),
        sorted(user.user_permissions.values_list("codename", flat=True)),
        user.password,
    )


def user_url(view: str, user) -> str:
    return reverse(f"admin:auth_user_{view}", args=[user.pk])


def change_data(user, **changes) -> dict:
    """What Django's full user form would post for `user`, with `changes`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": "01.01.2026",
        "date_joined_1": "10:00:00",
    }
    data.update(changes)
    return data


def everything() -> list[str]:
    return [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]


def officer_group() -> str:
    return str(Group.objects.get(name=OFFICER).pk)


ESCALATIONS = {
    "superuser": {"is_superuser": "on", "is_staff": "on"},
    "staff": {"is_staff": "on"},
    "groups": {"groups": [officer_group]},
    "permissions": {"user_permissions": [everything]},
}


def resolve(changes: dict) -> dict:
    return {
        key: [item() for item in value] if isinstance(value, list) else value
        for key, value in changes.items()
    }


@pytest.mark.parametrize("escalation", sorted(ESCALATIONS))
@pytest.mark.parametrize("target", ["self", "member", "superuser", "other_staff"])
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_cannot_raise_anyones_rights(client, people, role, target, escalation):
    actor = people[role]
    other_staff = {"officer": "clerk", "clerk": "officer"}[role]
    victim = {"self": actor, "other_staff": people[other_staff]}.get(target) or people[target]
    before = state(victim)
    client.force_login(actor)

    response = client.post(
        user_url("change", victim), change_data(victim, **resolve(ESCALATIONS[escalation]))
    )

    assert response.status_code == 403
    assert state(victim) == before


@pytest.mark.parametrize("target", ["self", "superuser", "other_staff", "member"])
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_cannot_set_a_password(client, people, role, target):
    actor = people[role]
    other_staff = {"officer": "clerk", "clerk": "officer"}[role]
    victim = {"self": actor, "other_staff": people[other_staff]}.get(target) or people[target]
    before = state(victim)
    client.force_login(actor)

    response = client.post(
        user_url("password_change", victim),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 403
    assert state(victim) == before
    assert not User.objects.get(pk=victim.pk).check_password(NEW_PASSWORD)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_cannot_add_a_user_with_staff_rights(client, people, role):
    client.force_login(people[role])
    count = User.objects.count()

    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "helfer@minden.example",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "usable_password": "true",
            "is_staff": "on",
            "is_superuser": "on",
        },
    )

    assert response.status_code == 403
    assert User.objects.count() == count


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_cannot_add_itself_to_a_group_or_change_a_group(client, people, role):
    actor = people[role]
    group = Group.objects.get(name=OFFICER)
    permissions_before = sorted(group.permissions.values_list("pk", flat=True))
    before = state(actor)
    client.force_login(actor)

    change = client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": OFFICER, "permissions": everything()},
    )
    add = client.post(
        reverse("admin:auth_group_add"), {"name": "Alle Rechte", "permissions": everything()}
    )

    assert change.status_code == 403
    assert add.status_code == 403
    assert sorted(group.permissions.values_list("pk", flat=True)) == permissions_before
    assert not Group.objects.filter(name="Alle Rechte").exists()
    assert state(actor) == before


def test_a_superuser_still_manages_staff(client, people):
    officer = people["officer"]
    client.force_login(people["superuser"])

    response = client.post(
        user_url("change", officer),
        change_data(officer, is_staff="on", is_superuser="on", groups=[officer_group()]),
    )
    password = client.post(
        user_url("password_change", officer),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert password.status_code == 302
    officer.refresh_from_db()
    assert officer.is_superuser
    assert officer.check_password(NEW_PASSWORD)
    group = client.post(reverse("admin:auth_group_add"), {"name": "Presse", "permissions": []})
    assert group.status_code == 302
    assert Group.objects.filter(name="Presse").exists()


def test_the_officer_sees_member_accounts_only_and_no_rights(client, people):
    client.force_login(people["officer"])

    listing = client.get(reverse("admin:auth_user_changelist"))
    page = client.get(user_url("change", people["member"]))

    assert listing.status_code == 200
    shown = {user.username for user in listing.context["cl"].result_list}
    assert shown == {people["member"].username}
    assert page.status_code == 200
    form_fields = set(page.context["adminform"].form.fields)
    readonly = set(page.context["adminform"].readonly_fields)
    assert not {"is_staff", "is_superuser", "groups", "user_permissions", "password"} & (
        form_fields | readonly
    )
    # Another account of the administration is not theirs to see.
    assert client.get(user_url("change", people["superuser"])).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_the_officer_deactivates_and_reactivates_a_member_through_the_admin(client, people):
    member = people["member"]
    client.force_login(people["officer"])
    url = reverse("admin:auth_user_changelist")

    client.post(url, {"action": "deactivate_members", "_selected_action": [member.pk]})
    member.refresh_from_db()
    assert not member.is_active
    client.post(url, {"action": "reactivate_members", "_selected_action": [member.pk]})
    member.refresh_from_db()
    assert member.is_active


def test_the_clerk_has_no_member_actions(client, people):
    client.force_login(people["clerk"])
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactivate_members", "_selected_action": [people["member"].pk]},
    )
    assert response.status_code == 403
    assert User.objects.get(pk=people["member"].pk).is_active


@pytest.mark.parametrize("target", ["officer", "clerk", "superuser"])
def test_services_refuse_the_administrations_accounts(people, target):
    user = people[target]
    before = state(user)
    with pytest.raises(ValidationError):
        member_deactivate(user=user)
    with pytest.raises(ValidationError):
        member_reactivate(user=user)
    assert state(user) == before


@pytest.mark.parametrize("target", ["officer", "clerk", "superuser"])
def test_an_invitation_never_reaches_a_staff_account(people, target):
    """An invitation link sets the account's password: for a staff account that would be a
    way to take it over."""
    user = people[target]
    before = state(user)
    group = WorkingGroupFactory()
    with pytest.raises(ValidationError):
        member_invite(
            email=user.email,
            name="Jemand",
            working_group=group,
            organisation=None,
            invited_by=people["officer"],
        )
    assert state(user) == before
    assert not Invitation.objects.filter(user=user).exists()


def test_resending_replaces_the_link(people, django_capture_on_commit_callbacks):
    membership = MembershipFactory(user=people["member"])
    with django_capture_on_commit_callbacks(execute=True):
        first = invitation_resend(membership=membership, invited_by=people["officer"])
        second = invitation_resend(membership=membership, invited_by=people["officer"])
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert [message.to for message in mail.outbox] == [[people["member"].email]] * 2


def test_deactivating_revokes_open_invitations(people):
    membership = MembershipFactory(user=people["member"])
    invitation = invitation_resend(membership=membership, invited_by=people["officer"])
    member_deactivate(user=people["member"])
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert not User.objects.get(pk=people["member"].pk).is_active


def test_roles_hold_no_auth_permission_but_viewing_members(db):
    groups = roles_ensure()
    for name in (OFFICER, CLERK, MEMBER):
        auth = set(
            groups[name]
            .permissions.filter(content_type__app_label="auth")
            .values_list("codename", flat=True)
        )
        assert auth == ({"view_user"} if name == OFFICER else set()), name


def test_the_migration_takes_dangerous_permissions_from_existing_groups(people):
    migration = importlib.import_module(
        "minden_integration.migrations.0003_auth_permissions_for_superusers_only"
    )
    officers = Group.objects.get(name=OFFICER)
    dangerous = Permission.objects.filter(
        content_type__app_label="auth", codename__in=["change_user", "add_user", "change_group"]
    )
    officers.permissions.add(*dangerous)
    people["clerk"].user_permissions.add(*dangerous)
    people["superuser"].user_permissions.add(*dangerous)

    migration.forwards(django_apps, None)

    assert not officers.permissions.filter(pk__in=dangerous).exists()
    assert officers.permissions.filter(codename="view_user").exists()
    assert officers.permissions.filter(codename="change_measure").exists()
    assert not people["clerk"].user_permissions.exists()
    assert people["superuser"].user_permissions.count() == 3


def test_an_account_holding_a_staff_role_is_the_administrations_even_without_staff_status(
    client, people
):
    """The officer's role makes an account the administration's, staff flag or not."""
    holder = UserFactory(username="rolle@minden.example")
    holder.groups.add(Group.objects.get(name=OFFICER))
    before = state(holder)
    client.force_login(people["officer"])

    listing = client.get(reverse("admin:auth_user_changelist"))

    assert holder not in listing.context["cl"].result_list
    assert client.get(user_url("change", holder)).status_code == 403
    with pytest.raises(ValidationError):
        member_deactivate(user=holder)
    with pytest.raises(ValidationError):
        member_invite(
            email=holder.email,
            name="Jemand",
            working_group=WorkingGroupFactory(),
            organisation=None,
            invited_by=people["officer"],
        )
    assert state(holder) == before
