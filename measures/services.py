"""Writes to measures: the status changes only through a recorded progress update."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concept.models import Section
from measures.models import Measure, MeasureStatus, ProgressUpdate


@transaction.atomic
def progress_record(
    *,
    measure: Measure,
    status: str,
    note: str = "",
    date: dt.date | None = None,
    by: AbstractBaseUser | None = None,
    is_example: bool = False,
) -> ProgressUpdate:
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Unbekannter Umsetzungsstand.")})
    locked = Measure.objects.select_for_update().get(pk=measure.pk)
    update = ProgressUpdate(
        measure=locked,
        status=status,
        note=note,
        date=date or timezone.localdate(),
        recorded_by=by,
        is_example=is_example,
    )
    update.full_clean()
    update.save()
    latest = locked.progress_updates.order_by("-date", "-pk").first()
    # save(), not update(): the audit trail records the new status; updated_at changes too,
    # and the pages and documents that show the status are keyed by it.
    locked.status = latest.status
    locked.save(update_fields=["status", "updated_at"])
    measure.status = latest.status
    return update


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
