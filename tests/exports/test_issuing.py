"""Issuing files: which documents of a version are issued and when (`issuable`, `files_due`),
issuing one file once (`issue_file`), what a download is served (`export_get`), and the lookup
behind the authenticity check. JSON and DOCX stand in for every format here (the PDFs are
rendered in the step and authenticity tests).

The worlds here are built inside each test's transaction, whose commit never comes: the
presentation's task does not run, so nothing is issued unless a test issues it."""

import dataclasses
import json
import threading

import pytest
from django.db import connection

from concept import issuing
from concept.exports import render_version
from concept.issuing_jobs import MISSING, PRESENTATION, RESOLUTION, files_due, issue_file
from concept.models import IssuedDocument, IssuedFile, VersionStatus
from concept.services import version_create_next, version_transition
from measures.opendata import DOCUMENT as MEASURES_DOCUMENT
from measures.opendata import render as measures_render
from measures.services import progress_record
from tests.exports.issuing_data import (
    decide,
    freeze,
    frozen_world,
    minden,
    present,
    propose,
    sha256,
    stored_files,
    version_in_consultation,
)

VERSION = IssuedDocument.VERSION
SYNOPSIS = IssuedDocument.SYNOPSIS
RESOLUTION_DOCUMENT = IssuedDocument.RESOLUTION
MEASURES = MEASURES_DOCUMENT


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def world(db, media):
    return frozen_world()


def read(issued: IssuedFile) -> bytes:
    with issued.file.open("rb") as stored:
        return stored.read()


def due(version, occasion) -> set[tuple[int, str, str]]:
    return {(v.number, document, fmt) for v, document, fmt in files_due(version, occasion)}


def every(number: int, document: str) -> set[tuple[int, str, str]]:
    return {(number, document, fmt) for fmt in issuing.document_kind(document).formats}


def test_a_frozen_versions_json_is_issued_once_and_is_its_snapshot(world, media):
    version = world["version"]

    first = issue_file(version, VERSION, "json")
    second = issue_file(version, VERSION, "json")

    assert first is not None and second is None
    assert IssuedFile.objects.count() == 1
    assert [p.relative_to(media).as_posix() for p in stored_files(media)] == [
        "issued/minden-v1-version.json"
    ]
    content = read(first)
    assert content == version.snapshot.encode("utf-8")
    assert first.sha256 == sha256(content) == version.checksum
    assert first.size == len(content)
    assert first.mime_type == "application/json"
    assert len(first.sha512) == 128


def test_changing_a_live_measure_after_issuing_changes_no_issued_file(world):
    version, measure = world["version"], world["measure"]
    issued = {
        key: issue_file(version, *key)
        for key in ((VERSION, "json"), (VERSION, "docx"), (MEASURES, "json"))
    }
    before = {key: read(file) for key, file in issued.items()}

    progress_record(measure=measure, status="implemented", note="Läuft in allen Kitas.")
    measure.title = "Sprachcafé für Eltern und Großeltern"
    measure.save()

    for key, file in issued.items():
        export = issuing.export_get(version, *key)
        assert export.issued.pk == file.pk
        assert export.read() == before[key], key
    assert IssuedFile.objects.count() == 3
    version.refresh_from_db()
    assert sha256(render_version(version, "json")) == version.checksum
    measures = json.loads(before[(MEASURES, "json")])
    assert "Großeltern" not in json.dumps(measures, ensure_ascii=False)
    # The change is real: the draft's live measures show it.
    assert "Großeltern" in measures_render(world["draft"], "json").decode("utf-8")


def test_presenting_is_due_to_issue_the_versions_documents_and_its_synopsis(world):
    version = world["version"]
    assert due(version, PRESENTATION) == (
        every(1, VERSION) | every(1, MEASURES) | every(1, SYNOPSIS)
    )
    # Nothing the council has not decided yet.
    assert not issuing.issuable(version, RESOLUTION_DOCUMENT)
    assert due(version, RESOLUTION) == due(version, PRESENTATION)


