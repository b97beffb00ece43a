"""Issuing is a step, not a side effect: presenting version 2 issues its files and the synopsis
of version 1 before anybody downloads anything, the council's decision issues the beschlossene
Fassung, and every download afterwards serves the stored bytes without rendering or writing.

The way through the bodies runs once for the module, in data committed for the module and
flushed afterwards (the PDFs take seconds): each step's task runs after its commit, as in
production (with the immediate backend). Each test still runs in its own transaction.
"""

import dataclasses
import io
import re
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from docx import Document
from pypdf import PdfReader

from concept import issuing, issuing_jobs
from concept.issuing_jobs import PRESENTATION, RESOLUTION, issue_files
from concept.models import IssuedFile, VersionStatus
from concept.services import version_create_next, version_transition
from tests.conftest import TASKS_RUN
from tests.exports.issuing_data import (
    COUNCIL,
    REFERENCE,
    decide,
    minden,
    present,
    propose,
    stored_files,
    version_in_consultation,
)

pytestmark = pytest.mark.usefixtures("tasks_run")

NAMED = "Erika Mustermann"
DECISION = "Der Rat beschließt das Integrationskonzept in der Fassung der Vorlage."
# A person only as a member of their group, never with their organisation.
ANONYMOUS = "Mitglied der AG Bildung und Erziehung"
ORGANISATION = "Elternverein Minden"
URLS = {
    "version": "/konzept/v{number}/download/{fmt}/",
    "synopsis": "/konzept/v{number}/synopse/download/{fmt}/",
    "resolution": "/konzept/v{number}/beschlossene-fassung/download/{fmt}/",
    # A version's measures files are served from the register only: /massnahmen/daten/ is
    # the live open data (tests/measures/test_opendata_live.py).
    "measures": None,
}


def rows() -> set[tuple[int, str, str]]:
    return set(IssuedFile.objects.values_list("version__number", "document", "format"))


def every(number: int, document: str) -> set[tuple[int, str, str]]:
    return {(number, document, fmt) for fmt in issuing.document_kind(document).formats}


@pytest.fixture(scope="module")
def stepped(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, TASKS=TASKS_RUN):
        try:
            concept, group, measure = minden()
            first, section = version_in_consultation(concept, measure)
            # The proposer consented to be named: the page names her, no issued file may.
            propose(section, group, author_name=NAMED)
            # Proposed on behalf of an organisation: every file names the organisation.
            propose(section, group, submitted_as="organisation", organisation_name=ORGANISATION)
            version_transition(version=first, to=VersionStatus.CONSULTATION_CLOSED)
            second = version_create_next(version=first, title="Fortschreibung")
            before = rows()

            second = present(second)
            presented, presented_files = rows(), stored_files(media)

            second = decide(second, decision_text=DECISION)
            yield {
                "first": first,
                "second": second,
                "before": before,
                "presented": presented,
                "presented_files": presented_files,
                "decided": rows(),
                "media": media,
            }
        finally:
            # Frozen versions: the database refuses to delete them row by row.
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def media(stepped, settings):
    settings.MEDIA_ROOT = stepped["media"]
    return stepped["media"]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def stored(issued: IssuedFile) -> bytes:
    with issued.file.open("rb") as handle:
        return handle.read()


def pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split()
    )


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(texts).split())


def odt_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("content.xml").decode("utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", xml).split())


TEXT = {"pdf": pdf_text, "docx": docx_text, "odt": odt_text}


def test_presenting_issues_every_file_before_any_download(stepped, db):
    assert stepped["before"] == set()
    assert stepped["presented"] == (
        every(2, "version") | every(2, "measures") | every(1, "synopsis")
    )
    assert len(stepped["presented_files"]) == len(stepped["presented"]) == 10


