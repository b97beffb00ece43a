"""Reading the translations of a version: which languages, which sections are translated,
which are out of date against the German, and the pages' rows."""

from __future__ import annotations

from dataclasses import dataclass

from concept.models import (
    ConceptVersion,
    ContentLanguage,
    IssuedFile,
    Section,
    SectionTranslation,
    section_source,
    source_digest,
)

TRANSLATED = "translated"
OUTDATED = "outdated"
MISSING = "missing"


def content_languages(concept) -> list[ContentLanguage]:
    if concept is None:
        return []
    return list(ContentLanguage.objects.filter(concept=concept).in_order())


def content_language_get(concept, code: str) -> ContentLanguage | None:
    if concept is None:
        return None
    return ContentLanguage.objects.filter(concept=concept, code=code).first()


@dataclass
class SectionRow:
    section: Section
    translation: SectionTranslation | None

    @property
    def status(self) -> str:
        if self.translation is None:
            return MISSING
        if self.translation.source_digest != source_digest(section_source(self.section)):
            return OUTDATED
        return TRANSLATED


def section_rows(version: ConceptVersion, language: str) -> list[SectionRow]:
    """Every section of the version in order, with its translation into `language` (or None)."""
    sections = list(version.sections.in_order())
    translations = {
        t.section_id: t
        for t in SectionTranslation.objects.filter(section__version=version, language=language)
    }
    return [SectionRow(section=s, translation=translations.get(s.pk)) for s in sections]


def translation_counts(version: ConceptVersion, languages: list[ContentLanguage]) -> list[dict]:
    """Per language: how many sections are translated, outdated and missing."""
    sections = list(version.sections.in_order())
    by_language: dict[str, dict[int, SectionTranslation]] = {}
    for t in SectionTranslation.objects.filter(section__version=version):
        by_language.setdefault(t.language, {})[t.section_id] = t
    counts = []
    for language in languages:
        rows = [
            SectionRow(section=s, translation=by_language.get(language.code, {}).get(s.pk))
            for s in sections
        ]
        statuses = [row.status for row in rows]
        counts.append(
            {
                "language": language,
                TRANSLATED: statuses.count(TRANSLATED),
                OUTDATED: statuses.count(OUTDATED),
                MISSING: statuses.count(MISSING),
            }
        )
    return counts


def available_translations(version: ConceptVersion) -> list[ContentLanguage]:
    """The configured languages a public version has at least one translated section in (one
    query: the German reading view asks on every request)."""
    if not version.is_public:
        return []
    translated = SectionTranslation.objects.filter(section__version=version).values("language")
    return list(
        ContentLanguage.objects.filter(
            concept_id=version.concept_id, code__in=translated
        ).in_order()
    )


def issued_translation(version: ConceptVersion, language: str) -> IssuedFile | None:
    """The issued file of the translation into `language`, once published."""
    return (
        IssuedFile.objects.filter(version=version, document=f"translation-{language}")
        .defer("version__snapshot")
        .first()
    )