def test_presenting_a_successor_issues_the_synopsis_of_the_version_it_was_drafted_from(db, media):
    concept, group, measure = minden()
    first, section = version_in_consultation(concept, measure)
    propose(section, group)
    version_transition(version=first, to=VersionStatus.CONSULTATION_CLOSED)
    second = version_create_next(version=first, title="Fortschreibung")
    # In consultation and after it the synopsis is rendered on demand: it may still change.
    assert not issuing.issuable(first, SYNOPSIS)

    second = present(second)
    first.refresh_from_db()

    assert not first.is_frozen
    assert issuing.issuable(first, SYNOPSIS)
    assert due(second, PRESENTATION) == (
        every(2, VERSION) | every(2, MEASURES) | every(1, SYNOPSIS)
    )


def test_a_version_without_proposals_has_no_synopsis_to_issue(db, media):
    concept, _group, measure = minden()
    version, _section = version_in_consultation(concept, measure)
    version = freeze(version)

    assert not issuing.issuable(version, SYNOPSIS)
    assert due(version, PRESENTATION) == every(1, VERSION) | every(1, MEASURES)
    # Rendered on demand instead: an empty synopsis.
    export = issuing.export_get(version, SYNOPSIS, "docx")
    assert export.issued is None and export.content[:2] == b"PK"


def test_the_beschlossene_fassung_is_due_with_the_councils_decision(world):
    version = world["version"]
    with pytest.raises(issuing.DocumentMissing):
        issuing.export_get(version, RESOLUTION_DOCUMENT, "pdf")
    assert issuing.resolution_downloads(version) == []

    version = decide(version)

    assert version.status == VersionStatus.APPROVED
    assert issuing.issuable(version, RESOLUTION_DOCUMENT)
    assert due(version, PRESENTATION) == (
        every(1, VERSION) | every(1, MEASURES) | every(1, SYNOPSIS)
    )
    assert due(version, RESOLUTION) == due(version, PRESENTATION) | every(1, RESOLUTION_DOCUMENT)
    assert [d.pending for d in issuing.resolution_downloads(version)] == [True, True, True]


def test_what_is_issued_already_is_not_due_again(world):
    version = world["version"]
    issue_file(version, VERSION, "json")
    issue_file(version, SYNOPSIS, "docx")
    assert (1, VERSION, "json") not in due(version, MISSING)
    assert (1, SYNOPSIS, "docx") not in due(version, MISSING)
    assert (1, VERSION, "pdf") in due(version, MISSING)


def test_an_issued_document_not_stored_yet_is_pending_and_rendered_by_nobody(world, monkeypatch):
    version = world["version"]

    def refuse(version, fmt):
        raise AssertionError("a download must not render an issued document")

    for key in (VERSION, SYNOPSIS, MEASURES):
        kind = issuing.document_kind(key)
        monkeypatch.setitem(
            issuing._kinds, key, dataclasses.replace(kind, render=refuse, issue_render=refuse)
        )

    for key, fmt in ((VERSION, "pdf"), (SYNOPSIS, "odt"), (MEASURES, "csv")):
        export = issuing.export_get(version, key, fmt)
        assert export.pending
        with pytest.raises(LookupError):
            export.read()
    assert not IssuedFile.objects.exists()


def test_a_version_in_consultation_is_rendered_on_demand_and_not_recorded(db, media):
    concept, _group, measure = minden()
    version, _section = version_in_consultation(concept, measure)

    export = issuing.export_get(version, VERSION, "json")

    assert export.issued is None and not export.pending
    assert json.loads(export.content)["version"]["number"] == 1
    assert export.filename == "minden-v1.json"
    assert files_due(version, MISSING) == []
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []


def test_a_draft_is_never_issued(world, media):
    draft = world["draft"]
    assert not issuing.issuable(draft, VERSION)
    assert issuing.export_get(draft, VERSION, "json").issued is None
    assert files_due(draft, MISSING) == []
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []


def test_unknown_formats_raise_value_error_and_store_nothing(world, media):
    version = world["version"]
    for document, fmt in ((VERSION, "xlsx"), (SYNOPSIS, "json"), (MEASURES, "pdf"), ("x", "pdf")):
        with pytest.raises(ValueError):
            issuing.export_get(version, document, fmt)
        with pytest.raises(ValueError):
            issue_file(version, document, fmt)
    with pytest.raises(ValueError):
        files_due(version, "whenever")
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []


