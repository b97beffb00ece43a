"""What several of the concept's services share: row locks, the draft check and the status move.

Private to `concept.services`; the callers run inside their own `transaction.atomic`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from concept.models import ConceptVersion, VersionStatus


def status_label(status: str) -> str:
    return str(VersionStatus(status).label)


def lock_version_row(version: ConceptVersion) -> ConceptVersion:
    return ConceptVersion.objects.select_for_update().select_related("concept").get(pk=version.pk)


def refuse_unless_editable(version: ConceptVersion) -> None:
    if not version.text_editable:
        raise ValidationError(
            _("Nur Entwürfe können bearbeitet werden; Version %(number)s ist „%(status)s“.")
            % {"number": version.number, "status": status_label(version.status)}
        )


def lock_draft(version: ConceptVersion) -> ConceptVersion:
    locked = lock_version_row(version)
    refuse_unless_editable(locked)
    return locked


def apply_move(
    version: ConceptVersion,
    target: str,
    *,
    now: dt.datetime,
    since: dt.date | None = None,
    also: tuple[str, ...] = (),
) -> None:
    """`version` is locked by the caller; save() (not update()) so the audit trail records it.
    `since` is the day the status holds from as the record says (a body's meeting); by default
    the day of the move. `also` names further columns the caller set for the same save."""
    version.status = target
    version.status_changed_at = now
    version.status_since = since or timezone.localdate(now)
    version.lock_version += 1
    version.save(
        update_fields=[
            "status",
            "status_changed_at",
            "status_since",
            "lock_version",
            "updated_at",
            *also,
        ]
    )
