"""Moving a version through its status table: opening and closing the consultation, freezing
the text for the council, and recording each body's decision as a milestone."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from concept import events
from concept.documents import build_document, canonical_json, sha256_hex
from concept.models import (
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    Milestone,
    MilestoneKind,
    MilestoneOutcome,
    VersionStatus,
    version_move,
)
from concept.services._common import apply_move, lock_version_row, status_label

# Which body decides each move when none is given, and what the milestone records.
_DECISION_BODY = {
    VersionStatus.COUNCIL_REVIEW: BodyKind.ADVISORY,
    VersionStatus.ADOPTED: BodyKind.ADVISORY,
    VersionStatus.FORWARDED: BodyKind.ADVISORY,
    VersionStatus.APPROVED: BodyKind.COUNCIL,
}
_DECISION_OUTCOME = {
    VersionStatus.COUNCIL_REVIEW: MilestoneOutcome.PRESENTED,
    VersionStatus.ADOPTED: MilestoneOutcome.ADOPTED,
    VersionStatus.RETURNED: MilestoneOutcome.RETURNED,
    VersionStatus.FORWARDED: MilestoneOutcome.FORWARDED,
    VersionStatus.APPROVED: MilestoneOutcome.APPROVED,
}


@transaction.atomic
def version_transition(
    *,
    version: ConceptVersion,
    to: str,
    consultation_ends_at: dt.datetime | None = None,
    body: Body | None = None,
    decided_on: dt.date | None = None,
    date_text: str = "",
    council_paper_reference: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> ConceptVersion:
    """Move a version along DESIGN.md's table, and only along it."""
    now = now or timezone.now()
    locked = lock_version_row(version)
    move = version_move(locked, to)
    if to == VersionStatus.CONSULTATION:
        _set_consultation_deadline(locked, consultation_ends_at, now=now)
    if to == VersionStatus.COUNCIL_REVIEW and not locked.sections.exists():
        raise ValidationError(_("Eine Version ohne Abschnitte kann nicht vorgelegt werden."))

    if move.decision:
        _record_decision(
            locked,
            to,
            body=body,
            decided_on=decided_on,
            date_text=date_text,
            council_paper_reference=council_paper_reference,
            note=note,
        )
    _enter_status(locked, to, now=now)
    if to == VersionStatus.CONSULTATION:
        transaction.on_commit(lambda: events.notify_consultation_opened(locked))
    if council_paper_reference and move.decision:
        locked.council_paper_reference = council_paper_reference
        locked.save(update_fields=["council_paper_reference", "updated_at"])
    _refresh(version, locked)
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


def _enter_status(locked: ConceptVersion, to: str, *, now: dt.datetime) -> None:
    """Council review freezes the text on the way; an approval supersedes the approved one."""
    if to == VersionStatus.COUNCIL_REVIEW:
        _freeze(locked, now=now)
        return
    if to == VersionStatus.APPROVED:
        _supersede_approved(locked, now=now)
    apply_move(locked, to, now=now)


def _supersede_approved(locked: ConceptVersion, *, now: dt.datetime) -> None:
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


def _freeze(version: ConceptVersion, *, now: dt.datetime) -> None:
    snapshot = canonical_json(build_document(version))
    version.snapshot = snapshot
    version.checksum = sha256_hex(snapshot)
    version.frozen_at = now
    version.status = VersionStatus.COUNCIL_REVIEW
    version.status_changed_at = now
    version.lock_version += 1
    version.save(
        update_fields=[
            "snapshot",
            "checksum",
            "frozen_at",
            "status",
            "status_changed_at",
            "lock_version",
            "updated_at",
        ]
    )


def _milestone_title(version: ConceptVersion, target: str) -> str:
    """Stored content is German, whatever language the officer's admin page is in."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{version}: {status_label(target)}"


def _record_decision(
    version: ConceptVersion,
    target: str,
    *,
    body: Body | None,
    decided_on: dt.date | None,
    date_text: str,
    council_paper_reference: str,
    note: str,
) -> Milestone:
    if body is None:
        kind = _DECISION_BODY.get(target)
        if target == VersionStatus.RETURNED:
            kind = (
                BodyKind.COUNCIL if version.status == VersionStatus.FORWARDED else BodyKind.ADVISORY
            )
        body = version.concept.bodies.filter(kind=kind).order_by("position").first()
    elif body.concept_id != version.concept_id:
        raise ValidationError(_("Das Gremium gehört zu einem anderen Konzept."))
    return Milestone.objects.create(
        concept=version.concept,
        title=_milestone_title(version, target),
        kind=MilestoneKind.DECISION,
        body=body,
        date=decided_on,
        date_text="" if decided_on else (date_text or _("Datum nicht erfasst")),
        outcome=_DECISION_OUTCOME[target],
        council_paper_reference=council_paper_reference,
        description=note,
        version=version,
        position=(version.concept.milestones.aggregate(p=Max("position"))["p"] or 0) + 1,
        is_example=version.is_example,
    )


def _refresh(stale: ConceptVersion, fresh: ConceptVersion) -> None:
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
        apply_move(version, VersionStatus.CONSULTATION_CLOSED, now=now)
        count += 1
    return count
