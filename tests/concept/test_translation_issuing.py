"""A published translation of a frozen version is its own issued file naming the German
checksum; the German version, its checksum and its files stay as they were."""

import hashlib
import json

import pytest
from django.core.exceptions import ValidationError

from concept.issuing import issued_file_lookup
from concept.issuing_jobs import issue_file
from concept.models import ContentLanguage, IssuedFile, VersionStatus
from concept.services import section_translation_save, translation_issue
from tests.concept.conftest import bring_to, version_with_sections


@pytest.fixture
def version(concept):
    ContentLanguage.objects.create(concept=concept, code="tr", position=1)
    return bring_to(version_with_sections(concept), VersionStatus.COUNCIL_REVIEW)


def translate(section):
    return section_translation_save(
        section=section,
        language="tr",
        title="Giriş",
        body="Türkçe metin.",
        easy_language_summary="",
        by=None,
        seen_updated_at=None,
    )


def german_state(version):
    version.refresh_from_db()
    files = sorted(
        IssuedFile.objects.filter(version=version)
        .exclude(document__startswith="translation-")
        .values_list("document", "format", "sha256", "file")
    )
    return version.checksum, version.snapshot, files


def test_issuing_a_translation_leaves_the_german_unchanged(version):
    issue_file(version, "version", "json")
    translate(version.sections.get(key="kapitel-1"))
    before = german_state(version)
    assert before[2], "the German JSON is issued"

    issued = translation_issue(version=version, language="tr")

    assert german_state(version) == before
    content = issued.file.open("rb").read()
    assert hashlib.sha256(content).hexdigest() == issued.sha256
    document = json.loads(content)
    assert document["german_checksum"] == version.checksum
    assert document["language"] == "tr"
    assert [s["key"] for s in document["sections"]] == ["kapitel-1"]
    assert "maßgeblich ist die deutsche Fassung" in document["notice"]
    # Checkable like any issued file.
    assert issued in issued_file_lookup(sha256=issued.sha256).files


def test_a_translation_is_issued_once_and_only_of_a_frozen_version(version, concept):
    translate(version.sections.get(key="kapitel-1"))
    translation_issue(version=version, language="tr")
    with pytest.raises(ValidationError, match="bereits ausgestellt"):
        translation_issue(version=version, language="tr")
    with pytest.raises(ValidationError):
        translation_issue(version=version, language="ar")


def test_nothing_translated_is_nothing_to_issue(version):
    with pytest.raises(ValidationError, match="keinen aktuell übersetzten"):
        translation_issue(version=version, language="tr")
    assert not IssuedFile.objects.filter(document="translation-tr").exists()


def test_the_issued_translation_downloads_and_is_named_as_a_translation(client, version):
    translate(version.sections.get(key="kapitel-1"))
    issued = translation_issue(version=version, language="tr")
    response = client.get(f"/dateien/{issued.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])
    assert "translation-tr.json" in response["Content-Disposition"]
    assert issued.get_document_display() == "Nichtamtliche Übersetzung (tr)"
