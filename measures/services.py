"""Writes to measures: the status changes only through a recorded progress update
(`measures.progress`, offered here too)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concept.models import Section, source_digest
from concept.services.translations import refuse_unless_configured
from measures.models import Measure, MeasureTranslation, measure_source
from measures.progress import progress_record

__all__ = ["measure_cite", "measure_translation_save", "measure_uncite", "progress_record"]


def _check_citable(measure: Measure, sections: list[Section]) -> None:
    for section in sections:
        if section.version.is_frozen:
            raise ValidationError(
                _("Version %(number)s ist eingefroren; ihre Zitate sind unveränderlich.")
                % {"number": section.version.number}
            )
        if section.version.concept_id != measure.concept_id:
            raise ValidationError(_("Der Abschnitt gehört zu einem anderen Konzept."))


@transaction.atomic
def measure_cite(*, measure: Measure, sections: list[Section]) -> None:
    """Link a measure to the sections citing it; frozen versions keep their citations."""
    _check_citable(measure, sections)
    measure.cited_sections.add(*sections)


@transaction.atomic
def measure_uncite(*, measure: Measure, sections: list[Section]) -> None:
    """Remove citations; those of a frozen version stay, as its document does."""
    _check_citable(measure, sections)
    measure.cited_sections.remove(*sections)


@transaction.atomic
def measure_translation_save(
    *,
    measure: Measure,
    language: str,
    title: str,
    description: str,
    by,
    seen_updated_at,
) -> MeasureTranslation:
    """Create or replace a measure's translation, made from its German as it is now; a save
    from a form built before another translator's save is refused (`seen_updated_at`)."""
    refuse_unless_configured(measure.concept_id, language)
    if not title.strip():
        raise ValidationError({"title": _("Bitte geben Sie den übersetzten Titel ein.")})
    existing = (
        MeasureTranslation.objects.select_for_update()
        .filter(measure=measure, language=language)
        .first()
    )
    if (existing.updated_at if existing else None) != seen_updated_at:
        raise ValidationError(
            _(
                "Die Übersetzung wurde inzwischen geändert. Bitte laden Sie die Seite neu und "
                "tragen Sie Ihre Änderungen erneut ein."
            )
        )
    source = measure_source(measure)
    translation = existing or MeasureTranslation(measure=measure, language=language)
    translation.title = title.strip()
    translation.description = description
    translation.source_text = source
    translation.source_digest = source_digest(source)
    translation.translated_by = by
    translation.is_example = False
    translation.full_clean()
    translation.save()
    return translation
