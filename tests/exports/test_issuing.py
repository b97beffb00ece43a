"""Issuing files: a frozen version's documents are rendered once, stored and recorded once; the
rest is rendered on demand and recorded nowhere. JSON and DOCX stand in for every format here
(the PDF is rendered in the authenticity tests)."""

import dataclasses
import json
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from concept import issuing
from concept.exports import render_version
from concept.models import AmendmentStatus, IssuedDocument, IssuedFile
from concept.services import amendment_withdraw
from measures.opendata import DOCUMENT as MEASURES_DOCUMENT
from measures.opendata import render as measures_render
from measures.services import progress_record
from tests.exports.issuing_data import (
    frozen_world,
    minden,
    sha256,
    stored_files,
    version_in_consultation,
)

VERSION = IssuedDocument.VERSION
SYNOPSIS = IssuedDocument.SYNOPSIS
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


def test_a_frozen_versions_json_is_issued_once_and_is_its_snapshot(world, media):
    version = world["version"]

    first = issuing.issued_file(version, VERSION, "json")
    second = issuing.issued_file(version, VERSION, "json")

    assert first.pk == second.pk
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


def test_changing_a_live_measure_after_freezing_changes_no_issued_file(world):
    version, measure = world["version"], world["measure"]
    issued = {
        (document, fmt): issuing.issued_file(version, document, fmt)
        for document, fmt in ((VERSION, "json"), (VERSION, "docx"), (MEASURES, "json"))
    }
    before = {key: read(file) for key, file in issued.items()}

    progress_record(measure=measure, status="implemented", note="Läuft in allen Kitas.")
    measure.title = "Sprachcafé für Eltern und Großeltern"
    measure.save()

    for key, file in issued.items():
        again = issuing.issued_file(version, *key)
        assert again.pk == file.pk
        assert read(again) == before[key], key
    assert IssuedFile.objects.count() == 3
    version.refresh_from_db()
    rendered = render_version(version, "json")
    assert rendered == before[(VERSION, "json")]
    assert sha256(rendered) == version.checksum
    measures = json.loads(before[(MEASURES, "json")])
    assert "Großeltern" not in json.dumps(measures, ensure_ascii=False)
    # The change is real: the draft's live measures show it.
    assert "Großeltern" in measures_render(world["draft"], "json").decode("utf-8")


def test_a_version_in_consultation_is_rendered_on_demand_and_not_recorded(db, media):
    concept, _group, measure = minden()
    version, _section = version_in_consultation(concept, measure)

    export = issuing.export_get(version, VERSION, "json")

    assert export.issued is None
    assert json.loads(export.content)["version"]["number"] == 1
    assert export.filename == "minden-v1.json"
    with pytest.raises(ValidationError):
        issuing.issued_file(version, VERSION, "json")
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []


def test_a_draft_is_never_issued(world, media):
    draft = world["draft"]
    assert not issuing.issuable(draft, VERSION)
    assert issuing.export_get(draft, VERSION, "json").issued is None
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []


def test_unknown_formats_raise_value_error_and_store_nothing(world, media):
    version = world["version"]
    for document, fmt in ((VERSION, "xlsx"), (SYNOPSIS, "json"), (MEASURES, "pdf"), ("x", "pdf")):
        with pytest.raises(ValueError):
            issuing.export_get(version, document, fmt)
        with pytest.raises(ValueError):
            issuing.issued_file(version, document, fmt)
    assert not IssuedFile.objects.exists()
    assert stored_files(media) == []


def test_the_synopsis_is_issued_only_once_every_amendment_is_decided(db, media):
    world = frozen_world(decided=False)
    version, amendment = world["version"], world["amendment"]
    assert amendment.status == AmendmentStatus.SUBMITTED
    assert not issuing.issuable(version, SYNOPSIS)
    assert issuing.export_get(version, SYNOPSIS, "docx").issued is None
    assert not IssuedFile.objects.exists()

    amendment_withdraw(amendment=amendment, by=amendment.author)

    assert issuing.issuable(version, SYNOPSIS)
    assert issuing.export_get(version, SYNOPSIS, "docx").issued is not None


def test_a_synopsis_showing_a_proposers_name_is_never_stored(db, media):
    world = frozen_world(author_name="Erika Mustermann")
    assert world["amendment"].status == AmendmentStatus.ACCEPTED
    assert not issuing.issuable(world["version"], SYNOPSIS)
    assert issuing.issuable(world["version"], VERSION)


