"""Reads behind the OParl endpoint: what of a concept is public, what exists but is withheld,
and what was removed.

Every queryset carries `oparl_created` and `oparl_modified`, the values the list filters and
the objects' `created`/`modified` use, and its own select_related/prefetch_related.
"""

from __future__ import annotations

from django.db.models import F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from concept.models import (
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    Consultation,
    IssuedFile,
    Milestone,
    MilestoneKind,
)
from minden_integration.core.models import subquery_count
from minden_integration.oparl.models import OParlTombstone, OParlTombstoneKind
from workgroups.models import Membership, Session, WorkingGroup

# Milestones that are a meeting of a body (conferences, sessions, decisions), not e.g. a report.
MEETING_KINDS = (MilestoneKind.CONFERENCE, MilestoneKind.MEETING, MilestoneKind.DECISION)
# A Beratung with a day, held or planned, is a meeting of its body (OParl Meeting with one
# AgendaItem); a planned one without a day is not yet on any meeting's agenda.
WITH_MEETING = ~Q(result="") | Q(planned_on__isnull=False)
# A person is published only with consent and a name to publish.
NAMED = Q(consent_to_name=True) & ~Q(name="")
MINUTES_PUBLIC = Q(minutes_public=True) & ~Q(minutes="")


def _stamped(queryset: QuerySet, modified=None) -> QuerySet:
    return queryset.annotate(
        oparl_created=F("created_at"), oparl_modified=modified or F("updated_at")
    )


def _latest(model, fk: str, field: str, **filters) -> Subquery:
    rows = (
        model._default_manager.filter(**{fk: OuterRef("pk")}, **filters)
        .order_by()
        .values(fk)
        .annotate(latest=Max(field))
        .values("latest")
    )
    return Subquery(rows)


def _latest_removal(*kinds: str) -> Subquery:
    rows = (
        OParlTombstone.objects.filter(kind__in=kinds, parent_pk=OuterRef("pk"))
        .order_by()
        .values("parent_pk")
        .annotate(latest=Max("deleted_at"))
        .values("latest")
    )
    return Subquery(rows)


def _modified_with(*latest: Subquery):
    """A row's own change time or a later change of what it embeds (OParl asks for both)."""
    return Greatest(F("updated_at"), *(Coalesce(sub, F("updated_at")) for sub in latest))


# --- the body (the concept) and its organisations ---------------------------------------------


def concepts(concept: Concept | None) -> QuerySet:
    """The OParl body: the concept this deployment serves (one today), with its council (the
    body's `mainOrganization`)."""
    council = (
        Body.objects.filter(concept=OuterRef("pk"), kind=BodyKind.COUNCIL)
        .order_by("position", "pk")
        .values("pk")[:1]
    )
    return _stamped(Concept.objects.filter(pk=concept.pk if concept else None)).annotate(
        oparl_council=Subquery(council)
    )


def bodies(concept: Concept | None) -> QuerySet:
    return _stamped(Body.objects.filter(concept=concept))


def working_groups(concept: Concept | None) -> QuerySet:
    named = Membership.objects.filter(NAMED).only("pk", "working_group_id").order_by("pk")
    return (
        _stamped(
            WorkingGroup.objects.filter(concept=concept),
            _modified_with(
                _latest(Membership, "working_group", "updated_at"),
                _latest_removal(OParlTombstoneKind.MEMBERSHIP),
            ),
        )
        .annotate(listed_count=subquery_count(Membership.objects.all(), "working_group"))
        .prefetch_related(Prefetch("memberships", queryset=named, to_attr="named_memberships"))
    )


# --- people -----------------------------------------------------------------------------------


def _memberships(concept: Concept | None) -> QuerySet:
    return _stamped(Membership.objects.filter(working_group__concept=concept))


def named_memberships(concept: Concept | None) -> QuerySet:
    return _memberships(concept).filter(NAMED)


def unnamed_memberships(concept: Concept | None) -> QuerySet:
    """Participants not (or no longer) to be named: their Person answers `deleted: true`."""
    return _memberships(concept).exclude(NAMED).only("pk", "created_at", "updated_at")


# --- meetings and their places ----------------------------------------------------------------


def sessions(concept: Concept | None) -> QuerySet:
    # Minutes stay in the query: `minutes_public` decides whether they are published.
    return _stamped(
        Session.objects.filter(working_group__concept=concept).select_related("working_group")
    )


