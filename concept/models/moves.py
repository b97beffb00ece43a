"""The state machines of versions and amendments: their statuses and the one table of moves each.

The services make the moves and the admin offers them; both ask here which moves exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from concept.models.versions import ConceptVersion


@dataclass(frozen=True)
class Move:
    """One allowed status move; the tables below are the only source of truth."""

    source: str
    target: str
    label: str
    # Moves the system makes as a consequence of another (approval supersedes its predecessor).
    automatic: bool = False
    # Moves that are a body's decision and are recorded as a milestone.
    decision: bool = False


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    CONSULTATION = "consultation", _("In Beteiligung")
    CONSULTATION_CLOSED = "consultation_closed", _("Beteiligung beendet")
    COUNCIL_REVIEW = "council_review", _("Beratung im Integrationsrat")
    ADOPTED = "adopted", _("Vom Integrationsrat verabschiedet")
    RETURNED = "returned", _("Zurückverwiesen")
    FORWARDED = "forwarded", _("An die Gremien weitergeleitet")
    APPROVED = "approved", _("Vom Rat beschlossen")
    SUPERSEDED = "superseded", _("Abgelöst")


_V = VersionStatus
VERSION_MOVES: tuple[Move, ...] = (
    Move(_V.DRAFT, _V.CONSULTATION, _("Beteiligung eröffnen")),
    Move(_V.CONSULTATION, _V.CONSULTATION_CLOSED, _("Beteiligung beenden")),
    Move(_V.DRAFT, _V.COUNCIL_REVIEW, _("Dem Integrationsrat vorlegen"), decision=True),
    Move(
        _V.CONSULTATION_CLOSED, _V.COUNCIL_REVIEW, _("Dem Integrationsrat vorlegen"), decision=True
    ),
    Move(_V.COUNCIL_REVIEW, _V.ADOPTED, _("Verabschiedung festhalten"), decision=True),
    Move(_V.COUNCIL_REVIEW, _V.RETURNED, _("Zurückverweisung festhalten"), decision=True),
    Move(_V.ADOPTED, _V.FORWARDED, _("An die Gremien weiterleiten"), decision=True),
    Move(_V.FORWARDED, _V.APPROVED, _("Ratsbeschluss festhalten"), decision=True),
    Move(_V.FORWARDED, _V.RETURNED, _("Zurückverweisung durch den Rat festhalten"), decision=True),
    Move(_V.APPROVED, _V.SUPERSEDED, _("Als abgelöst markieren"), automatic=True),
)
# Every status reached through council_review: the text is frozen and the database guards it.
FROZEN_STATUSES = frozenset(
    {_V.COUNCIL_REVIEW, _V.ADOPTED, _V.RETURNED, _V.FORWARDED, _V.APPROVED, _V.SUPERSEDED}
)


class AmendmentStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("Eingereicht")
    IN_REVIEW = "in_review", _("In Prüfung")
    ACCEPTED = "accepted", _("Angenommen")
    PARTIALLY_ACCEPTED = "partially_accepted", _("Teilweise angenommen")
    REJECTED = "rejected", _("Abgelehnt")
    WITHDRAWN = "withdrawn", _("Zurückgezogen")


_A = AmendmentStatus
AMENDMENT_MOVES: tuple[Move, ...] = (
    Move(_A.DRAFT, _A.SUBMITTED, _("Einreichen")),
    Move(_A.DRAFT, _A.WITHDRAWN, _("Zurückziehen")),
    Move(_A.SUBMITTED, _A.WITHDRAWN, _("Zurückziehen")),
    Move(_A.SUBMITTED, _A.IN_REVIEW, _("In Prüfung nehmen")),
    Move(_A.IN_REVIEW, _A.ACCEPTED, _("Annehmen"), decision=True),
    Move(_A.IN_REVIEW, _A.PARTIALLY_ACCEPTED, _("Teilweise annehmen"), decision=True),
    Move(_A.IN_REVIEW, _A.REJECTED, _("Ablehnen"), decision=True),
)
AMENDMENT_DECIDED = frozenset({_A.ACCEPTED, _A.PARTIALLY_ACCEPTED, _A.REJECTED})
AMENDMENT_UNDECIDED = frozenset({_A.SUBMITTED, _A.IN_REVIEW})
AMENDMENT_ADOPTING = frozenset({_A.ACCEPTED, _A.PARTIALLY_ACCEPTED})
# The author may change the text only before the officer takes it into review.
AMENDMENT_EDITABLE = frozenset({_A.DRAFT, _A.SUBMITTED})


def find_move(moves: tuple[Move, ...], source: str, target: str) -> Move | None:
    return next((m for m in moves if m.source == source and m.target == target), None)


def moves_from(moves: tuple[Move, ...], source: str, *, automatic: bool = False) -> list[Move]:
    return [m for m in moves if m.source == source and (automatic or not m.automatic)]


def version_move(version: ConceptVersion, target: str) -> Move:
    """The move an officer may make from the version's status to `target`: DESIGN.md's table,
    and only it (automatic moves are the system's). The admin and the service both ask here."""
    if target not in VersionStatus.values:
        raise ValidationError(_("Unbekannter Status „%(status)s“.") % {"status": target})
    move = find_move(VERSION_MOVES, version.status, target)
    if move is None or move.automatic:
        raise ValidationError(
            _("Version %(number)s kann nicht von „%(source)s“ nach „%(target)s“ wechseln.")
            % {
                "number": version.number,
                "source": VersionStatus(version.status).label,
                "target": VersionStatus(target).label,
            }
        )
    return move
