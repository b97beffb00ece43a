"""`manage.py export_concept`: an issued document is its stored file (never rendered there);
others are rendered; mistakes are German CommandErrors. `manage.py issue_files` issues what is
missing through the issuing task."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from concept.issuing_jobs import issue_file
from concept.models import IssuedDocument, IssuedFile
from measures.opendata import DOCUMENT as MEASURES_DOCUMENT
from tests.exports.issuing_data import (
    frozen_world,
    minden,
    sha256,
    stored_files,
    version_in_consultation,
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db, media):
    return frozen_world()


def export(tmp_path, *args) -> tuple[bytes, str]:
    output = tmp_path / "out.bin"
    stdout = io.StringIO()
    call_command("export_concept", *args, "--output", str(output), stdout=stdout)
    return output.read_bytes(), stdout.getvalue()


def test_a_frozen_version_is_exported_as_its_issued_file(world, tmp_path):
    issue_file(world["version"], IssuedDocument.VERSION, "docx")
    first, message = export(tmp_path, "--version", "1", "--format", "docx")
    second, _ = export(tmp_path, "--version", "1", "--format", "docx")

    issued = IssuedFile.objects.get()
    assert first == second
    assert sha256(first) == issued.sha256
    assert (issued.document, issued.format) == (IssuedDocument.VERSION, "docx")
    assert "minden-v1.docx" in message and "ausgestellte Datei" in message
    assert issued.sha256 in message


def test_the_frozen_json_is_the_snapshot(world, tmp_path):
    issue_file(world["version"], IssuedDocument.VERSION, "json")
    content, _ = export(tmp_path, "--version", "1", "--format", "json")
    assert sha256(content) == world["version"].checksum


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_csv_and_xlsx_mean_the_measures(world, tmp_path, fmt):
    issue_file(world["version"], MEASURES_DOCUMENT, fmt)
    content, message = export(tmp_path, "--version", "1", "--format", fmt.upper())
    issued = IssuedFile.objects.get()
    assert (issued.document, issued.format) == (MEASURES_DOCUMENT, fmt)
    assert sha256(content) == issued.sha256
    assert f"minden-v1-massnahmen.{fmt}" in message


def test_the_measures_as_json_and_the_synopsis_by_document(world, tmp_path):
    issue_file(world["version"], MEASURES_DOCUMENT, "json")
    issue_file(world["version"], IssuedDocument.SYNOPSIS, "docx")
    measures, _ = export(tmp_path, "--version", "1", "--format", "json", "--document", "measures")
    assert "Sprachcafé" in measures.decode("utf-8")
    synopsis, _ = export(tmp_path, "--version", "1", "--format", "docx", "--document", "synopsis")
    assert synopsis[:2] == b"PK"
    assert IssuedFile.objects.count() == 2


def test_a_version_in_consultation_is_rendered_and_not_recorded(db, media, tmp_path):
    concept, _group, measure = minden()
    version_in_consultation(concept, measure)
    content, message = export(tmp_path, "--version", "1", "--format", "json")
    assert json.loads(content)["version"]["number"] == 1
    assert "neu erzeugt" in message
    assert not IssuedFile.objects.exists()


def test_a_draft_can_be_exported_from_the_command_line(world, tmp_path):
    content, _ = export(tmp_path, "--version", "2", "--format", "json")
    assert json.loads(content)["version"]["number"] == 2
    assert not IssuedFile.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--version", "9", "--format", "pdf"], "Version 9 gibt es nicht."),
        (["--version", "1", "--format", "exe"], "Das Format „exe“ gibt es für „Konzept“ nicht"),
        (
            ["--version", "1", "--format", "json", "--document", "synopsis"],
            "möglich sind: pdf, docx, odt",
        ),
        # Not issued yet: the command renders no issued document either.
        (["--version", "1", "--format", "json"], "minden-v1.json wird noch ausgestellt"),
        (
            ["--version", "1", "--format", "pdf", "--document", "resolution"],
            "Version 1 hat kein Dokument „Beschlossene Fassung“",
        ),
    ],
)
def test_mistakes_are_german_command_errors(world, tmp_path, args, message):
    output = tmp_path / "nicht-da.bin"
    with pytest.raises(CommandError, match=message):
        call_command("export_concept", *args, "--output", str(output))
    assert not output.exists()
    assert not IssuedFile.objects.exists()


def test_an_unwritable_output_is_a_german_command_error(world, tmp_path):
    issue_file(world["version"], IssuedDocument.VERSION, "json")
    with pytest.raises(CommandError, match="konnte nicht geschrieben werden"):
        call_command(
            "export_concept",
            "--version",
            "1",
            "--format",
            "json",
            "--output",
            str(tmp_path / "fehlt" / "datei.json"),
        )


def test_issue_files_issues_what_is_missing_and_nothing_twice(world, media, tasks_run):
    version = world["version"]
    issue_file(version, IssuedDocument.VERSION, "json")
    stdout = io.StringIO()

    call_command("issue_files", "--version", "1", stdout=stdout)

    # The presentation's files (the concept, the synopsis, the open data), each once.
    assert IssuedFile.objects.filter(version=version).count() == 10
    assert "Version 1: 9 Datei(en) in Auftrag gegeben" in stdout.getvalue()
    before = stored_files(media)
    again = io.StringIO()
    call_command("issue_files", "--all", "--now", stdout=again)
    assert "Version 1: alle Dateien sind ausgestellt." in again.getvalue()
    assert stored_files(media) == before


def test_issue_files_names_a_missing_version_in_german(world):
    with pytest.raises(CommandError, match="Version 9 gibt es nicht."):
        call_command("issue_files", "--version", "9")
