"""What the officer reads while moderating: the start page's worklist and the accepted
amendments waiting to be worked into a draft."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concept.models import (
    AMENDMENT_ADOPTING,
    Amendment,
    ConceptVersion,
    Consultation,
    Section,
    VersionStatus,
)

# A consultation is "ending" on the start page this long before its deadline.
ENDING_SOON = dt.timedelta(days=14)

# Whose decision a version in each status waits for.
AWAITING = {
    VersionStatus.COUNCIL_REVIEW: _("Ergebnisse der Beratungen in den Gremien"),
    VersionStatus.CONSULTATION_CLOSED: _("Vorlage in den Gremien oder nächste Version"),
}
# A beschlossene Fassung drafted from a decision with changes waits to be fixed.
AWAITING_RESOLUTION = _("Festschreiben als beschlossene Fassung")


@dataclass(frozen=True)
class Action:
    """The one step that resolves a worklist entry: where it is and what it is called."""

    url: str
    label: str


@dataclass(frozen=True)
class Worklist:
    undecided: list[dict]  # per version: number, pk, count, in_review, oldest, action
    consultations: list[ConceptVersion]  # open, by deadline; `.ending_soon`, `.overdue`, `.action`
    awaiting: list[ConceptVersion]  # `.awaiting`, `.next_consultation` and `.action` set
    to_incorporate: int
    to_incorporate_action: Action

    @property
    def empty(self) -> bool:
        return not (self.undecided or self.consultations or self.awaiting or self.to_incorporate)


def officer_worklist(*, now: dt.datetime | None = None) -> Worklist:
    """At most five queries, whatever the number of versions and amendments. A version that
    has a later version drops out of what waits: the later one goes its way instead."""
    now = now or timezone.now()
    undecided = list(
        Amendment.objects.undecided()
        .values("version_id", "version__number", "version__concept__title")
        .annotate(
            count=Count("pk"),
            in_review=Count("pk", filter=Q(status="in_review")),
            oldest=Min("submitted_at"),
        )
        .order_by("version__number")
    )
    for row in undecided:
        row["action"] = Action(
            f"{reverse('admin:concept_amendment_changelist')}?moderation=offen"
            f"&version__id__exact={row['version_id']}",
            _("Vorschläge entscheiden"),
        )
    consultations = list(
        ConceptVersion.objects.defer("snapshot")
        .filter(status=VersionStatus.CONSULTATION)
        .order_by("consultation_ends_at")
    )
    for version in consultations:
        version.overdue = version.consultation_ends_at <= now
        version.ending_soon = version.consultation_ends_at <= now + ENDING_SOON
        version.action = (
            _move_action(version, VersionStatus.CONSULTATION_CLOSED, _("Beteiligung beenden"))
            if version.overdue
            else _change_action(version)
        )
    later = ConceptVersion.objects.filter(
        concept_id=OuterRef("concept_id"), number__gt=OuterRef("number")
    )
    awaiting = list(
        ConceptVersion.objects.defer("snapshot")
        .alias(has_successor=Exists(later))
        .filter(
            Q(status__in=AWAITING, has_successor=False)
            | Q(status=VersionStatus.DRAFT, resolution_of__isnull=False)
        )
        .order_by("status_changed_at", "number")
    )
    next_planned = _next_planned(
        [v.pk for v in awaiting if v.status == VersionStatus.COUNCIL_REVIEW]
    )
    for version in awaiting:
        version.awaiting = AWAITING.get(version.status, AWAITING_RESOLUTION)
        version.next_consultation = next_planned.get(version.pk)
        version.action = _awaiting_action(version)
    to_incorporate = Amendment.objects.filter(
        status__in=AMENDMENT_ADOPTING, incorporated_in__isnull=True
    ).count()
    return Worklist(
        undecided,
        consultations,
        awaiting,
        to_incorporate,
        Action(
            f"{reverse('admin:concept_amendment_changelist')}?moderation=einzuarbeiten",
            _("Vorschläge einarbeiten"),
        ),
    )


def _change_action(version: ConceptVersion) -> Action:
    return Action(
        reverse("admin:concept_conceptversion_change", args=[version.pk]), _("Version öffnen")
    )


def _move_action(version: ConceptVersion, target: str, label) -> Action:
    return Action(reverse("admin:concept_conceptversion_move", args=[version.pk, target]), label)


def _awaiting_action(version: ConceptVersion) -> Action:
    """Record the next Beratung's result, present the version, or fix the beschlossene
    Fassung: whichever step the version waits for."""
    if version.status == VersionStatus.DRAFT:
        return Action(
            reverse("admin:concept_conceptversion_resolution_fix", args=[version.pk]),
            _("Als beschlossene Fassung festschreiben"),
        )
    if version.status == VersionStatus.CONSULTATION_CLOSED:
        return _move_action(version, VersionStatus.COUNCIL_REVIEW, _("Den Gremien vorlegen"))
    consultation = version.next_consultation
    if consultation is None:
        return _change_action(version)
    return Action(
        reverse(
            "admin:concept_conceptversion_consultation_record",
            args=[version.pk, consultation.pk],
        ),
        _("Ergebnis eintragen"),
    )


def _next_planned(version_ids: list[int]) -> dict[int, Consultation]:
    """Each version's next planned Beratung (the lowest step still open), in one query."""
    if not version_ids:
        return {}
    nexts: dict[int, Consultation] = {}
    planned = Consultation.objects.planned().filter(version_id__in=version_ids)
    for consultation in planned.in_order():
        nexts.setdefault(consultation.version_id, consultation)
    return nexts


def accepted_for_draft(draft: ConceptVersion) -> dict[str, list[Amendment]]:
    """Accepted amendments of earlier versions by the key of the section they concern: those
    still to be worked in and those already worked into this draft."""
    by_key: dict[str, list[Amendment]] = defaultdict(list)
    amendments = (
        Amendment.objects.filter(
            version__concept_id=draft.concept_id,
            version__number__lt=draft.number,
            status__in=AMENDMENT_ADOPTING,
        )
        .filter(Q(incorporated_in__isnull=True) | Q(incorporated_in=draft))
        .select_related("section", "version")
        .order_by("section__position", "pk")
    )
    for amendment in amendments:
        by_key[amendment.section.key].append(amendment)
    return dict(by_key)


def draft_section_for(amendment: Amendment) -> Section | None:
    """The section of the concept's current draft that continues the amended section."""
    return (
        Section.objects.select_related("version")
        .filter(
            version__concept_id=amendment.version.concept_id,
            version__status=VersionStatus.DRAFT,
            version__resolution_of__isnull=True,
            version__number__gt=amendment.version.number,
            key=amendment.section.key,
        )
        .first()
    )
