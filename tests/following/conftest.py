import datetime as dt

import pytest
from django.utils import timezone

from concept.models import (
    AmendmentStatus,
    Body,
    BodyKind,
    Consultation,
    ConsultationResult,
    ConsultationRole,
    VersionStatus,
)
from concept.services import version_transition
from tests.factories import (
    AmendmentFactory,
    ConceptFactory,
    MeasureFactory,
    ProgressUpdateFactory,
    SectionFactory,
    VersionFactory,
    WorkingGroupFactory,
)


@pytest.fixture
def world(db):
    """A concept with a version whose consultation opened and ended early, a decided
    amendment, a body's result, and two measures in two groups with progress."""
    concept = ConceptFactory(slug="minden", title="Integrationskonzept Minden")
    version = VersionFactory(concept=concept, number=1, title="Erster Entwurf")
    section = SectionFactory(version=version)
    version_transition(
        version=version,
        to=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.now() + dt.timedelta(days=9),
    )
    version_transition(version=version, to=VersionStatus.CONSULTATION_CLOSED)
    version.refresh_from_db()
    amendment = AmendmentFactory(
        section=section,
        status=AmendmentStatus.ACCEPTED,
        submitted_at=timezone.now() - dt.timedelta(days=2),
        decided_at=timezone.now() - dt.timedelta(days=1),
        decision_reasoning="Wird übernommen.",
    )
    body = Body.objects.create(concept=concept, name="Integrationsrat", kind=BodyKind.ADVISORY)
    result = Consultation.objects.create(
        version=version,
        body=body,
        role=ConsultationRole.PRELIMINARY,
        step=1,
        held_on=timezone.localdate(),
        result=ConsultationResult.RECOMMENDED,
    )
    group = WorkingGroupFactory(concept=concept, slug="bildung", name="Bildung und Erziehung")
    other_group = WorkingGroupFactory(concept=concept, slug="arbeit", name="Arbeit und Soziales")
    measure = MeasureFactory(concept=concept, working_group=group, number=7, title="Sprachcafé")
    other = MeasureFactory(concept=concept, working_group=other_group, number=8)
    published = ProgressUpdateFactory(measure=measure, date=dt.date(2026, 11, 1), note="Läuft.")
    pending = ProgressUpdateFactory(measure=measure, review="pending", note="Noch geheim.")
    elsewhere = ProgressUpdateFactory(measure=other, date=dt.date(2026, 11, 2))
    return {
        "concept": concept,
        "version": version,
        "amendment": amendment,
        "result": result,
        "group": group,
        "measure": measure,
        "other": other,
        "published": published,
        "pending": pending,
        "elsewhere": elsewhere,
    }
