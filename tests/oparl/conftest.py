import datetime as dt
import hashlib

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from concept.models import (
    BodyKind,
    Concept,
    ConceptVersion,
    ConsultationResult,
    ConsultationRole,
    IssuedDocument,
    IssuedFile,
    Milestone,
    MilestoneKind,
    VersionStatus,
)
from concept.services import PlannedStep, consultation_record, version_present
from measures.opendata import DOCUMENT as MEASURES_DOCUMENT
from minden_integration.loader.minden import minden_load
from tests.factories import SectionFactory, VersionFactory
from tests.oparl.crawl import crawl
from workgroups.models import Session

DRAFT_TITLE = "Geheimer Entwurf für Version 3"
DRAFT_MILESTONE = "Vorberatung des dritten Entwurfs"
SESSION_PLACE = "Bürgerzentrum Bärenkämpen"
IN_REVIEW_REFERENCE = "DS 12/2026 (Beispiel)"
HELD_TOP = "TOP 7"
HELD_TOP_URL = "https://ris.example.org/to0050.asp?TOLFDNR=7"
HELD_TEXT = "Der Integrationsrat empfiehlt dem Rat, die Fortschreibung zu beschließen."
PLANNED_TOP = "TOP 3"


def issue_file(version, *, document=IssuedDocument.VERSION, fmt="pdf", mime="application/pdf"):
    """A recorded issued file; the bytes are never read, so none are written."""
    digest = f"{version.pk}-{document}-{fmt}".encode()
    return IssuedFile.objects.create(
        version=version,
        document=document,
        format=fmt,
        file=f"issued/minden-v{version.number}-{document}.{fmt}",
        mime_type=mime,
        size=1024 + len(fmt),
        sha256=hashlib.sha256(digest).hexdigest(),
        sha512=hashlib.sha512(digest).hexdigest(),
    )


def issue_report_file(report, fmt="pdf", mime="application/pdf"):
    """A recorded file of an implementation report; its bytes are never read."""
    from measures.models import ImplementationReportFile

    digest = f"report-{report.pk}-{fmt}".encode()
    return ImplementationReportFile.objects.create(
        report=report,
        format=fmt,
        file=f"issued/minden-umsetzungsbericht-{report.year}.{fmt}",
        mime_type=mime,
        size=2048,
        sha256=hashlib.sha256(digest).hexdigest(),
        sha512=hashlib.sha512(digest).hexdigest(),
    )


def _report(concept: Concept):
    """Last year's implementation report, issued, with its PDF and ODT recorded."""
    from measures.report_issuing import report_issue

    report = report_issue(concept=concept, year=timezone.localdate().year - 1, by=None)
    issue_report_file(report)
    issue_report_file(report, "odt", "application/vnd.oasis.opendocument.text")
    return report


def _in_review(concept: Concept, number: int) -> ConceptVersion:
    """A version on its way through the bodies: the Integrationsrat has recommended it; one
    committee meets on it on a planned day, the other has no day yet; the council's decision
    is planned. The steps are planned out of order, so the order is the Beratungsfolge's."""
    today = timezone.localdate()
    version = VersionFactory(concept=concept, number=number, title="In Beratung", is_example=True)
    SectionFactory(version=version)
    advisory = concept.bodies.get(kind=BodyKind.ADVISORY)
    first, second = concept.bodies.filter(kind=BodyKind.COMMITTEE).order_by("position")[:2]
    council = concept.bodies.get(kind=BodyKind.COUNCIL)
    later = today + dt.timedelta(days=20)
    preliminary = ConsultationRole.PRELIMINARY
    version_present(
        version=version,
        council_paper_reference=IN_REVIEW_REFERENCE,
        presented_on=today - dt.timedelta(days=30),
        steps=[
            PlannedStep(council, ConsultationRole.DECISION, 3, planned_on=later),
            PlannedStep(second, preliminary, 2, planned_on=later, agenda_item=PLANNED_TOP),
            PlannedStep(first, preliminary, 2),
            PlannedStep(advisory, preliminary, 1, planned_on=today - dt.timedelta(days=12)),
        ],
    )
    consultation_record(
        consultation=version.consultations.get(body=advisory),
        result=ConsultationResult.RECOMMENDED,
        held_on=today - dt.timedelta(days=10),
        agenda_item=HELD_TOP,
        agenda_item_url=HELD_TOP_URL,
        decision_text=HELD_TEXT,
    )
    version.refresh_from_db()
    return version


def _world() -> dict:
    minden_load(demo=True)
    concept = Concept.objects.current()
    approved = ConceptVersion.objects.get(concept=concept, status=VersionStatus.APPROVED)
    consultation = ConceptVersion.objects.get(concept=concept, status=VersionStatus.CONSULTATION)
    draft = VersionFactory(
        concept=concept, number=consultation.number + 1, title=DRAFT_TITLE, is_example=True
    )
    # A body meeting about the draft: the meeting is public, the draft (as a paper) is not.
    draft_milestone = Milestone.objects.create(
        concept=concept,
        title=DRAFT_MILESTONE,
        kind=MilestoneKind.MEETING,
        body=concept.bodies.get(kind=BodyKind.ADVISORY),
        date=dt.date(2011, 6, 1),
        version=draft,
        position=99,
        is_example=True,
    )
    in_review = _in_review(concept, draft.number + 1)
    files = [
        issue_file(approved),
        issue_file(
            approved,
            fmt="docx",
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        issue_file(approved, document=MEASURES_DOCUMENT, fmt="csv", mime="text/csv"),
    ]
    # One session with a known day and place, so Location and `start` are published too.
    located = Session.objects.filter(working_group__concept=concept).order_by("pk").first()
    located.place = SESSION_PLACE
    located.date = dt.date(2010, 11, 16)
    located.save(update_fields=["place", "date", "updated_at"])
    return {
        "concept": concept,
        "approved": approved,
        "consultation": consultation,
        "draft": draft,
        "in_review": in_review,
        "draft_milestone": draft_milestone,
        "files": files,
        "located_session": located,
        "report": _report(concept),
    }


@pytest.fixture(scope="package")
def built(django_db_setup, django_db_blocker):
    """The demo data, loaded once for these tests (it takes seconds) and rolled back after
    them; each test runs in its own savepoint inside (pytest-django's `db`), so what one test
    changes the next never sees."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = _world()
        yield built
        transaction.set_rollback(True)


def _fresh(value):
    """The row as stored now: tests change and delete what they are given."""
    if isinstance(value, list):
        return [_fresh(item) for item in value]
    return type(value)._default_manager.get(pk=value.pk)


@pytest.fixture(scope="package")
def world(built):
    """The demo data's rows as they were built (read-only use: they are shared)."""
    return built


@pytest.fixture
def demo(built, db):
    """The demo data's rows, fetched anew for a test that may change them."""
    return {key: _fresh(value) for key, value in built.items()}


@pytest.fixture(scope="package")
def walked(built, django_db_blocker):
    """One walk through the whole endpoint, for the read-only checks."""
    with django_db_blocker.unblock():
        return crawl(Client())
