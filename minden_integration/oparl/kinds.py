"""The registry of OParl object kinds: which rows answer at which address, and which lists
gather them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from concept.models import Concept
from minden_integration.oparl import reports, selectors
from minden_integration.oparl.models import OParlTombstoneKind
from minden_integration.oparl.objects import OParlObjects

Rows = Callable[[Concept | None], QuerySet]


@dataclass(frozen=True)
class Kind:
    """One kind of OParl object at one address pattern (`oparl:<name>`)."""

    name: str
    oparl_type: str
    public: Rows
    serialize: Callable[[OParlObjects, Any], dict[str, Any]]
    tombstone: str
    # Rows that exist but are withheld (consent withdrawn, minutes unpublished): `deleted`.
    withheld: Rows | None = None
    # A removed concept belongs to no current concept.
    scoped: bool = True


_T = OParlTombstoneKind
_O = OParlObjects
_R = reports.NO_TOMBSTONES
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("body-detail", "Body", selectors.concepts, _O.body, _T.CONCEPT, scoped=False),
        Kind("organization-body", "Organization", selectors.bodies, _O.organization_body, _T.BODY),
        Kind(
            "organization-group",
            "Organization",
            selectors.working_groups,
            _O.organization_group,
            _T.WORKING_GROUP,
        ),
        Kind(
            "person-detail",
            "Person",
            selectors.named_memberships,
            _O.person,
            _T.MEMBERSHIP,
            withheld=selectors.unnamed_memberships,
        ),
        Kind(
            "membership-detail",
            "Membership",
            selectors.named_memberships,
            _O.membership,
            _T.MEMBERSHIP,
            withheld=selectors.unnamed_memberships,
        ),
        Kind("meeting-session", "Meeting", selectors.sessions, _O.meeting_session, _T.SESSION),
        Kind(
            "meeting-milestone",
            "Meeting",
            selectors.milestone_meetings,
            _O.meeting_milestone,
            _T.MILESTONE,
        ),
        # A Beratung's meeting and agenda item share its key (`beratungen`).
        Kind(
            "meeting-beratung",
            "Meeting",
            selectors.beratung_meetings,
            _O.meeting_beratung,
            _T.CONSULTATION,
            withheld=selectors.beratungen_without_meeting,
        ),
        Kind(
            "agendaitem-beratung",
            "AgendaItem",
            selectors.beratung_meetings,
            _O.agenda_item_beratung,
            _T.CONSULTATION,
            withheld=selectors.beratungen_without_meeting,
        ),
        Kind(
            "location-session",
            "Location",
            selectors.sessions_with_place,
            _O.location_session,
            _T.SESSION,
            withheld=selectors.sessions_without_place,
        ),
        Kind(
            "location-milestone",
            "Location",
            selectors.milestone_meetings_with_place,
            _O.location_milestone,
            _T.MILESTONE,
            withheld=selectors.milestone_meetings_without_place,
        ),
        Kind("paper-detail", "Paper", selectors.papers, _O.paper, _T.VERSION),
        Kind(
            "consultation-beratung",
            "Consultation",
            selectors.beratungen,
            _O.consultation,
            _T.CONSULTATION,
        ),
        # Before the Beratungsfolge a body's milestone on a version was its consultation, at
        # `consultation/<milestone pk>/`; none is any more, the removed ones answer `deleted`.
        Kind(
            "consultation-milestone",
            "Consultation",
            selectors.no_milestone_consultations,
            _O.consultation,
            _T.MILESTONE,
        ),
        Kind("file-detail", "File", selectors.issued_files, _O.file, _T.ISSUED_FILE),
        # The annual implementation reports (`reports`): never deleted, so no tombstones.
        Kind("paper-report", "Paper", reports.report_papers, reports.report_paper, _R),
        Kind("file-report", "File", reports.report_files, reports.report_file, _R),
        Kind(
            "consultation-report",
            "Consultation",
            reports.report_consultations,
            reports.report_consultation,
            _R,
        ),
        Kind(
            "file-minutes",
            "File",
            selectors.sessions_with_public_minutes,
            _O.file_minutes,
            _T.SESSION,
            withheld=selectors.sessions_without_public_minutes,
        ),
    )
}

# The external lists: the body's lists, and the system's list of bodies.
LISTS: dict[str, tuple[str, ...]] = {
    "body-list": ("body-detail",),
    "body-organizations": ("organization-body", "organization-group"),
    "body-persons": ("person-detail",),
    "body-meetings": ("meeting-session", "meeting-milestone", "meeting-beratung"),
    "body-agendaitems": ("agendaitem-beratung",),
    "body-papers": ("paper-detail", "paper-report"),
    "body-files": ("file-detail", "file-minutes", "file-report"),
    "body-consultations": (
        "consultation-beratung",
        "consultation-milestone",
        "consultation-report",
    ),
    "body-memberships": ("membership-detail",),
}
