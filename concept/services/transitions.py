"""Moving a version through its status table: opening and closing the consultation, and what
presenting and deciding share (freezing the text, superseding the approved version)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concept import events
from concept.documents import build_document, canonical_json, sha256_hex
from concept.models import Concept, ConceptVersion, VersionStatus, version_move
from concept.services._common import apply_move, lock_version_row


@transaction.atomic
def version_transition(
    *,
    version: ConceptVersion,
    to: str,
    consultation_ends_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
    **presentation,
) -> ConceptVersion:
    """Move a version along the table, and only along it. Presenting to the bodies plans the
    Beratungsfolge (`concept.services.bodies.version_present`, which takes `presentation`);
    the bodies' results move it further (`consultation_record`)."""
    if to == VersionStatus.COUNCIL_REVIEW:
        from concept.services.bodies import version_present

        return version_present(version=version, now=now, **presentation)
    now = now or timezone.now()
    locked = lock_version_row(version)
    version_move(locked, to)
    also: tuple[str, ...] = ()
    if to == VersionStatus.CONSULTATION:
        _set_consultation_deadline(locked, consultation_ends_at, now=now)
    ended_early = False
    if to == VersionStatus.CONSULTATION_CLOSED:
        # Ended before its deadline: the actual end is recorded beside the planned one. After
        # the deadline (the scheduled close has not run yet) it ended at the deadline.
        ended_early = now < locked.consultation_ends_at
        locked.consultation_closed_at = now if ended_early else locked.consultation_ends_at
        also = ("consultation_closed_at",)
    apply_move(locked, to, now=now, also=also)
    if to == VersionStatus.CONSULTATION:
        transaction.on_commit(lambda: events.notify_consultation_opened(locked))
    if ended_early:
        transaction.on_commit(lambda: events.notify_consultation_ended_early(locked))
    refresh_stale(version, locked)
    return locked


def _set_consultation_deadline(
    locked: ConceptVersion, ends_at: dt.datetime | None, *, now: dt.datetime
) -> None:
    """A consultation needs a deadline still to come and a text to comment on."""
    if ends_at is None:
        raise ValidationError(
            {"consultation_ends_at": _("Bitte das Ende der Beteiligungsfrist angeben.")}
        )
    if ends_at <= now:
        raise ValidationError(
            {
                "consultation_ends_at": _(
                    "Das Ende der Beteiligungsfrist muss in der Zukunft liegen."
                )
            }
        )
    if not locked.sections.exists():
        raise ValidationError(_("Eine Version ohne Abschnitte kann nicht in Beteiligung gehen."))
    locked.consultation_ends_at = ends_at
    locked.save(update_fields=["consultation_ends_at", "updated_at"])


def supersede_approved(locked: ConceptVersion, *, now: dt.datetime) -> None:
    """Before `locked` becomes the approved version: the one approved so far is superseded."""
    # Serialise approvals per concept: a parallel approval waits here and then sees
    # (and supersedes) this one, instead of colliding with the one-approved index.
    Concept.objects.select_for_update().filter(pk=locked.concept_id).first()
    previous = (
        ConceptVersion.objects.select_for_update()
        .filter(concept=locked.concept, status=VersionStatus.APPROVED)
        .exclude(pk=locked.pk)
    )
    for old in previous:
        apply_move(old, VersionStatus.SUPERSEDED, now=now)


def freeze(version: ConceptVersion, *, status: str, since: dt.date, now: dt.datetime) -> None:
    """Store the version's document as its canonical snapshot with its checksum; from here on
    the database refuses any change to its text."""
    snapshot = canonical_json(build_document(version))
    version.snapshot = snapshot
    version.checksum = sha256_hex(snapshot)
    version.frozen_at = now
    version.status = status
    version.status_changed_at = now
    version.status_since = since
    version.lock_version += 1
    version.save()


def refresh_stale(stale: ConceptVersion, fresh: ConceptVersion) -> None:
    for field in ConceptVersion._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))


@transaction.atomic
def consultations_close_expired(*, now: dt.datetime | None = None) -> int:
    """Close every consultation whose deadline has passed (run by a scheduled command)."""
    now = now or timezone.now()
    expired = ConceptVersion.objects.select_for_update().filter(
        status=VersionStatus.CONSULTATION, consultation_ends_at__lte=now
    )
    count = 0
    for version in expired:
        version.consultation_closed_at = version.consultation_ends_at
        apply_move(
            version, VersionStatus.CONSULTATION_CLOSED, now=now, also=("consultation_closed_at",)
        )
        count += 1
    return count
