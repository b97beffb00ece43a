"""Writes to measures: the status changes only through a recorded progress update
(`measures.progress`, offered here too)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from concept.models import Section
from measures.models import Measure
from measures.progress import progress_record

__all__ = ["measure_cite", "measure_uncite", "progress_record"]


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
