"""Issuing around the edges: files issued before issuing was a step still verify and download;
a decision with changes issues the beschlossene Fassung only when it is fixed; and in
production the task waits in the database queue until `manage.py db_worker` renders it."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from django_tasks_db.models import DBTaskResult

from concept import issuing
from concept.exports import render_synopsis, render_version
from concept.issuing_jobs import RESOLUTION, files_due, issue_file
from concept.models import ConceptVersion, ConsultationResult, IssuedFile, VersionStatus
from concept.services import resolution_fix
from measures.opendata import render as measures_render
from tests.exports.issuing_data import (
    COUNCIL,
    REFERENCE,
    decide,
    frozen_world,
    stored_files,
)

URLS = {
    "version": "/konzept/v1/download/{fmt}/",
    "synopsis": "/konzept/v1/synopse/download/{fmt}/",
    # /massnahmen/daten/ is the live open data now; a version's files are in the register.
    "measures": None,
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def issued_the_old_way(version, document: str, fmt: str, content: bytes) -> IssuedFile:
    """As the first download stored a file before issuing was a step (document keys
    "version", "synopsis", "measures"), with a proposer's name where one had consented."""
    export = issuing.export_format(document, fmt)
    storage = IssuedFile._meta.get_field("file").storage
    name = storage.save(f"issued/minden-v1-{document}.{fmt}", ContentFile(content))
    return IssuedFile.objects.create(
        version=version,
        document=document,
        format=fmt,
        file=name,
        mime_type=export.mime_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        sha512=hashlib.sha512(content).hexdigest(),
    )


def test_files_issued_before_this_change_still_verify_and_download(client, db, media):
    version = frozen_world(author_name="Erika Mustermann")["version"]
    old = [
        issued_the_old_way(version, "version", "json", render_version(version, "json")),
        issued_the_old_way(version, "synopsis", "docx", render_synopsis(version, "docx")),
        issued_the_old_way(version, "measures", "csv", measures_render(version, "csv")),
    ]

    for file in old:
        content = file.file.read()
        upload = SimpleUploadedFile(f"kopie.{file.format}", content)
        page = " ".join(client.post("/echtheit/", {"datei": upload}).content.decode().split())
        assert "Diese Datei hat die Stadt Minden ausgestellt:" in page
        label = file.get_document_display()
        assert f"Version 1, {label}, Format {file.format.upper()}" in page
        assert file.sha512 in page

        address = URLS[file.document]
        paths = [address.format(fmt=file.format)] if address else []
        for path in [*paths, f"/dateien/{file.pk}/"]:
            response = client.get(path)
            assert response.status_code == 200, path
            assert body(response) == content, path
    # They stay as they were: the task issues only what is missing.
    assert {(v.number, d, f) for v, d, f in files_due(version, RESOLUTION)}.isdisjoint(
        {(1, f.document, f.format) for f in old}
    )


def test_a_decision_with_changes_issues_the_beschlossene_fassung_when_it_is_fixed(
    client, db, media, django_capture_on_commit_callbacks
):
    decision = "Abschnitt 2 wird um ein Beispiel aus der Praxis ergänzt."
    version = frozen_world(with_draft=False)["version"]
    version = decide(version, result=ConsultationResult.DECIDED_AMENDED, decision_text=decision)
    fassung = ConceptVersion.objects.get(resolution_of=version)

    assert version.status == VersionStatus.AMENDED
    assert not issuing.issuable(version, "resolution")
    assert client.get("/konzept/v1/beschlossene-fassung/download/pdf/").status_code == 404

    with django_capture_on_commit_callbacks() as callbacks:
        fassung = resolution_fix(version=fassung)
    assert callbacks, "fixing the beschlossene Fassung enqueues its files after the commit"
    assert not IssuedFile.objects.exists()

    due = {(v.number, d, f) for v, d, f in files_due(fassung, RESOLUTION)}
    for document in ("version", "measures", "resolution"):
        assert {(2, document, fmt) for fmt in issuing.document_kind(document).formats} <= due
    # The synopsis of the decided version is an Anlage of its beschlossene Fassung too.
    assert {(1, "synopsis", "pdf"), (1, "synopsis", "docx")} <= due

    issued = issue_file(fassung, "resolution", "odt")
    with zipfile.ZipFile(io.BytesIO(issued.file.read())) as archive:
        xml = archive.read("content.xml").decode("utf-8")
    with override("de"):
        day = date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"gemäß Ratsbeschluss vom {day} zu Version 1" in xml
    assert "Diese Fassung ist Version 1 mit den Änderungen" in xml
    assert decision in xml
    assert COUNCIL in xml and REFERENCE in xml
    assert issuing.issuable(fassung, "resolution")


@pytest.mark.django_db(transaction=True)
def test_in_production_the_worker_renders_what_the_presentation_enqueued(client, media, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    frozen_world()

    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.READY
    assert task.task_path == "concept.issuing_jobs.issue_files"
    assert not IssuedFile.objects.exists()
    assert client.get("/konzept/v1/download/json/").status_code == 202
    assert stored_files(media) == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert IssuedFile.objects.count() == 10
    response = client.get("/konzept/v1/download/json/")
    assert response.status_code == 200
    assert body(response) == IssuedFile.objects.get(document="version", format="json").file.read()