def test_two_versions_may_issue_files_with_the_same_bytes(world):
    """Two issued files with the same bytes (a document of two versions that differ in nothing
    it prints): both recorded, both found by the check."""
    first = world["version"]
    second = present(world["draft"])
    one = IssuedFile.objects.filter(version=first, document=MEASURES, format="json").first()
    one = one or issue_file(first, MEASURES, "json")
    other = IssuedFile.objects.create(
        version=second,
        document=MEASURES,
        format="xlsx",
        file=one.file.name,
        mime_type=one.mime_type,
        size=one.size,
        sha256=one.sha256,
        sha512=one.sha512,
    )

    assert one.pk != other.pk
    assert set(issuing.issued_file_lookup(sha256=one.sha256).files) == {one, other}


@pytest.mark.django_db(transaction=True)
def test_two_parallel_runs_record_a_file_once_and_neither_fails(media, monkeypatch, settings):
    # A queue without a worker: the presentation's task waits, the two runs here race.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    version = frozen_world()["version"]
    assert not IssuedFile.objects.exists()
    kind = issuing.document_kind(VERSION)
    both_rendering = threading.Barrier(2, timeout=10)

    def together(version, fmt):
        # Both runs have checked the register and render at once: only the database's unique
        # constraint can tell which of them records the file.
        both_rendering.wait()
        return kind.render(version, fmt)

    monkeypatch.setitem(issuing._kinds, VERSION, dataclasses.replace(kind, issue_render=together))
    results, errors = [], []

    def run():
        try:
            results.append(issue_file(version, VERSION, "json"))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(result is None for result in results) == [False, True]
    issued = IssuedFile.objects.get(document=VERSION, format="json")
    assert [p.relative_to(media).as_posix() for p in stored_files(media)] == [issued.file.name]


# --- the lookup behind the authenticity check --------------------------------------------------


def test_lookup_by_hashes_prefix_and_version_checksum(world):
    version = world["version"]
    docx = issue_file(version, VERSION, "docx")

    assert issuing.issued_file_lookup(sha256=docx.sha256).files == [docx]
    assert issuing.issued_file_lookup(sha256=docx.sha256, sha512=docx.sha512).files == [docx]
    assert not issuing.issued_file_lookup(sha256=docx.sha256, sha512="0" * 128).found
    assert issuing.issued_file_lookup(sha512=docx.sha512.upper()).files == [docx]
    assert issuing.issued_file_lookup(prefix=docx.sha256[:12]).files == [docx]

    by_footer = issuing.issued_file_lookup(prefix=version.checksum_prefix)
    assert by_footer.versions == [version]
    assert list(by_footer.versions[0].issued_files.all()) == [docx]
    # The canonical JSON of the version is identified even before its file was issued.
    assert issuing.issued_file_lookup(sha256=version.checksum).versions == [version]

    assert not issuing.issued_file_lookup(prefix=version.checksum[:11]).found
    assert not issuing.issued_file_lookup(sha256="f" * 64).found
    assert not issuing.issued_file_lookup().found


def test_checksum_lookup_chooses_by_length(world):
    version = world["version"]
    issued = issue_file(version, VERSION, "json")
    assert issuing.checksum_lookup(issued.sha256).files == [issued]
    assert issuing.checksum_lookup(issued.sha512).files == [issued]
    assert issuing.checksum_lookup(issued.sha256[:20]).versions == [version]


def test_version_downloads_show_sizes_of_issued_files_and_which_are_being_made(world):
    version = world["version"]
    issued = issue_file(version, VERSION, "json")
    downloads = {d.format.key: d for d in issuing.version_downloads(version)}
    assert list(downloads) == ["pdf", "docx", "odt", "json"]
    assert downloads["json"].size == issued.size
    assert not downloads["json"].pending
    assert downloads["json"].url == "/konzept/v1/download/json/"
    assert downloads["pdf"].size is None
    assert downloads["pdf"].pending
    # A draft's documents are rendered on demand: never pending.
    assert not any(d.pending for d in issuing.version_downloads(world["draft"]))
