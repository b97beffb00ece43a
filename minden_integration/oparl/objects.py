"""The concept's process in OParl 1.1's shape.

| OParl          | from                                                                 |
| -------------- | -------------------------------------------------------------------- |
| Body           | the concept (the city that writes it)                                |
| Organization   | its bodies (Gremien) and its working groups                          |
| Meeting        | the groups' sessions, and milestones that are meetings of a body     |
| Location       | a meeting's place                                                    |
| Paper          | each public version, with the bodies' milestones as Consultations    |
| File           | the files issued for a version; a session's published minutes        |
| Person         | a participant who consented to being named (Membership: their group) |

Every address is absolute and built from the request; `created`/`modified` come from the
querysets in `selectors`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from concept.models import Body, Concept, ConceptVersion, IssuedDocument, IssuedFile, Milestone
from minden_integration.oparl import selectors
from minden_integration.oparl.models import OParlTombstoneKind
from workgroups.models import Membership, Session, WorkingGroup

SCHEMA = "https://schema.oparl.org/1.1/"


def _datetime(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _date(value: dt.date | dt.datetime | None) -> str | None:
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return value.isoformat() if value else None


def _day_start(value: dt.date | None) -> str | None:
    """A meeting whose day is known but not its hour starts, for OParl, at midnight."""
    if value is None:
        return None
    return _datetime(timezone.make_aware(dt.datetime.combine(value, dt.time())))


def _dated_name(name: str, date: dt.date | None, date_text: str) -> str:
    """Without a day the name carries what is known of the date ("Herbst 2010")."""
    return f"{name} – {date_text}" if date is None and date_text else name


class OParlObjects:
    """Turns the rows of `selectors` into OParl objects for one request and concept."""

    def __init__(self, request, concept: Concept | None):
        self.request = request
        self.concept = concept

    # --- addresses ----------------------------------------------------------------------------

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    def url(self, name: str, **kwargs) -> str:
        return self.absolute(reverse(f"oparl:{name}", kwargs=kwargs))

    @property
    def body_url(self) -> str:
        return self.url("body-detail", pk=self.concept.pk)

    @property
    def home_url(self) -> str:
        return self.absolute(reverse("home"))

    def issued_file_access_url(self, issued: IssuedFile) -> str:
        """The portal's public download of the stored file."""
        return self.absolute(reverse("exports:issued-file", kwargs={"pk": issued.pk}))

    # --- the frame every object shares --------------------------------------------------------

    def _object(self, oparl_type: str, url: str, row, **fields: Any) -> dict[str, Any]:
        data: dict[str, Any] = {"id": url, "type": SCHEMA + oparl_type}
        data.update({key: value for key, value in fields.items() if value not in (None, "")})
        if getattr(row, "is_example", False):
            data["keyword"] = [_("Beispielinhalt")]
        data["created"] = _datetime(row.oparl_created)
        data["modified"] = _datetime(row.oparl_modified)
        return data

    def deleted(self, kind: Kind, pk: int, *, created, modified, label: str = "") -> dict[str, Any]:
        """What OParl keeps of a removed object: id, type, created, and when it went; and what
        the schema requires of every object of the type, deleted or not."""
        data: dict[str, Any] = {
            "id": self.url(kind.name, pk=pk),
            "type": SCHEMA + kind.oparl_type,
            "deleted": True,
        }
        if created:
            data["created"] = _datetime(created)
        data["modified"] = _datetime(modified)
        if kind.oparl_type == "File":
            # The object's own address, which says that the file is gone.
            data["accessUrl"] = data["id"]
        elif kind.oparl_type == "Body":
            data.update(
                name=label or _("Gelöschte Körperschaft"),
                organization=self.url("body-organizations", pk=pk),
                person=self.url("body-persons", pk=pk),
                meeting=self.url("body-meetings", pk=pk),
                paper=self.url("body-papers", pk=pk),
                legislativeTerm=[],
            )
        return data

    # --- system and body ----------------------------------------------------------------------

    def system(self) -> dict[str, Any]:
        concept = self.concept
        data = {
            "id": self.url("system"),
            "type": SCHEMA + "System",
            "oparlVersion": SCHEMA,
            "body": self.url("body-list"),
            "name": concept.title if concept else _("Integrationskonzept"),
            "website": self.home_url,
            "web": self.home_url,
        }
        if concept and concept.officer_title:
            data["contactName"] = concept.officer_title
        return data

    def body(self, concept: Concept) -> dict[str, Any]:
        def items(name: str) -> str:
            return self.url(name, pk=concept.pk)

        return self._object(
            "Body",
            self.url("body-detail", pk=concept.pk),
            concept,
            system=self.url("system"),
            name=concept.municipality,
            shortName=concept.municipality,
            website=self.home_url,
            contactName=concept.officer_title,
            organization=items("body-organizations"),
            person=items("body-persons"),
            meeting=items("body-meetings"),
            paper=items("body-papers"),
            file=items("body-files"),
            consultation=items("body-consultations"),
            membership=items("body-memberships"),
            # The process is not tied to a council's term; the list is required, and empty.
            legislativeTerm=[],
            web=self.home_url,
        )

    # --- organisations ------------------------------------------------------------------------

    def organization_body(self, body: Body) -> dict[str, Any]:
        return self._object(
            "Organization",
            self.url("organization-body", pk=body.pk),
            body,
            body=self.body_url,
            name=body.name,
            organizationType=_("Gremium"),
            classification=body.get_kind_display(),
        )

    def organization_group(self, group: WorkingGroup) -> dict[str, Any]:
        return self._object(
            "Organization",
            self.url("organization-group", pk=group.pk),
            group,
            body=self.body_url,
            name=group.name,
            organizationType=_("Gremium"),
            classification=_("Arbeitsgruppe"),
            membership=[self.url("membership-detail", pk=m.pk) for m in group.named_memberships],
            memberCount=group.participant_count,
            web=self.absolute(group.get_absolute_url()),
        )

    # --- people -------------------------------------------------------------------------------

    def person(self, membership: Membership) -> dict[str, Any]:
        return self._object(
            "Person",
            self.url("person-detail", pk=membership.pk),
            membership,
            body=self.body_url,
            name=membership.name,
            membership=[self.membership(membership)],
        )

    def membership(self, membership: Membership) -> dict[str, Any]:
        return self._object(
            "Membership",
            self.url("membership-detail", pk=membership.pk),
            membership,
            person=self.url("person-detail", pk=membership.pk),
            organization=self.url("organization-group", pk=membership.working_group_id),
            role=membership.get_role_display(),
        )

    # --- meetings -----------------------------------------------------------------------------

    def meeting_session(self, session: Session) -> dict[str, Any]:
        return self._object(
            "Meeting",
            self.url("meeting-session", pk=session.pk),
            session,
            name=_dated_name(str(session), session.date, session.date_text),
            start=_day_start(session.date),
            location=self.location_session(session) if session.place else None,
            organization=[self.url("organization-group", pk=session.working_group_id)],
            resultsProtocol=(
                self.file_minutes(session) if session.minutes_public and session.minutes else None
            ),
            web=self.absolute(session.get_absolute_url()),
        )

    def meeting_milestone(self, milestone: Milestone) -> dict[str, Any]:
        return self._object(
            "Meeting",
            self.url("meeting-milestone", pk=milestone.pk),
            milestone,
            name=_dated_name(milestone.title, milestone.date, milestone.date_text),
            start=_day_start(milestone.date),
            location=self.location_milestone(milestone) if milestone.place else None,
            organization=(
                [self.url("organization-body", pk=milestone.body_id)] if milestone.body_id else []
            ),
        )

    def location_session(self, session: Session) -> dict[str, Any]:
        return self._object(
            "Location",
            self.url("location-session", pk=session.pk),
            session,
            description=session.place,
            meetings=[self.url("meeting-session", pk=session.pk)],
        )

    def location_milestone(self, milestone: Milestone) -> dict[str, Any]:
        return self._object(
            "Location",
            self.url("location-milestone", pk=milestone.pk),
            milestone,
            description=milestone.place,
            meetings=[self.url("meeting-milestone", pk=milestone.pk)],
        )

    # --- papers -------------------------------------------------------------------------------

    def paper(self, version: ConceptVersion) -> dict[str, Any]:
        files = version.oparl_files
        texts = [f for f in files if f.document == IssuedDocument.VERSION]
        main = next((f for f in texts if f.format == "pdf"), texts[0] if texts else None)
        return self._object(
            "Paper",
            self.url("paper-detail", pk=version.pk),
            version,
            body=self.body_url,
            name=f"{self.concept.title} – {version}",
            reference=version.council_paper_reference,
            date=_date(version.frozen_at or version.created_at),
            paperType=_("Konzeptfassung"),
            mainFile=self.file(main) if main else None,
            auxiliaryFile=[self.file(f) for f in files if f is not main],
            consultation=[self.consultation(m) for m in version.oparl_consultations],
            web=self.absolute(version.get_absolute_url()),
        )

    def consultation(self, milestone: Milestone) -> dict[str, Any]:
        is_meeting = milestone.kind in selectors.MEETING_KINDS
        return self._object(
            "Consultation",
            self.url("consultation-detail", pk=milestone.pk),
            milestone,
            paper=self.url("paper-detail", pk=milestone.version_id),
            meeting=self.url("meeting-milestone", pk=milestone.pk) if is_meeting else None,
            organization=[self.url("organization-body", pk=milestone.body_id)],
            authoritative=milestone.outcome in selectors.DECIDING_OUTCOMES,
            role=(
                milestone.get_outcome_display()
                if milestone.outcome
                else milestone.get_kind_display()
            ),
        )

    # --- files --------------------------------------------------------------------------------

    def file(self, issued: IssuedFile) -> dict[str, Any]:
        return self._object(
            "File",
            self.url("file-detail", pk=issued.pk),
            issued,
            name=(f"{issued.version} – {issued.get_document_display()} ({issued.format.upper()})"),
            fileName=PurePosixPath(issued.file.name).name,
            mimeType=issued.mime_type,
            size=issued.size,
            sha512Checksum=issued.sha512,
            date=_date(issued.created_at),
            accessUrl=self.issued_file_access_url(issued),
            paper=[self.url("paper-detail", pk=issued.version_id)],
        )

    def file_minutes(self, session: Session) -> dict[str, Any]:
        """Published minutes: their text, and the session's page that shows them."""
        page = self.absolute(session.get_absolute_url())
        return self._object(
            "File",
            self.url("file-minutes", pk=session.pk),
            session,
            name=_("Protokoll: %(session)s") % {"session": session},
            mimeType="text/html",
            date=_date(session.date),
            text=session.minutes,
            accessUrl=f"{page}#protokoll",
            meeting=[self.url("meeting-session", pk=session.pk)],
            web=page,
        )


