import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from concept.models import VersionStatus
from concept.services import version_create, version_transition
from minden_integration.roles import MEMBER
from tests.factories import (
    ConceptFactory,
    MembershipFactory,
    OrganisationFactory,
    SectionFactory,
    UserFactory,
    WorkingGroupFactory,
)

SECTION_BODY = "Sprachförderung beginnt in der Kita.\n\nEltern werden einbezogen."


@pytest.fixture(autouse=True)
def _german():
    """A request to an /en/ page leaves English active in the thread; `reverse()` in the next
    test would then build /en/ addresses."""
    with translation.override("de"):
        yield


@pytest.fixture
def concept(db):
    return ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")


@pytest.fixture
def group(concept):
    return WorkingGroupFactory(concept=concept, name="Bildung und Erziehung", slug="bildung")


@pytest.fixture
def other_group(concept):
    return WorkingGroupFactory(concept=concept, name="Arbeit und Soziales", slug="arbeit")


def open_version(concept, *, sections=2, ends_at=None):
    """A version in consultation with `sections` sections keyed kapitel-1, kapitel-2, ..."""
    version = version_create(concept=concept, title="Entwurf")
    for position in range(1, sections + 1):
        SectionFactory(
            version=version,
            position=position,
            number=str(position),
            key=f"kapitel-{position}",
            title=f"Kapitel {position}",
            body=SECTION_BODY,
        )
    version_transition(
        version=version,
        to=VersionStatus.CONSULTATION,
        consultation_ends_at=ends_at or timezone.now() + dt.timedelta(weeks=4),
    )
    version.refresh_from_db()
    return version


@pytest.fixture
def consultation(concept):
    return open_version(concept)


@pytest.fixture
def section(consultation):
    return consultation.sections.get(position=1)


def make_member(username, group, **membership):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=MEMBER))
    MembershipFactory(working_group=group, user=user, **membership)
    return user


@pytest.fixture
def member(roles, group):
    """A member of "Bildung und Erziehung" who has not consented to being named."""
    return make_member(
        "mitglied@minden.example",
        group,
        name="Erika Mustermann",
        organisation=OrganisationFactory(name="Volkshochschule Minden"),
    )


@pytest.fixture
def other_member(roles, other_group):
    return make_member("andere@minden.example", other_group, name="Max Beispiel")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def other_client(client, other_member):
    client.force_login(other_member)
    return client
