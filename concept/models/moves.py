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
    # Moves that follow from a body's decision, recorded as the result of a Beratung
    # (`concept.services.bodies`); never offered as a button of their own.
    decision: bool = False


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    CONSULTATION = "consultation", _("In Beteiligung")
    CONSULTATION_CLOSED = "consultation_closed", _("Beteiligung beendet")
    COUNCIL_REVIEW = "council_review", _("In Beratung der Gremien")
    APPROVED = "approved", _("Vom Rat beschlossen")
    AMENDED = "amended", _("Vom Rat geändert beschlossen")
    REJECTED = "rejected", _("Vom Rat abgelehnt")
    SUPERSEDED = "superseded", _("Abgelöst")


class ConsultationRole(models.TextChoices):
    """What a body does with the Vorlage in one Beratung (OParl `Consultation.role`)."""

    PRELIMINARY = "preliminary", _("Vorberatung")
    DECISION = "decision", _("Entscheidung")
    INFORMATION = "information", _("Kenntnisnahme")


class ConsultationResult(models.TextChoices):
    """What a body's Beratung came to (OParl `AgendaItem.result`)."""

    RECOMMENDED = "recommended", _("empfohlen")
    NOTED = "noted", _("zur Kenntnis genommen")
    DECIDED = "decided", _("beschlossen")
    DECIDED_AMENDED = "decided_amended", _("geändert beschlossen")
    REJECTED = "rejected", _("abgelehnt")
    REFERRED = "referred", _("verwiesen")
    DEFERRED = "deferred", _("vertagt")


_V = VersionStatus
_R = ConsultationResult
VERSION_MOVES: tuple[Move, ...] = (
    Move(_V.DRAFT, _V.CONSULTATION, _("Beteiligung eröffnen")),
    Move(_V.CONSULTATION, _V.CONSULTATION_CLOSED, _("Beteiligung vorzeitig beenden")),
    Move(_V.DRAFT, _V.COUNCIL_REVIEW, _("Den Gremien vorlegen")),
    Move(_V.CONSULTATION_CLOSED, _V.COUNCIL_REVIEW, _("Den Gremien vorlegen")),
    # The deciding body's result moves the version; recorded as a Beratung, never a button.
    Move(_V.COUNCIL_REVIEW, _V.APPROVED, _("beschlossen"), decision=True),
    Move(_V.COUNCIL_REVIEW, _V.AMENDED, _("geändert beschlossen"), decision=True),
    Move(_V.COUNCIL_REVIEW, _V.REJECTED, _("abgelehnt"), decision=True),
    # The beschlossene Fassung of a decision with changes: drafted, then fixed as approved.
    Move(_V.DRAFT, _V.APPROVED, _("Als beschlossene Fassung festschreiben"), decision=True),
    Move(_V.APPROVED, _V.SUPERSEDED, _("Als abgelöst markieren"), automatic=True),
)
# Every status reached through council_review: the text is frozen and the database guards it.
FROZEN_STATUSES = frozenset(
    {_V.COUNCIL_REVIEW, _V.APPROVED, _V.AMENDED, _V.REJECTED, _V.SUPERSEDED}
)

# What each result of a Beratung does to the version: a status to move to, or none (the
# version stays in council review; a referral or deferral plans a further Beratung).
RESULT_MOVES: dict[str, str | None] = {
    _R.RECOMMENDED: None,
    _R.NOTED: None,
    _R.REFERRED: None,
    _R.DEFERRED: None,
    _R.DECIDED: _V.APPROVED,
    _R.DECIDED_AMENDED: _V.AMENDED,
    _R.REJECTED: _V.REJECTED,
}
# The results that end the way through the bodies, and the role whose results they are.
DECIDING_RESULTS = frozenset(r for r, target in RESULT_MOVES.items() if target)
_ROLE_RESULTS = {
    ConsultationRole.PRELIMINARY: (_R.RECOMMENDED, _R.REFERRED, _R.DEFERRED),
    ConsultationRole.INFORMATION: (_R.NOTED, _R.REFERRED, _R.DEFERRED),
    ConsultationRole.DECISION: (
        _R.DECIDED,
        _R.DECIDED_AMENDED,
        _R.REJECTED,
        _R.REFERRED,
        _R.DEFERRED,
    ),
}
# Which kinds of body (`BodyKind` values) may take which role: the council decides, the
# Integrationsrat and the committees deliberate beforehand; any of them may take note.
ROLE_BODY_KINDS = {
    ConsultationRole.PRELIMINARY: ("advisory", "committee"),
    ConsultationRole.INFORMATION: ("advisory", "committee", "council"),
    ConsultationRole.DECISION: ("council",),
}


def results_for(role: str) -> tuple[str, ...]:
    """The results a Beratung in `role` can come to."""
    return _ROLE_RESULTS[ConsultationRole(role)]


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
    """The move an officer may make from the version's status to `target`: the table, and only
    it (automatic moves are the system's; decisions follow from a Beratung's result, see
    `decision_move`). The admin and the service both ask here."""
    return _checked_move(version, target, decision=False)


def decision_move(version: ConceptVersion, target: str) -> Move:
    """The move a body's decision makes (a Beratung's result, or fixing the beschlossene
    Fassung of a decision with changes)."""
    return _checked_move(version, target, decision=True)


def _checked_move(version: ConceptVersion, target: str, *, decision: bool) -> Move:
    if target not in VersionStatus.values:
        raise ValidationError(_("Unbekannter Status „%(status)s“.") % {"status": target})
    move = find_move(VERSION_MOVES, version.status, target)
    if move is None or move.automatic or move.decision != decision:
        raise ValidationError(
            _("Version %(number)s kann nicht von „%(source)s“ nach „%(target)s“ wechseln.")
            % {
                "number": version.number,
                "source": VersionStatus(version.status).label,
                "target": VersionStatus(target).label,
            }
        )
    return move
