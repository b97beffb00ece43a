import datetime as dt
import hashlib

import pytest
from django.db import transaction
from django.test import Client

from concept.models import (
    BodyKind,
    Concept,
    ConceptVersion,
    IssuedDocument,
    IssuedFile,
    Milestone,
    MilestoneKind,
    VersionStatus,
)
from measures.opendata import DOCUMENT as MEASURES_DOCUMENT
from minden_integration.loader.minden import minden_load
from tests.factories import VersionFactory
from tests.oparl.crawl import crawl
from workgroups.models import Session

DRAFT_TITLE = "Geheimer Entwurf für Version 3"
DRAFT_MILESTONE = "Vorberatung des dritten Entwurfs"
SESSION_PLACE = "Bürgerzentrum Bärenkämpen"


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
        "draft_milestone": draft_milestone,
        "files": files,
        "located_session": located,
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
