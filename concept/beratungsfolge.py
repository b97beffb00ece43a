"""Reads of the way through the bodies, for the services, the public pages and the exports.

Which version a version was drafted from and what of it is still undecided, the Beratung that
decided it, a version's Beratungsfolge step by step (planned and held Beratungen alike), what
its page says about the decision it came from or led to, and the concept's timeline: the dated
events of the process beside every held Beratung of a public version, each on the body's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from django.db.models import Exists, OuterRef
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from concept.models import (
    DECIDING_RESULTS,
    Amendment,
    Concept,
    ConceptVersion,
    Consultation,
    Milestone,
    VersionStatus,
)


@dataclass(frozen=True)
class Step:
    """The Beratungen of one step; more than one deliberate in parallel."""

    number: int  # counted from 1 in order; the stored step numbers may leave gaps
    consultations: list[Consultation]

    @property
    def parallel(self) -> bool:
        return len(self.consultations) > 1


def predecessor(version: ConceptVersion) -> ConceptVersion | None:
    """The version a version was drafted from (for a beschlossene Fassung: the version the
    council decided with changes); none for a draft begun from scratch."""
    if version.drafted_from_id is None:
        return None
    return ConceptVersion.objects.defer("snapshot").get(pk=version.drafted_from_id)


def presentation_blockers(version: ConceptVersion) -> list[Amendment]:
    """Undecided amendments to the version or to the one it was drafted from: nothing
    undecided goes to the bodies."""
    earlier = predecessor(version)
    versions = [version.pk] + ([earlier.pk] if earlier else [])
    return list(
        Amendment.objects.undecided()
        .filter(version_id__in=versions)
        .select_related("version", "section")
        .order_by("version__number", "number", "pk")
    )


def deciding_consultation(version: ConceptVersion) -> Consultation | None:
    """The Beratung whose result decided the version (or the version it is the beschlossene
    Fassung of)."""
    source = version.resolution_of if version.resolution_of_id else version
    return (
        source.consultations.filter(result__in=DECIDING_RESULTS)
        .select_related("body")
        .order_by("-step")
        .first()
    )


def beratungsfolge(version: ConceptVersion) -> list[Step]:
    """The version's Beratungen in order, grouped by step: one query, whatever their number."""
    rows = Consultation.objects.filter(version=version).in_order()
    steps: list[Step] = []
    for _step, group in groupby(rows, key=attrgetter("step")):
        steps.append(Step(number=len(steps) + 1, consultations=list(group)))
    return steps


# --- the decision a version came from or led to -----------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """A beschlossene Fassung: the version the council decided with changes, and the day."""

    number: int
    decided_on: dt.date | None
    decided_text: str = ""  # a legacy decision whose day is not known

    @property
    def decided_label(self) -> str:
        if self.decided_on:
            return date_format(self.decided_on, "DATE_FORMAT")
        return self.decided_text


def resolution_source(version: ConceptVersion) -> Resolution | None:
    """For a beschlossene Fassung: which version's decision it carries out, and when the council
    took it (one query)."""
    if not version.resolution_of_id:
        return None
    decided = (
        Consultation.objects.filter(
            version_id=version.resolution_of_id, result__in=DECIDING_RESULTS
        )
        .select_related("version")
        .defer("version__snapshot")
        .order_by("-step")
        .first()
    )
    if decided is None:
        number = ConceptVersion.objects.values_list("number", flat=True).get(
            pk=version.resolution_of_id
        )
        return Resolution(number=number, decided_on=None)
    return Resolution(
        number=decided.version.number, decided_on=decided.held_on, decided_text=decided.held_text
    )


def resolution_published(version: ConceptVersion) -> ConceptVersion | None:
    """For a version the council decided with changes: its beschlossene Fassung, once public."""
    if version.status != VersionStatus.AMENDED:
        return None
    return ConceptVersion.objects.public().filter(resolution_of=version).defer("snapshot").first()


def predecessor_with_proposals(version: ConceptVersion) -> ConceptVersion | None:
    """The public version this one was drafted from, if residents proposed amendments to it:
    its Synopse shows how each was decided (one query)."""
    if version.resolution_of_id:
        candidates = ConceptVersion.objects.filter(pk=version.resolution_of_id)
    else:
        candidates = ConceptVersion.objects.filter(
            concept_id=version.concept_id, number=version.number - 1
        )
    proposals = Amendment.objects.public().filter(
        version=OuterRef("pk"), submitted_at__isnull=False
    )
    return candidates.public().filter(Exists(proposals)).defer("snapshot").first()


# --- the concept's timeline -------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date | None
    date_label: str
    title: str
    body: str = ""
    place: str = ""
    outcome: str = ""
    description: str = ""
    url: str = ""
    is_example: bool = False


def _milestone_entry(milestone: Milestone) -> TimelineEntry:
    return TimelineEntry(
        date=milestone.date,
        date_label=milestone.date_label,
        title=milestone.title,
        body=milestone.body.name if milestone.body_id else "",
        place=milestone.place,
        outcome=milestone.get_outcome_display() if milestone.outcome else "",
        description=milestone.description,
        is_example=milestone.is_example,
    )


def _consultation_entry(consultation: Consultation) -> TimelineEntry:
    version = consultation.version
    details = [str(consultation.get_role_display())]
    if consultation.agenda_item:
        details.append(consultation.agenda_item)
    if version.council_paper_reference:
        details.append(
            _("Drucksache %(reference)s") % {"reference": version.council_paper_reference}
        )
    return TimelineEntry(
        date=consultation.held_on,
        date_label=consultation.held_label,
        title=_("%(body)s: Version %(number)s %(result)s")
        % {
            "body": consultation.body.name,
            "number": version.number,
            "result": consultation.get_result_display(),
        },
        description=" · ".join(details),
        url=f"{version.get_absolute_url()}#beratungsfolge",
        is_example=consultation.is_example or version.is_example or consultation.body.is_example,
    )


def process_timeline(concept: Concept) -> list[TimelineEntry]:
    """The process milestones and every held Beratung of a public version, by date (two
    queries). The Beratungen stand on the body's date; a milestone whose date is unknown keeps
    its place after the milestone before it, as the officer ordered them."""
    milestones = list(concept.milestones.timeline().defer("version__snapshot"))
    held = (
        Consultation.objects.held()
        .filter(version__concept=concept)
        .exclude(version__status=VersionStatus.DRAFT)
        .select_related("body", "version")
        .defer("version__snapshot")
    )
    keyed: list[tuple[tuple, TimelineEntry]] = []
    anchor = dt.date.min
    for index, milestone in enumerate(milestones):
        anchor = milestone.date or anchor
        keyed.append(((anchor, 0, index), _milestone_entry(milestone)))
    for c in held:
        day = c.held_on or c.version.presented_on or dt.date.min
        key = (day, 1, c.version.number, c.step, c.body.position, c.pk)
        keyed.append((key, _consultation_entry(c)))
    keyed.sort(key=lambda pair: pair[0])
    return [entry for _key, entry in keyed]
