"""Creating a concept's versions and editing a draft's own fields."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from concept import contributors
from concept.derived import sections_derive
from concept.models import Concept, ConceptVersion, Section, VersionStatus
from concept.services._common import lock_version_row, refuse_unless_editable
from concept.services.translations import translations_copy


def _next_number(concept: Concept) -> int:
    # Lock the concept row so two creators cannot pick the same number.
    Concept.objects.select_for_update().filter(pk=concept.pk).first()
    highest = concept.versions.aggregate(n=Max("number"))["n"] or 0
    return highest + 1


def _refuse_second_draft(concept: Concept) -> None:
    # The beschlossene Fassung of a council decision is drafted beside the working draft.
    open_draft = concept.versions.filter(
        status=VersionStatus.DRAFT, resolution_of__isnull=True
    ).first()
    if open_draft:
        raise ValidationError(
            _("Es gibt bereits einen Entwurf (Version %(number)s).") % {"number": open_draft.number}
        )


@transaction.atomic
def version_create(
    *, concept: Concept, title: str = "", is_example: bool = False
) -> ConceptVersion:
    """A new, empty draft; one draft per concept at a time."""
    number = _next_number(concept)
    _refuse_second_draft(concept)
    return ConceptVersion.objects.create(
        concept=concept, number=number, title=title, is_example=is_example
    )


@transaction.atomic
def version_create_next(
    *, version: ConceptVersion, title: str = "", now: dt.datetime | None = None
) -> ConceptVersion:
    """The next draft: sections copied with their stable keys, every contributor copies its
    part. Refused while the version's consultation still runs: ending it early is its own,
    confirmed step."""
    old = lock_version_row(version)
    if old.text_editable:
        raise ValidationError(
            _(
                "Version %(number)s ist noch ein Entwurf; er wird direkt bearbeitet, "
                "nicht fortgeschrieben."
            )
            % {"number": old.number}
        )
    if old.status == VersionStatus.CONSULTATION:
        raise ValidationError(
            _(
                "Die Beteiligung zu Version %(number)s läuft noch. Beenden Sie sie zuerst "
                "(„Beteiligung vorzeitig beenden“), dann legen Sie die nächste Version an."
            )
            % {"number": old.number},
            code="consultation_running",
        )
    _refuse_second_draft(old.concept)
    return draft_from(old, title=title)


def draft_from(
    old: ConceptVersion, *, title: str, resolution_of: ConceptVersion | None = None
) -> ConceptVersion:
    """A new draft with `old`'s sections (stable keys) and every contributor's part; the caller
    holds the lock on `old` inside its transaction."""
    new = ConceptVersion.objects.create(
        concept=old.concept,
        number=_next_number(old.concept),
        title=title,
        is_example=old.is_example,
        drafted_from=old,
        resolution_of=resolution_of,
    )
    # With history: the trail shows each section's first state in the new version.
    bulk_create_with_history(
        [
            Section(
                version=new,
                key=s.key,
                position=s.position,
                level=s.level,
                number=s.number,
                title=s.title,
                body=s.body,
                easy_language_summary=s.easy_language_summary,
            )
            for s in old.sections.in_order()
        ],
        Section,
    )
    sections_derive(new.sections.all())
    translations_copy(old, new)
    for contributor in contributors.contributors():
        contributor.copy(old, new)
    return new


@transaction.atomic
def version_update(
    *, version: ConceptVersion, title: str, is_example: bool, seen_lock_version: int | None
) -> ConceptVersion:
    """Change a draft's title and example flag. `seen_lock_version` is the lock counter the
    editor's page was built from: a move or another edit since then (or no counter at all)
    refuses the save instead of silently overwriting it."""
    locked = lock_version_row(version)
    if seen_lock_version != locked.lock_version:
        raise ValidationError(
            _(
                "Die Version wurde inzwischen geändert. Bitte laden Sie die Seite neu und "
                "tragen Sie Ihre Änderungen erneut ein."
            )
        )
    refuse_unless_editable(locked)
    locked.title = title
    locked.is_example = is_example
    locked.lock_version += 1
    locked.full_clean()
    locked.save(update_fields=["title", "is_example", "lock_version", "updated_at"])
    return locked