def sessions_with_place(concept: Concept | None) -> QuerySet:
    return sessions(concept).exclude(place="")


def sessions_without_place(concept: Concept | None) -> QuerySet:
    return _stamped(Session.objects.filter(working_group__concept=concept, place="")).only(
        "pk", "created_at", "updated_at"
    )


def sessions_with_public_minutes(concept: Concept | None) -> QuerySet:
    return sessions(concept).filter(MINUTES_PUBLIC)


def sessions_without_public_minutes(concept: Concept | None) -> QuerySet:
    """Minutes not (or no longer) published: their File answers `deleted: true`."""
    return _stamped(
        Session.objects.filter(working_group__concept=concept).exclude(MINUTES_PUBLIC)
    ).only("pk", "created_at", "updated_at")


def milestone_meetings(concept: Concept | None) -> QuerySet:
    return _stamped(Milestone.objects.filter(concept=concept, kind__in=MEETING_KINDS))


def milestone_meetings_with_place(concept: Concept | None) -> QuerySet:
    return milestone_meetings(concept).exclude(place="")


def milestone_meetings_without_place(concept: Concept | None) -> QuerySet:
    return milestone_meetings(concept).filter(place="").only("pk", "created_at", "updated_at")


# --- papers, their consultations and files ----------------------------------------------------


def _public_versions(concept: Concept | None) -> QuerySet:
    return ConceptVersion.objects.filter(concept=concept).public()


def _beratungen(concept: Concept | None) -> QuerySet:
    # Only presented versions have Beratungen, and they are public; the filter says so anyway.
    return Consultation.objects.filter(version__in=_public_versions(concept))


def beratungen(concept: Concept | None) -> QuerySet:
    """The Beratungsfolge of every public version, planned and held (OParl Consultation)."""
    return _stamped(_beratungen(concept))


def beratung_meetings(concept: Concept | None) -> QuerySet:
    """Beratungen held or planned for a day: the body's meeting and its agenda item."""
    return (
        _stamped(_beratungen(concept).filter(WITH_MEETING))
        .select_related("body", "version")
        .defer("version__snapshot")
    )


def beratungen_without_meeting(concept: Concept | None) -> QuerySet:
    """Planned without a day (or the day taken back): their Meeting answers `deleted: true`."""
    return _stamped(_beratungen(concept).exclude(WITH_MEETING)).only(
        "pk", "created_at", "updated_at"
    )


def no_milestone_consultations(concept: Concept | None) -> QuerySet:
    """Milestones were the consultations before the Beratungsfolge: none is any more, but the
    removed ones still answer at their old address (their tombstones)."""
    return _stamped(Milestone.objects.none())


def issued_files(concept: Concept | None) -> QuerySet:
    return (
        IssuedFile.objects.filter(version__in=_public_versions(concept))
        .select_related("version")
        .defer("version__snapshot")
        .annotate(oparl_created=F("created_at"), oparl_modified=F("created_at"))
    )


def papers(concept: Concept | None) -> QuerySet:
    """Every public version with its files and its Beratungsfolge, in three queries."""
    files = IssuedFile.objects.annotate(
        oparl_created=F("created_at"), oparl_modified=F("created_at")
    ).order_by("document", "format", "pk")
    # The order of the Beratungsfolge: by step, parallel steps by the bodies' order.
    consulted = _stamped(Consultation.objects.all()).order_by("step", "body__position", "pk")
    return _stamped(
        _public_versions(concept).defer("snapshot"),
        _modified_with(
            _latest(Consultation, "version", "updated_at"),
            _latest(IssuedFile, "version", "created_at"),
            _latest_removal(OParlTombstoneKind.CONSULTATION, OParlTombstoneKind.ISSUED_FILE),
        ),
    ).prefetch_related(
        Prefetch("issued_files", queryset=files, to_attr="oparl_files"),
        Prefetch("consultations", queryset=consulted, to_attr="oparl_consultations"),
    )


# --- removals ---------------------------------------------------------------------------------


def tombstones(concept: Concept | None, kind: str, *, scoped: bool = True) -> QuerySet:
    """Removed rows of one kind; `scoped` to the concept (a removed concept is not)."""
    stones = OParlTombstone.objects.filter(kind=kind)
    if scoped:
        concept_pk = concept.pk if concept else None
        stones = stones.filter(Q(concept_pk=concept_pk) | Q(concept_pk__isnull=True))
    return stones.annotate(oparl_created=F("created"), oparl_modified=F("deleted_at"))
