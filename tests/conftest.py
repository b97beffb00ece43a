import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation

from minden_integration.roles import CLERK, MEMBER, OFFICER, roles_ensure
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _german_by_default():
    """A request to /en/ activates English for the thread; the next test starts German again."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached documents and fragments must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def roles(db):
    return roles_ensure()


@pytest.fixture
def officer(roles):
    user = UserFactory(username="beauftragte@minden.example", is_staff=True)
    user.groups.add(Group.objects.get(name=OFFICER))
    return user


@pytest.fixture
def clerk(roles):
    user = UserFactory(username="ratsbuero@minden.example", is_staff=True)
    user.groups.add(Group.objects.get(name=CLERK))
    return user


@pytest.fixture
def member(roles):
    user = UserFactory(username="mitglied@minden.example")
    user.groups.add(Group.objects.get(name=MEMBER))
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client