# --- the registry of object kinds -------------------------------------------------------------

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
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "body-detail", "Body", selectors.concepts, OParlObjects.body, _T.CONCEPT, scoped=False
        ),
        Kind(
            "organization-body",
            "Organization",
            selectors.bodies,
            OParlObjects.organization_body,
            _T.BODY,
        ),
        Kind(
            "organization-group",
            "Organization",
            selectors.working_groups,
            OParlObjects.organization_group,
            _T.WORKING_GROUP,
        ),
        Kind(
            "person-detail",
            "Person",
            selectors.named_memberships,
            OParlObjects.person,
            _T.MEMBERSHIP,
            withheld=selectors.unnamed_memberships,
        ),
        Kind(
            "membership-detail",
            "Membership",
            selectors.named_memberships,
            OParlObjects.membership,
            _T.MEMBERSHIP,
            withheld=selectors.unnamed_memberships,
        ),
        Kind(
            "meeting-session",
            "Meeting",
            selectors.sessions,
            OParlObjects.meeting_session,
            _T.SESSION,
        ),
        Kind(
            "meeting-milestone",
            "Meeting",
            selectors.milestone_meetings,
            OParlObjects.meeting_milestone,
            _T.MILESTONE,
        ),
        Kind(
            "location-session",
            "Location",
            selectors.sessions_with_place,
            OParlObjects.location_session,
            _T.SESSION,
            withheld=selectors.sessions_without_place,
        ),
        Kind(
            "location-milestone",
            "Location",
            selectors.milestone_meetings_with_place,
            OParlObjects.location_milestone,
            _T.MILESTONE,
            withheld=selectors.milestone_meetings_without_place,
        ),
        Kind("paper-detail", "Paper", selectors.papers, OParlObjects.paper, _T.VERSION),
        Kind(
            "consultation-detail",
            "Consultation",
            selectors.consultations,
            OParlObjects.consultation,
            _T.MILESTONE,
        ),
        Kind("file-detail", "File", selectors.issued_files, OParlObjects.file, _T.ISSUED_FILE),
        Kind(
            "file-minutes",
            "File",
            selectors.sessions_with_public_minutes,
            OParlObjects.file_minutes,
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
    "body-meetings": ("meeting-session", "meeting-milestone"),
    "body-papers": ("paper-detail",),
    "body-files": ("file-detail", "file-minutes"),
    "body-consultations": ("consultation-detail",),
    "body-memberships": ("membership-detail",),
}
