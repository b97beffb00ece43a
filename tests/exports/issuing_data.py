"""The data the issuing, download, authenticity and command tests share: the Minden concept
with a frozen version 1 (one decided amendment, one cited measure) and a draft version 2."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.utils import timezone

from concept.models import AmendmentStatus, BodyKind, VersionStatus
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_review_start,
    amendment_submit,
    version_create,
    version_create_next,
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


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def stored_files(media_root: Path) -> list[Path]:
    return sorted(p for p in Path(media_root).rglob("*") if p.is_file())


def minden():
    concept = ConceptFactory(
        slug="minden", title="Integrationskonzept der Stadt Minden", municipality="Minden"
    )
    BodyFactory(concept=concept, name="Integrationsrat", kind=BodyKind.ADVISORY, position=1)
    BodyFactory(concept=concept, name="Rat der Stadt", kind=BodyKind.COUNCIL, position=2)
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


def propose(section, group, *, decide: bool = True, author_name: str = ""):
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
        organisation_name="Volkshochschule Minden",
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


def freeze(version):
    version_transition(version=version, to=VersionStatus.CONSULTATION_CLOSED)
    version_transition(version=version, to=VersionStatus.COUNCIL_REVIEW)
    version.refresh_from_db()
    return version


def frozen_world(*, decided: bool = True, author_name: str = "", with_draft: bool = True):
    """Version 1 frozen (council review) with one amendment, version 2 a draft."""
    concept, group, measure = minden()
    version, section = version_in_consultation(concept, measure)
    amendment = propose(section, group, decide=decided, author_name=author_name)
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
