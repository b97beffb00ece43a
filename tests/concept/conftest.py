import datetime as dt

import pytest
from django.utils import timezone

from concept.models import BodyKind, ConsultationResult, ConsultationRole, VersionStatus
from concept.services import consultation_record, version_create, version_transition
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
    VersionStatus.APPROVED: [VersionStatus.COUNCIL_REVIEW, VersionStatus.APPROVED],
    VersionStatus.REJECTED: [VersionStatus.COUNCIL_REVIEW, VersionStatus.REJECTED],
    VersionStatus.AMENDED: [VersionStatus.COUNCIL_REVIEW, VersionStatus.AMENDED],
}
# The deciding Beratung's result that leads to each status.
DECIDING = {
    VersionStatus.APPROVED: ConsultationResult.DECIDED,
    VersionStatus.REJECTED: ConsultationResult.REJECTED,
    VersionStatus.AMENDED: ConsultationResult.DECIDED_AMENDED,
}
# What the Beratungen before the deciding one come to.
ON_THE_WAY = {
    ConsultationRole.PRELIMINARY: ConsultationResult.RECOMMENDED,
    ConsultationRole.INFORMATION: ConsultationResult.NOTED,
}


def in_four_weeks():
    return timezone.now() + dt.timedelta(weeks=4)


def decide(version, result=ConsultationResult.DECIDED, *, held_on=None, **kwargs):
    """Hold every planned Beratung of a version in council review, the deciding one last with
    `result` (on `held_on`, by default today)."""
    held_on = held_on or timezone.localdate()
    planned = list(version.consultations.planned().in_order())
    for consultation in planned:
        deciding = consultation.role == ConsultationRole.DECISION
        consultation_record(
            consultation=consultation,
            result=result if deciding else ON_THE_WAY[consultation.role],
            held_on=held_on,
            decision_text="Maßnahme 3 wird gestrichen." if deciding else "",
            **kwargs,
        )
    version.refresh_from_db()
    return version


def bodies_ensure(concept):
    """The Integrationsrat and the council, for a concept a factory made without bodies."""
    for name, kind in (("Integrationsrat", BodyKind.ADVISORY), ("Rat der Stadt", BodyKind.COUNCIL)):
        if not concept.bodies.filter(kind=kind).exists():
            BodyFactory(concept=concept, name=name, kind=kind)


def move(version, to, **kwargs):
    if to == VersionStatus.CONSULTATION:
        kwargs.setdefault("consultation_ends_at", in_four_weeks())
    if to == VersionStatus.COUNCIL_REVIEW:
        kwargs.setdefault("council_paper_reference", f"DS {version.number}/2026")
        bodies_ensure(version.concept)
    if to in DECIDING:
        return decide(version, DECIDING[to], **kwargs)
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


@pytest.fixture(autouse=True)
def files_queued_not_rendered(settings):
    """Presenting a version enqueues its files; here they wait in a queue without a worker
    instead of being rendered on every presentation (tests/exports tests the issuing)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


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
