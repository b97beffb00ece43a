"""Translations remember the German they were made from: outdated exactly when it changed."""

import pytest
from django.core.exceptions import ValidationError

from concept.models import (
    ContentLanguage,
    SectionTranslation,
    VersionStatus,
    section_source,
    source_digest,
)
from concept.services import section_translation_save, section_update, version_create_next
from concept.translations import (
    MISSING,
    OUTDATED,
    TRANSLATED,
    available_translations,
    section_rows,
    translation_counts,
)
from tests.concept.conftest import bring_to, version_with_sections


@pytest.fixture
def languages(concept):
    return [
        ContentLanguage.objects.create(concept=concept, code="tr", position=1),
        ContentLanguage.objects.create(concept=concept, code="ar", position=2),
    ]


@pytest.fixture
def version(concept, languages):
    return bring_to(version_with_sections(concept, count=3), VersionStatus.COUNCIL_REVIEW)


def translate(section, language="tr", title="Bölüm", seen=None):
    return section_translation_save(
        section=section,
        language=language,
        title=title,
        body="Metin",
        easy_language_summary="",
        by=None,
        seen_updated_at=seen,
    )


def test_a_language_knows_its_own_name_and_direction(languages):
    turkish, arabic = languages
    assert (turkish.own_name, turkish.direction) == ("Türkçe", "ltr")
    assert (arabic.own_name, arabic.direction) == ("العربيّة", "rtl")


def test_an_unknown_language_code_is_refused(concept):
    with pytest.raises(ValidationError) as error:
        ContentLanguage(concept=concept, code="xx", position=1).full_clean()
    assert "kein bekannter Sprachcode" in " ".join(error.value.messages)


def test_the_digest_is_of_the_german_title_body_and_summary(version):
    section = version.sections.get(key="kapitel-1")
    translation = translate(section)
    assert translation.source_digest == source_digest(section_source(section))
    assert translation.source_text["title"] == "Kapitel 1"
    assert not translation.is_outdated


def test_a_translation_of_a_frozen_version_may_be_added(version):
    assert version.is_frozen
    translate(version.sections.get(key="kapitel-1"))
    assert SectionTranslation.objects.filter(section__version=version).count() == 1


def test_only_configured_languages_are_translated(version):
    with pytest.raises(ValidationError):
        translate(version.sections.get(key="kapitel-1"), language="ru")


def test_drafts_are_not_translated(concept, languages):
    draft = version_with_sections(concept)
    with pytest.raises(ValidationError):
        translate(draft.sections.first())


def test_a_second_save_from_a_stale_form_is_refused(version):
    section = version.sections.get(key="kapitel-1")
    first = translate(section)
    with pytest.raises(ValidationError) as error:
        translate(section, title="Anders", seen=None)
    assert "inzwischen geändert" in " ".join(error.value.messages)
    translate(section, title="Anders", seen=first.updated_at)
    assert SectionTranslation.objects.get(section=section).title == "Anders"


def test_the_next_version_carries_the_translations_and_they_outdate_with_the_german(version):
    for key in ("kapitel-1", "kapitel-2"):
        translate(version.sections.get(key=key))
    successor = version_create_next(version=version)
    copied = {
        t.section.key: t for t in SectionTranslation.objects.filter(section__version=successor)
    }
    assert set(copied) == {"kapitel-1", "kapitel-2"}
    assert not any(t.is_outdated for t in copied.values())

    section_update(section=successor.sections.get(key="kapitel-1"), body="Ein neuer Absatz.")

    statuses = {row.section.key: row.status for row in section_rows(successor, "tr")}
    assert statuses == {"kapitel-1": OUTDATED, "kapitel-2": TRANSLATED, "kapitel-3": MISSING}
    # The earlier version's translation is of its own, unchanged German.
    assert {row.status for row in section_rows(version, "tr")} == {TRANSLATED, MISSING}


def test_changing_the_summary_alone_outdates_it(version):
    translate(version.sections.get(key="kapitel-1"))
    successor = version_create_next(version=version)
    section = successor.sections.get(key="kapitel-1")
    section_update(section=section, easy_language_summary="Neu in Leichter Sprache.")
    assert SectionTranslation.objects.get(section=section).is_outdated


def test_the_counts_per_language(version, languages):
    translate(version.sections.get(key="kapitel-1"))
    counts = {c["language"].code: c for c in translation_counts(version, languages)}
    assert (counts["tr"][TRANSLATED], counts["tr"][MISSING]) == (1, 2)
    assert counts["ar"][MISSING] == 3
    assert [lang.code for lang in available_translations(version)] == ["tr"]
