"""Adding, changing and removing the sections of a draft, keeping their positions gapless."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from concept.derived import sections_derive
from concept.models import ConceptVersion, Section
from concept.services._common import lock_draft

# Positions are unique per version; shifting a block moves it out of the way first.
_SHIFT = 1_000_000


def _shift_positions(version: ConceptVersion, *, from_position: int, by: int) -> None:
    block = version.sections.filter(position__gte=from_position)
    block.update(position=F("position") + _SHIFT)
    version.sections.filter(position__gte=_SHIFT).update(
        position=F("position") - _SHIFT + by, updated_at=timezone.now()
    )


@transaction.atomic
def section_create(
    *,
    version: ConceptVersion,
    title: str,
    number: str,
    level: int = 1,
    body: str = "",
    easy_language_summary: str = "",
    key: str | None = None,
    after: Section | None = None,
) -> Section:
    """A new section of a draft, after `after` (or at the end); later sections move down."""
    locked = lock_draft(version)
    if after is not None and after.version_id != locked.pk:
        raise ValidationError(_("Der Abschnitt gehört nicht zu dieser Version."))
    if after is not None:
        position = after.position + 1
        _shift_positions(locked, from_position=position, by=1)
    else:
        position = (locked.sections.aggregate(p=Max("position"))["p"] or 0) + 1
    section = Section(
        version=locked,
        position=position,
        level=level,
        number=number,
        title=title,
        body=body,
        easy_language_summary=easy_language_summary,
    )
    if key:
        section.key = key
    section.full_clean()
    section.save()
    sections_derive(Section.objects.filter(pk=section.pk))
    return section


@transaction.atomic
def section_update(*, section: Section, **changes) -> Section:
    """Change the text of a draft's section (title, number, level, body, summary)."""
    allowed = {"title", "number", "level", "body", "easy_language_summary"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            _("Diese Felder können nicht geändert werden: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    lock_draft(section.version)
    locked = Section.objects.select_for_update().get(pk=section.pk)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    sections_derive(Section.objects.filter(pk=locked.pk))
    return locked


@transaction.atomic
def section_delete(*, section: Section) -> None:
    """Remove a section from a draft and close the gap it leaves."""
    locked = lock_draft(section.version)
    current = Section.objects.select_for_update().get(pk=section.pk)
    current.delete()
    _shift_positions(locked, from_position=current.position + 1, by=-1)
