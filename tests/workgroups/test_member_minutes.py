"""Unpublished minutes are for the group's own members; everyone else waits for publication."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from minden_integration.roles import MEMBER
from tests.factories import (
    ConceptFactory,
    MembershipFactory,
    SessionFactory,
    UserFactory,
    WorkingGroupFactory,
)

MINUTES = "Vertrauliches Protokoll der zweiten Runde"


@pytest.fixture(autouse=True)
def _german():
    """An /en/ request leaves English active in the thread; reverse() must build German paths."""
    with translation.override("de"):
        yield


@pytest.fixture
def group(db):
    return WorkingGroupFactory(concept=ConceptFactory(slug="minden"), slug="bildung")


@pytest.fixture
def session(group):
    return SessionFactory(working_group=group, round=2, minutes=MINUTES, minutes_public=False)


def account(username, *, group=None, staff_group=None, roles=None):
    user = UserFactory(username=username, is_staff=staff_group is not None)
    if staff_group:
        user.groups.add(roles[staff_group])
    if group is not None:
        user.groups.add(Group.objects.get(name=MEMBER))
        MembershipFactory(working_group=group, user=user)
    return user


def minutes_shown(client, session) -> bool:
    response = client.get(session.get_absolute_url())
    assert response.status_code == 200
    return MINUTES in response.content.decode()


def test_a_member_of_the_group_reads_the_unpublished_minutes(client, roles, group, session):
    client.force_login(account("mitglied@minden.example", group=group))
    assert minutes_shown(client, session)


def test_visitors_do_not(client, session):
    assert not minutes_shown(client, session)
    assert (
        "Das Protokoll ist noch nicht veröffentlicht."
        in client.get(session.get_absolute_url()).content.decode()
    )


def test_a_member_of_another_group_does_not(client, roles, group, session):
    other = WorkingGroupFactory(concept=group.concept, slug="arbeit")
    client.force_login(account("andere@minden.example", group=other))
    assert not minutes_shown(client, session)


def test_an_account_in_the_member_role_without_a_membership_does_not(client, roles, session):
    user = UserFactory(username="rolle@minden.example")
    user.groups.add(Group.objects.get(name=MEMBER))
    client.force_login(user)
    assert not minutes_shown(client, session)


@pytest.mark.parametrize("role", ["Integrationsbeauftragte", "Ratsbüro"])
def test_staff_without_a_membership_do_not(client, roles, session, role):
    client.force_login(account("staff@minden.example", staff_group=role, roles=roles))
    assert not minutes_shown(client, session)


def test_an_officer_who_is_also_a_member_does(client, roles, group, session):
    user = account(
        "beides@minden.example", group=group, staff_group="Integrationsbeauftragte", roles=roles
    )
    client.force_login(user)
    assert minutes_shown(client, session)


def test_a_membership_without_an_account_link_opens_nothing(client, roles, group, session):
    MembershipFactory(working_group=group, user=None)
    client.force_login(UserFactory(username="ohne@minden.example"))
    assert not minutes_shown(client, session)


def test_published_minutes_are_for_everyone(client, session):
    session.minutes_public = True
    session.save()
    assert minutes_shown(client, session)


def test_a_member_reads_them_in_english_too(client, roles, group, session):
    client.force_login(account("mitglied@minden.example", group=group))
    response = client.get(f"/en{session.get_absolute_url()}")
    assert MINUTES in response.content.decode()
