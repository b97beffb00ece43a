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
    Concept,
    ConceptVersion,
    IssuedFile,
    Milestone,
    MilestoneKind,
    MilestoneOutcome,
)
from minden_integration.oparl.models import OParlTombstone, OParlTombstoneKind
from workgroups.models import Membership, Session, WorkingGroup

# Milestones that are a meeting of a body (conferences, sessions, decisions), not e.g. a report.
MEETING_KINDS = (MilestoneKind.CONFERENCE, MilestoneKind.MEETING, MilestoneKind.DECISION)
# Outcomes that are a body's decision on the version (OParl: an authoritative consultation).
DECIDING_OUTCOMES = (
    MilestoneOutcome.ADOPTED,
    MilestoneOutcome.APPROVED,
    MilestoneOutcome.RETURNED,
)
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
    """The OParl body: the concept this deployment serves (one today)."""
    return _stamped(Concept.objects.filter(pk=concept.pk if concept else None))


def bodies(concept: Concept | None) -> QuerySet:
    return _stamped(Body.objects.filter(concept=concept))


def working_groups(concept: Concept | None) -> QuerySet:
    named = Membership.objects.filter(NAMED).only("pk", "working_group_id").order_by("pk")
    return _stamped(
        WorkingGroup.objects.filter(concept=concept),
        _modified_with(
            _latest(Membership, "working_group", "updated_at"),
            _latest_removal(OParlTombstoneKind.MEMBERSHIP),
        ),
    ).prefetch_related(Prefetch("memberships", queryset=named, to_attr="named_memberships"))


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


def consultations(concept: Concept | None) -> QuerySet:
    """A body's dealing with a public version, recorded as a milestone."""
    return _stamped(
        Milestone.objects.filter(
            concept=concept, body__isnull=False, version__in=_public_versions(concept)
        )
    )


def issued_files(concept: Concept | None) -> QuerySet:
    return (
        IssuedFile.objects.filter(version__in=_public_versions(concept))
        .select_related("version")
        .defer("version__snapshot")
        .annotate(oparl_created=F("created_at"), oparl_modified=F("created_at"))
    )


def papers(concept: Concept | None) -> QuerySet:
    """Every public version with its files and the bodies' consultations, in three queries."""
    files = IssuedFile.objects.annotate(
        oparl_created=F("created_at"), oparl_modified=F("created_at")
    ).order_by("document", "format", "pk")
    consulted = _stamped(Milestone.objects.filter(body__isnull=False)).order_by(
        "position", "date", "pk"
    )
    return _stamped(
        _public_versions(concept).defer("snapshot"),
        _modified_with(
            _latest(Milestone, "version", "updated_at"),
            _latest(IssuedFile, "version", "created_at"),
            _latest_removal(OParlTombstoneKind.MILESTONE, OParlTombstoneKind.ISSUED_FILE),
        ),
    ).prefetch_related(
        Prefetch("issued_files", queryset=files, to_attr="oparl_files"),
        Prefetch("milestones", queryset=consulted, to_attr="oparl_consultations"),
    )


# --- removals ---------------------------------------------------------------------------------


def tombstones(concept: Concept | None, kind: str, *, scoped: bool = True) -> QuerySet:
    """Removed rows of one kind; `scoped` to the concept (a removed concept is not)."""
    stones = OParlTombstone.objects.filter(kind=kind)
    if scoped:
        concept_pk = concept.pk if concept else None
        stones = stones.filter(Q(concept_pk=concept_pk) | Q(concept_pk__isnull=True))
    return stones.annotate(oparl_created=F("created"), oparl_modified=F("deleted_at"))