def test_the_councils_decision_issues_the_beschlossene_fassung(stepped, db):
    assert stepped["second"].status == VersionStatus.APPROVED
    assert stepped["decided"] - stepped["presented"] == every(2, "resolution")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_the_beschlossene_fassung_names_body_day_and_drucksache(stepped, db, fmt):
    issued = IssuedFile.objects.get(version__number=2, document="resolution", format=fmt)
    text = TEXT[fmt](stored(issued))
    with override("de"):
        day = date_format(timezone.localdate(), "DATE_FORMAT")

    assert "Beschlossene Fassung" in text
    assert f"Beschlossen von: {COUNCIL}" in text or f"Beschlossen von {COUNCIL}" in text
    assert day in text
    assert REFERENCE in text
    assert "TOP 7" in text
    assert DECISION in text
    # The same frozen text follows, under the version's footer (PDF) and title.
    assert "Version 2: Fortschreibung" in text
    assert "Bildung und Erziehung" in text
    if fmt == "pdf":
        assert stepped["second"].checksum_prefix in text
    assert issued.file.name == f"issued/minden-v2-resolution.{fmt}"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_the_issued_synopsis_names_no_proposer(stepped, client, db, fmt):
    issued = IssuedFile.objects.get(version__number=1, document="synopsis", format=fmt)
    text = TEXT[fmt](stored(issued))

    assert "Mustermann" not in text and "Erika" not in text
    assert "Volkshochschule" not in text  # her organisation would identify her
    if fmt != "pdf":  # the PDF hyphenates the narrow column
        assert ANONYMOUS in text
        assert f"{ORGANISATION} (AG Bildung und Erziehung)" in text
        assert "Vorschlag 1: Ergänzung" in text and "Vorschlag 2: Ergänzung" in text
    # Consent was given: the page, which follows a withdrawal at once, names her.
    assert NAMED in client.get("/konzept/v1/synopse/").content.decode()


@pytest.fixture
def nothing_renders(monkeypatch):
    """From here on, rendering or issuing anything fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a download must not render or issue a file")

    for kind in issuing.document_kinds():
        monkeypatch.setitem(
            issuing._kinds, kind.key, dataclasses.replace(kind, render=refuse, issue_render=refuse)
        )
    monkeypatch.setattr(issuing_jobs, "issue_file", refuse)


def test_every_download_serves_the_stored_bytes_and_renders_nothing(
    stepped, client, media, db, nothing_renders
):
    files_before = stored_files(media)
    issued = list(IssuedFile.objects.select_related("version"))
    assert len(issued) == 13

    for file in issued:
        content = stored(file)
        address = URLS[file.document]
        url = address.format(number=file.version.number, fmt=file.format) if address else None
        for path in filter(None, (url, f"/dateien/{file.pk}/")):
            response = client.get(path)
            assert response.status_code == 200, path
            assert body(response) == content, path
            assert response["ETag"] == f'"{file.sha256}"', path

    assert rows() == stepped["decided"]
    assert stored_files(media) == files_before


def test_running_the_task_again_issues_nothing_twice(stepped, media, db):
    second = stepped["second"]
    files_before = stored_files(media)

    assert issue_files.call(second.pk, PRESENTATION) == []
    assert issue_files.call(second.pk, RESOLUTION) == []
    result = issue_files.enqueue(second.pk, RESOLUTION)

    assert result.return_value == []
    assert IssuedFile.objects.count() == len(stepped["decided"]) == 13
    assert stored_files(media) == files_before


def test_every_issued_file_verifies_at_echtheit(stepped, client, db):
    for file in IssuedFile.objects.select_related("version"):
        page = " ".join(
            client.post("/echtheit/", {"pruefsumme": file.sha256}).content.decode().split()
        )
        assert (
            "Zu dieser Prüfsumme gehört eine Datei, die die Stadt Minden ausgestellt hat:" in page
        )
        assert f"Format {file.format.upper()}" in page


def test_the_version_page_links_the_beschlossene_fassung(stepped, client, db):
    page = client.get("/konzept/v2/").content.decode()
    assert "Beschlossene Fassung herunterladen" in page
    for fmt in ("pdf", "docx", "odt"):
        assert f'href="/konzept/v2/beschlossene-fassung/download/{fmt}/"' in page
    assert "wird erstellt" not in page