def test_a_decided_synopsis_is_issued(world):
    export = issuing.export_get(world["version"], SYNOPSIS, "docx")
    assert export.issued is not None
    assert export.filename == "minden-v1-synopse.docx"
    assert export.read()[:2] == b"PK"


def test_a_file_whose_record_fails_is_removed_again(world, media):
    version = world["version"]
    # A record that already claims the JSON's hash: recording the real one must fail.
    IssuedFile.objects.create(
        version=version,
        document=MEASURES,
        format="csv",
        file="issued/elsewhere.csv",
        mime_type="text/csv",
        size=1,
        sha256=version.checksum,
        sha512="0" * 128,
    )

    with pytest.raises(IntegrityError):
        issuing.issued_file(version, VERSION, "json")

    assert stored_files(media) == []
    assert IssuedFile.objects.count() == 1


def test_issuing_refuses_to_run_inside_a_callers_transaction(world, media):
    """Durable: a caller's rollback could otherwise undo the record of a stored file."""
    with pytest.raises(RuntimeError), transaction.atomic():
        issuing.issued_file(world["version"], VERSION, "json")
    assert stored_files(media) == []


@pytest.mark.django_db(transaction=True)
def test_two_parallel_first_downloads_render_and_record_once(media, monkeypatch):
    world = frozen_world()
    version = world["version"]
    renders = []
    kind = issuing.document_kind(VERSION)
    real = kind.render

    def counting(version, fmt):
        renders.append(fmt)
        # Holds the version's row a moment, so the other request arrives while it is locked.
        time.sleep(0.3)
        return real(version, fmt)

    monkeypatch.setitem(issuing._kinds, VERSION, dataclasses.replace(kind, render=counting))
    start = threading.Barrier(2)
    results, errors = [], []

    def download():
        try:
            start.wait()
            results.append(issuing.issued_file(version, VERSION, "json").pk)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=download) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(set(results)) == 1 and len(results) == 2
    assert renders == ["json"]
    assert IssuedFile.objects.count() == 1
    assert len(stored_files(media)) == 1


# --- the lookup behind the authenticity check --------------------------------------------------


def test_lookup_by_hashes_prefix_and_version_checksum(world):
    version = world["version"]
    docx = issuing.issued_file(version, VERSION, "docx")

    assert issuing.issued_file_lookup(sha256=docx.sha256).files == [docx]
    assert issuing.issued_file_lookup(sha256=docx.sha256, sha512=docx.sha512).files == [docx]
    assert not issuing.issued_file_lookup(sha256=docx.sha256, sha512="0" * 128).found
    assert issuing.issued_file_lookup(sha512=docx.sha512.upper()).files == [docx]
    assert issuing.issued_file_lookup(prefix=docx.sha256[:12]).files == [docx]

    by_footer = issuing.issued_file_lookup(prefix=version.checksum_prefix)
    assert by_footer.versions == [version]
    assert list(by_footer.versions[0].issued_files.all()) == [docx]
    # The canonical JSON of the version is identified even before it was ever downloaded.
    assert issuing.issued_file_lookup(sha256=version.checksum).versions == [version]

    assert not issuing.issued_file_lookup(prefix=version.checksum[:11]).found
    assert not issuing.issued_file_lookup(sha256="f" * 64).found
    assert not issuing.issued_file_lookup().found


def test_checksum_lookup_chooses_by_length(world):
    version = world["version"]
    issued = issuing.issued_file(version, VERSION, "json")
    assert issuing.checksum_lookup(issued.sha256).files == [issued]
    assert issuing.checksum_lookup(issued.sha512).files == [issued]
    assert issuing.checksum_lookup(issued.sha256[:20]).versions == [version]


def test_version_downloads_show_sizes_of_issued_files_only(world):
    version = world["version"]
    issued = issuing.issued_file(version, VERSION, "json")
    downloads = {d.format.key: d for d in issuing.version_downloads(version)}
    assert list(downloads) == ["pdf", "docx", "odt", "json"]
    assert downloads["json"].size == issued.size
    assert downloads["json"].url == "/konzept/v1/download/json/"
    assert downloads["pdf"].size is None
