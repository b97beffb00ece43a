"""The data the issuing, download, authenticity and command tests share: the Minden concept
with version 1 presented to the bodies (one decided amendment, one cited measure) and a draft
version 2; and the steps that take a version through the bodies."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.utils import timezone

from concept.models import (
    AmendmentStatus,
    BodyKind,
    ConsultationResult,
    ConsultationRole,
    VersionStatus,
)
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_review_start,
    amendment_submit,
    consultation_record,
    version_create,
    version_create_next,
    version_present,
    version_transition,
)
from measures.services import measure_cite
from tests.factories import (
    BodyFactory,
    ConceptFactory,
    MeasureFactory,
    SectionFactory,
    UserFactory,
    WorkingGroupFactory,
)

REFERENCE = "DS 2026/017"
COUNCIL = "Rat der Stadt"


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def stored_files(media_root: Path) -> list[Path]:
    return sorted(p for p in Path(media_root).rglob("*") if p.is_file())


def minden():
    concept = ConceptFactory(
        slug="minden", title="Integrationskonzept der Stadt Minden", municipality="Minden"
    )
    BodyFactory(concept=concept, name="Integrationsrat", kind=BodyKind.ADVISORY, position=1)
    BodyFactory(concept=concept, name=COUNCIL, kind=BodyKind.COUNCIL, position=2)
    group = WorkingGroupFactory(concept=concept, name="Bildung und Erziehung", slug="bildung")
    measure = MeasureFactory(
        concept=concept,
        working_group=group,
        number=1,
        title="Sprachcafé für Eltern",
        description="Ein offenes Sprachcafé in jeder Kita.",
    )
    return concept, group, measure


def version_in_consultation(concept, measure=None):
    version = version_create(concept=concept, title="Erster Entwurf")
    first = SectionFactory(
        version=version, position=1, number="1", key="bildung", title="Bildung und Erziehung"
    )
    SectionFactory(version=version, position=2, number="2", key="arbeit", title="Arbeit")
    if measure is not None:
        measure_cite(measure=measure, sections=[first])
    version_transition(
        version=version,
        to=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.now() + dt.timedelta(weeks=4),
    )
    return version, first


def propose(
    section,
    group,
    *,
    decide: bool = True,
    author_name: str = "",
    submitted_as: str = "person",
    organisation_name: str = "Volkshochschule Minden",
):
    author = UserFactory()
    amendment = amendment_create(
        section=section,
        author=author,
        kind="addition",
        proposed_text="Elterncafés in allen Stadtteilen.",
    )
    amendment = amendment_submit(
        amendment=amendment,
        by=author,
        submitted_as=submitted_as,
        organisation_name=organisation_name,
        working_group_name=group.name,
        author_name=author_name,
    )
    if decide:
        officer = UserFactory(is_staff=True)
        amendment = amendment_review_start(amendment=amendment, by=officer)
        amendment = amendment_decide(
            amendment=amendment,
            by=officer,
            status=AmendmentStatus.ACCEPTED,
            reasoning="Wird in Kapitel 1 aufgenommen.",
        )
    return amendment


def present(version, *, reference: str = REFERENCE):
    """Present to the bodies (today): frozen, the Integrationsrat then the council planned."""
    version = version_present(version=version, council_paper_reference=reference)
    version.refresh_from_db()
    return version


def freeze(version):
    """Close the consultation and present the version."""
    version_transition(version=version, to=VersionStatus.CONSULTATION_CLOSED)
    return present(version)


def decide(version, *, result: str = ConsultationResult.DECIDED, decision_text: str = ""):
    """Every planned Beratung held today: recommended, then the council's `result`."""
    today = timezone.localdate()
    for consultation in version.consultations.in_order():
        deciding = consultation.role == ConsultationRole.DECISION
        consultation_record(
            consultation=consultation,
            result=result if deciding else ConsultationResult.RECOMMENDED,
            held_on=today,
            decision_text=decision_text if deciding else "",
            agenda_item="TOP 7" if deciding else "",
        )
    version.refresh_from_db()
    return version


def frozen_world(*, author_name: str = "", with_draft: bool = True):
    """Version 1 presented (frozen, in council review) with one decided amendment, version 2 a
    draft. Inside a test's transaction the presentation's files are not issued (its commit
    never comes); outside one they are, at once (the immediate tasks backend)."""
    concept, group, measure = minden()
    version, section = version_in_consultation(concept, measure)
    amendment = propose(section, group, author_name=author_name)
    freeze(version)
    draft = version_create_next(version=version, title="Fortschreibung") if with_draft else None
    return {
        "concept": concept,
        "group": group,
        "measure": measure,
        "version": version,
        "section": section,
        "amendment": amendment,
        "draft": draft,
    }
