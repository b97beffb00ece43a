"""Writing the translations of a version's sections, and carrying them into the next draft."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concept.models import (
    ConceptVersion,
    ContentLanguage,
    Section,
    SectionTranslation,
    section_source,
    source_digest,
)


def translations_copy(old: ConceptVersion, new: ConceptVersion) -> None:
    """Each translation follows its section (by stable key) into the next draft with the digest
    of the German it was made from: editing the German there shows it outdated."""
    sections = {s.key: s for s in new.sections.all()}
    SectionTranslation.objects.bulk_create(
        [
            SectionTranslation(
                section=sections[t.section.key],
                language=t.language,
                title=t.title,
                body=t.body,
                easy_language_summary=t.easy_language_summary,
                source_digest=t.source_digest,
                source_text=t.source_text,
                translated_by=t.translated_by,
                is_example=t.is_example,
            )
            for t in SectionTranslation.objects.filter(section__version=old).select_related(
                "section"
            )
            if t.section.key in sections
        ]
    )


def refuse_unless_configured(concept_id: int, language: str) -> None:
    if not ContentLanguage.objects.filter(concept_id=concept_id, code=language).exists():
        raise ValidationError(
            _("In die Sprache „%(code)s“ wird das Konzept nicht übersetzt.") % {"code": language}
        )


@transaction.atomic
def section_translation_save(
    *,
    section: Section,
    language: str,
    title: str,
    body: str,
    easy_language_summary: str,
    by,
    seen_updated_at: dt.datetime | None,
) -> SectionTranslation:
    """Create or replace one section's translation, made from the German as it is now.
    `seen_updated_at` is the translation's time the form was built from (None: there was none):
    another translator's save in between refuses this one instead of overwriting it."""
    version = section.version
    if not version.is_public:
        raise ValidationError(_("Entwürfe werden nicht übersetzt."))
    refuse_unless_configured(version.concept_id, language)
    if not title.strip():
        raise ValidationError({"title": _("Bitte geben Sie die übersetzte Überschrift ein.")})
    existing = (
        SectionTranslation.objects.select_for_update()
        .filter(section=section, language=language)
        .first()
    )
    seen = existing.updated_at if existing else None
    if seen != seen_updated_at:
        raise ValidationError(
            _(
                "Die Übersetzung wurde inzwischen geändert. Bitte laden Sie die Seite neu und "
                "tragen Sie Ihre Änderungen erneut ein."
            )
        )
    source = section_source(section)
    translation = existing or SectionTranslation(section=section, language=language)
    translation.title = title.strip()
    translation.body = body
    translation.easy_language_summary = easy_language_summary
    translation.source_text = source
    translation.source_digest = source_digest(source)
    translation.translated_by = by
    translation.is_example = False
    translation.full_clean()
    translation.save()
    return translation
