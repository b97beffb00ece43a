"""The Beratungsfolge in OParl's shape.

Each Beratung (a `Consultation` row) is an OParl Consultation of its version's Paper, planned
or held alike (OParl: "Dabei ist es nicht entscheidend, ob diese Beratung in der Vergangenheit
stattgefunden hat oder diese für die Zukunft geplant ist"). One that has a day — held, or
planned for a date — is also its body's Meeting with a single AgendaItem: OParl links a
Consultation to the meeting in which the paper "beraten wird oder wurde", and gives a future
meeting its planned `start` and the state `terminiert`. Only a held Beratung's AgendaItem has a
`result`; one planned without a day has no meeting yet.

The portal records the body's dealing with the concept, not the body's whole session: every
Beratung is its own meeting, at `meeting/beratung/<pk>/` (the working groups' sessions are at
`meeting/sitzung/`, the milestones at `meeting/meilenstein/`, so the addresses never clash).
Two Beratungen of one body on one day are two meetings here.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from concept.models import Consultation, ConsultationResult, ConsultationRole
from minden_integration.oparl.values import day_start

# Results of a deciding Beratung in which no decision was taken.
_NOT_DECIDED = (ConsultationResult.REFERRED, ConsultationResult.DEFERRED)
_TOP = re.compile(r"^\s*TOP\b\.?\s*", re.IGNORECASE)


def has_meeting(consultation: Consultation) -> bool:
    """Held, or planned for a day (the same rule as `selectors.WITH_MEETING`)."""
    return consultation.is_held or consultation.planned_on is not None


def is_authoritative(consultation: Consultation) -> bool:
    """OParl: whether a decision on the paper "gefasst wird oder wurde": the Entscheidung,
    planned or held, unless it was referred or deferred."""
    return (
        consultation.role == ConsultationRole.DECISION and consultation.result not in _NOT_DECIDED
    )


def agenda_number(agenda_item: str) -> str:
    """OParl's `number` is the item's number ("5", "10.1"); the record says "TOP 5"."""
    return _TOP.sub("", agenda_item).strip()


def meeting_name(consultation: Consultation) -> str:
    day = consultation.held_on if consultation.is_held else consultation.planned_on
    when = date_format(day, "SHORT_DATE_FORMAT") if day else consultation.held_text
    return f"{consultation.body.name} – {when}" if when else consultation.body.name


class BeratungObjects:
    """The Beratungsfolge's part of `OParlObjects`, which provides `url`, `_object` and
    `paper_name`."""

    def consultation(self, consultation: Consultation) -> dict[str, Any]:
        pk, meeting = consultation.pk, has_meeting(consultation)
        return self._object(
            "Consultation",
            self.url("consultation-beratung", pk=pk),
            consultation,
            paper=self.url("paper-detail", pk=consultation.version_id),
            meeting=self.url("meeting-beratung", pk=pk) if meeting else None,
            agendaItem=self.url("agendaitem-beratung", pk=pk) if meeting else None,
            organization=[self.url("organization-body", pk=consultation.body_id)],
            authoritative=is_authoritative(consultation),
            role=consultation.get_role_display(),
        )

    def meeting_beratung(self, consultation: Consultation) -> dict[str, Any]:
        held = consultation.is_held
        return self._object(
            "Meeting",
            self.url("meeting-beratung", pk=consultation.pk),
            consultation,
            name=meeting_name(consultation),
            meetingState=_("durchgeführt") if held else _("terminiert"),
            start=day_start(consultation.held_on if held else consultation.planned_on),
            organization=[self.url("organization-body", pk=consultation.body_id)],
            agendaItem=[self.agenda_item_beratung(consultation)],
        )

    def agenda_item_beratung(self, consultation: Consultation) -> dict[str, Any]:
        pk = consultation.pk
        return self._object(
            "AgendaItem",
            self.url("agendaitem-beratung", pk=pk),
            consultation,
            meeting=self.url("meeting-beratung", pk=pk),
            number=agenda_number(consultation.agenda_item),
            # The meeting's only item (OParl counts from 0).
            order=0,
            name=self.paper_name(consultation.version),
            public=True,
            consultation=self.url("consultation-beratung", pk=pk),
            result=capfirst(consultation.get_result_display()) if consultation.is_held else None,
            resolutionText=consultation.decision_text,
            web=consultation.agenda_item_url,
        )
