import datetime as dt

import pytest
from django.utils import timezone

from concept.models import BodyKind, VersionStatus
from concept.services import version_create, version_transition
from tests.factories import BodyFactory, ConceptFactory, SectionFactory

# The route from draft to every status, through the services only.
ROUTES = {
    VersionStatus.DRAFT: [],
    VersionStatus.CONSULTATION: [VersionStatus.CONSULTATION],
    VersionStatus.CONSULTATION_CLOSED: [
        VersionStatus.CONSULTATION,
        VersionStatus.CONSULTATION_CLOSED,
    ],
    VersionStatus.COUNCIL_REVIEW: [VersionStatus.COUNCIL_REVIEW],
    VersionStatus.ADOPTED: [VersionStatus.COUNCIL_REVIEW, VersionStatus.ADOPTED],
    VersionStatus.RETURNED: [VersionStatus.COUNCIL_REVIEW, VersionStatus.RETURNED],
    VersionStatus.FORWARDED: [
        VersionStatus.COUNCIL_REVIEW,
        VersionStatus.ADOPTED,
        VersionStatus.FORWARDED,
    ],
    VersionStatus.APPROVED: [
        VersionStatus.COUNCIL_REVIEW,
        VersionStatus.ADOPTED,
        VersionStatus.FORWARDED,
        VersionStatus.APPROVED,
    ],
}


def in_four_weeks():
    return timezone.now() + dt.timedelta(weeks=4)


def move(version, to, **kwargs):
    if to == VersionStatus.CONSULTATION:
        kwargs.setdefault("consultation_ends_at", in_four_weeks())
    return version_transition(version=version, to=to, **kwargs)


def bring_to(version, status):
    """Walk a version to `status` the way the officer would."""
    if status == VersionStatus.SUPERSEDED:
        bring_to(version, VersionStatus.APPROVED)
        successor = version_with_sections(version.concept)
        bring_to(successor, VersionStatus.APPROVED)
        version.refresh_from_db()
        return version
    for target in ROUTES[status]:
        move(version, target)
    version.refresh_from_db()
    return version


def version_with_sections(concept, count=2):
    version = version_create(concept=concept, title="Entwurf")
    for position in range(1, count + 1):
        SectionFactory(
            version=version,
            position=position,
            number=str(position),
            key=f"kapitel-{position}",
            title=f"Kapitel {position}",
        )
    return version


@pytest.fixture
def concept(db):
    concept = ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")
    BodyFactory(concept=concept, name="Integrationsrat", kind=BodyKind.ADVISORY, position=1)
    BodyFactory(concept=concept, name="Rat der Stadt", kind=BodyKind.COUNCIL, position=2)
    return concept


@pytest.fixture
def draft(concept):
    return version_with_sections(concept)


@pytest.fixture
def frozen(draft):
    return bring_to(draft, VersionStatus.COUNCIL_REVIEW)
