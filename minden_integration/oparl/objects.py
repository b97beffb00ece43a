"""The concept's process in OParl 1.1's shape.

| OParl          | from                                                                 |
| -------------- | -------------------------------------------------------------------- |
| Body           | the concept (the city that writes it)                                |
| Organization   | its bodies (Gremien, committees included) and its working groups     |
| Meeting        | the groups' sessions, milestones that are meetings of a body, and    |
|                | each Beratung with a day (held, or planned for a date)               |
| AgendaItem     | that Beratung on its meeting's agenda (with the result once held)    |
| Location       | a meeting's place                                                    |
| Paper          | each public version, `reference` its Drucksache                      |
| Consultation   | each Beratung of a public version, in the order of the Beratungsfolge |
| File           | the files issued for a version; a session's published minutes        |
| Person         | a participant who consented to being named (Membership: their group) |

The Beratungsfolge's objects are built in `beratungen`, the registry of addresses is `kinds`.
Every address is absolute and built from the request; `created`/`modified` come from the
querysets in `selectors`.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from concept.models import (
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    IssuedDocument,
    IssuedFile,
    Milestone,
)
from minden_integration.oparl.beratungen import BeratungObjects
from minden_integration.oparl.values import (
    SCHEMA,
    date_value,
    dated_name,
    datetime_value,
    day_start,
)
from workgroups.models import Membership, Session, WorkingGroup

if TYPE_CHECKING:
    from minden_integration.oparl.kinds import Kind

# OParl's words for the kinds of body (`classification`); the council is the "Parlament".
CLASSIFICATIONS = {
    BodyKind.CONFERENCE: gettext_lazy("Konferenz"),
    BodyKind.ADVISORY: gettext_lazy("Beirat"),
    BodyKind.COMMITTEE: gettext_lazy("Ausschuss"),
    BodyKind.COUNCIL: gettext_lazy("Parlament"),
}


class OParlObjects(BeratungObjects):
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
        data["created"] = datetime_value(row.oparl_created)
        data["modified"] = datetime_value(row.oparl_modified)
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
            data["created"] = datetime_value(created)
        data["modified"] = datetime_value(modified)
        if kind.oparl_type == "File":
            # The object's own address, which says that the file is gone.
            data["accessUrl"] = data["id"]
        elif kind.oparl_type == "AgendaItem":
            data["order"] = 0
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
            agendaItem=items("body-agendaitems"),
            file=items("body-files"),
            consultation=items("body-consultations"),
            membership=items("body-memberships"),
            # The process is not tied to a council's term; the list is required, and empty.
            legislativeTerm=[],
            mainOrganization=(
                self.url("organization-body", pk=concept.oparl_council)
                if concept.oparl_council
                else None
            ),
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
            classification=str(CLASSIFICATIONS.get(body.kind, body.get_kind_display())),
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
            # Only a recorded number, as the group's page says it (`participant_figure`).
            memberCount=group.participant_figure(group.listed_count),
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
            name=dated_name(str(session), session.date, session.date_text),
            start=day_start(session.date),
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
            name=dated_name(milestone.title, milestone.date, milestone.date_text),
            start=day_start(milestone.date),
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

    def paper_name(self, version: ConceptVersion) -> str:
        return f"{self.concept.title} – {version}"

    def paper(self, version: ConceptVersion) -> dict[str, Any]:
        files = version.oparl_files
        texts = [f for f in files if f.document == IssuedDocument.VERSION]
        main = next((f for f in texts if f.format == "pdf"), texts[0] if texts else None)
        return self._object(
            "Paper",
            self.url("paper-detail", pk=version.pk),
            version,
            body=self.body_url,
            name=self.paper_name(version),
            reference=version.council_paper_reference,
            date=date_value(version.frozen_at or version.created_at),
            paperType=_("Konzeptfassung"),
            mainFile=self.file(main) if main else None,
            auxiliaryFile=[self.file(f) for f in files if f is not main],
            # The Beratungsfolge, planned and held, in its order (`selectors.papers`).
            consultation=[self.consultation(c) for c in version.oparl_consultations],
            web=self.absolute(version.get_absolute_url()),
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
            date=date_value(issued.created_at),
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
            date=date_value(session.date),
            text=session.minutes,
            accessUrl=f"{page}#protokoll",
            meeting=[self.url("meeting-session", pk=session.pk)],
            web=page,
        )
