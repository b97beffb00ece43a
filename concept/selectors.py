"""Reads for the public pages of the concept.

Which versions a visitor may see, and what the reading view and the comparison show. Content
comes only from `version_document`, so a frozen version costs one row however long it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db.models import Case, F, Q, QuerySet, When
from django.utils import timezone

from concept.beratungsfolge import (
    beratungsfolge,
    deciding_consultation,
    predecessor_with_proposals,
    resolution_published,
    resolution_source,
)
from concept.contributors import drafting_parts, reading_parts
from concept.documents import document_key, version_document
from concept.models import (
    Amendment,
    Concept,
    ConceptVersion,
    Section,
    VersionStatus,
    section_anchor,
)
from concept.proposing import propose_url
from concept.rendering import rendered_sections
from minden_integration.core.generation import generation_current

MAX_HEADING = 6


# --- versions ---------------------------------------------------------------------------------


def visible_versions(concept: Concept | None, *, include_drafts: bool) -> QuerySet:
    """Public versions, newest first; drafts only for staff. Without the (large) snapshot."""
    versions = ConceptVersion.objects.filter(concept=concept).defer("snapshot")
    if not include_drafts:
        versions = versions.public()
    return versions.order_by("-number")


def version_get(
    concept: Concept | None, number: int, *, include_drafts: bool
) -> ConceptVersion | None:
    if concept is None:
        return None
    versions = ConceptVersion.objects.filter(concept=concept, number=number)
    if not include_drafts:
        versions = versions.public()
    return versions.select_related("concept").first()


def version_current(concept: Concept | None) -> ConceptVersion | None:
    """The approved version, or else the newest one past draft."""
    if concept is None:
        return None
    return ConceptVersion.objects.filter(concept=concept).select_related("concept").current()


@dataclass(frozen=True)
class CouncilDecision:
    """The approved version and the day the council decided it (None: not recorded)."""

    version: ConceptVersion
    decided_on: dt.date | None


def council_decision(concept: Concept | None) -> CouncilDecision | None:
    """The concept's approved version with its council decision date: the day the deciding
    Beratung was held (for a beschlossene Fassung, the one on the version it carries out),
    else the day its status holds from. None while no version is approved (two queries)."""
    if concept is None:
        return None
    version = (
        ConceptVersion.objects.filter(concept=concept, status=VersionStatus.APPROVED)
        .defer("snapshot")
        .first()
    )
    if version is None:
        return None
    deciding = deciding_consultation(version)
    decided_on = deciding.held_on if deciding and deciding.held_on else version.status_since
    return CouncilDecision(version=version, decided_on=decided_on)


def versions_pair(
    concept: Concept | None, numbers: list[int], *, include_drafts: bool
) -> dict[int, ConceptVersion]:
    """The versions with these numbers that the visitor may see, in one query."""
    if concept is None:
        return {}
    versions = ConceptVersion.objects.filter(concept=concept, number__in=numbers)
    if not include_drafts:
        versions = versions.public()
    return {version.number: version for version in versions.select_related("concept")}


def version_rows(versions: list[ConceptVersion]) -> list[dict[str, Any]]:
    """Each version with the number of the one before it (for "compare with previous")."""
    ordered = sorted(versions, key=lambda v: v.number)
    previous = {v.number: p.number for p, v in zip(ordered, ordered[1:], strict=False)}
    return [
        {"version": version, "previous_number": previous.get(version.number)}
        for version in versions
    ]


# --- the public record of amendments ---------------------------------------------------------


def public_amendments(version: ConceptVersion) -> QuerySet[Amendment]:
    """Every amendment of the version once submitted, whatever became of it since.

    A draft is its author's alone, and so is a draft withdrawn before it was ever submitted.
    """
    return Amendment.objects.public().filter(version=version, submitted_at__isnull=False)


def amendment_record(version: ConceptVersion) -> QuerySet[Amendment]:
    """The public record for its pages, in the order of the text; the section and the version
    that incorporated an amendment come as plain columns (no section text, no snapshot)."""
    return (
        public_amendments(version)
        .annotate(
            section_key=F("section__key"),
            section_number=F("section__number"),
            section_title=F("section__title"),
            # Only a public version is linked; a draft successor stays unnamed until published.
            incorporated_number=Case(
                When(
                    ~Q(incorporated_in__status=VersionStatus.DRAFT),
                    then=F("incorporated_in__number"),
                )
            ),
        )
        .order_by("section__position", "submitted_at", "pk")
    )


def current_consultation(concept: Concept | None) -> ConceptVersion | None:
    """The version open for amendments right now (in consultation, before its deadline), if
    any: the one rule for the participation page, the member's pages and the proposing form."""
    if concept is None:
        return None
    candidate = (
        ConceptVersion.objects.filter(concept=concept, status=VersionStatus.CONSULTATION)
        .defer("snapshot")
        .order_by("-number")
        .first()
    )
    if candidate is None or not candidate.accepts_amendments(timezone.now()):
        return None
    return candidate


@dataclass(frozen=True)
class OpenConsultation:
    """The version open for amendments and the calendar days left until the day its deadline
    falls on, in the portal's time zone (0: it ends today)."""

    version: ConceptVersion
    days_left: int


def open_consultation(concept: Concept | None) -> OpenConsultation | None:
    """`current_consultation` with its days left, for the pages that announce it."""
    version = current_consultation(concept)
    if version is None:
        return None
    days = timezone.localdate(version.consultation_ends_at) - timezone.localdate()
    return OpenConsultation(version=version, days_left=days.days)


class LazyByKey:
    """A dict built on first use: a page whose text is already in the fragment cache never
    builds it (the template calls `for_key` only for the sections it renders)."""

    def __init__(self, build: Callable[[], dict[str, Any]], default: Any = ()):
        self._build = build
        self._by_key: dict[str, Any] | None = None
        self._default = default

    def for_key(self, key: str) -> Any:
        if self._by_key is None:
            self._by_key = self._build()
        return self._by_key.get(key, self._default)


def amendments_by_section(version: ConceptVersion) -> dict[str, list[Amendment]]:
    """The version's public record by section key."""
    by_key: dict[str, list[Amendment]] = {}
    for amendment in amendment_record(version):
        by_key.setdefault(amendment.section_key, []).append(amendment)
    return by_key


class PublicRecord:
    """The version's public record by section key, read on first use (a page whose text is
    in the fragment cache never reads it); its count from the rows once they are read."""

    def __init__(self, version: ConceptVersion):
        self._version = version
        self._by_key: dict[str, list[Amendment]] | None = None
        self._count: int | None = None

    def by_key(self) -> dict[str, list[Amendment]]:
        if self._by_key is None:
            self._by_key = amendments_by_section(self._version)
        return self._by_key

    def for_key(self, key: str) -> list[Amendment]:
        return self.by_key().get(key, [])

    def count(self) -> int:
        if self._count is None:
            if self._by_key is not None:
                self._count = sum(len(amendments) for amendments in self._by_key.values())
            else:
                self._count = public_amendments(self._version).count()
        return self._count


def _reading_sections(document: dict[str, Any]) -> list[dict[str, Any]]:
    sections = []
    previous_heading = 1  # the page's h1; a section never skips a heading level
    for section in document["sections"]:
        heading = min(section["level"] + 1, previous_heading + 1, MAX_HEADING)
        previous_heading = heading
        sections.append(
            {
                **section,
                "anchor": section_anchor(section["key"]),
                "heading_level": heading,
                "sub_heading_level": min(heading + 1, MAX_HEADING),
            }
        )
    return sections


def _toc(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The flat section list as a tree by level, for nested lists."""
    root: list[dict[str, Any]] = []
    stack: list[tuple[int, list[dict[str, Any]]]] = [(0, root)]
    for section in sections:
        node: dict[str, Any] = {"section": section, "children": []}
        while stack[-1][0] >= section["level"]:
            stack.pop()
        stack[-1][1].append(node)
        stack.append((section["level"], node["children"]))
    return root


def reading_context(
    version: ConceptVersion, *, include_drafts: bool, can_propose: bool = False
) -> dict[str, Any]:
    """`can_propose`: the visitor may propose amendments to this version now (the view asks
    `concept.proposing`); each section then links to the form."""
    # Read once, before the data: it names the text and the public record alike.
    generation = generation_current()
    key = document_key(version, generation)
    document = version_document(version, key=key)
    sections = _reading_sections(document)
    record = PublicRecord(version)
    html = LazyByKey(lambda: rendered_sections(version, sections), default=None)
    contributed = LazyByKey(lambda: reading_parts(document, sections))
    proposing = (
        dict(Section.objects.filter(version=version).values_list("key", "pk"))
        if can_propose
        else {}
    )
    for section in sections:
        # Callables: the template calls them only when it renders the section.
        section["html"] = partial(html.for_key, section["key"])
        section["contributed"] = partial(contributed.for_key, section["key"])
        section["amendments"] = partial(record.for_key, section["key"])
        section["amendment_heading_level"] = min(section["sub_heading_level"] + 1, MAX_HEADING)
        if section["key"] in proposing:
            section["propose_url"] = propose_url(proposing[section["key"]])
    previous = (
        visible_versions(version.concept, include_drafts=include_drafts)
        .filter(number__lt=version.number)
        .values_list("number", flat=True)
        .first()
    )
    return {
        "version": version,
        "document": document,
        "is_example": bool(document["version"].get("is_example")),
        "is_draft": not version.is_public,
        # What the contributors show a draft's editors (drafts are shown to staff only).
        "drafting_parts": drafting_parts(version) if version.status == VersionStatus.DRAFT else [],
        "sections": sections,
        "toc": _toc(sections),
        "beratungsfolge": beratungsfolge(version),
        "resolution_source": resolution_source(version),
        "resolution": resolution_published(version),
        "predecessor_synopsis": predecessor_with_proposals(version),
        "previous_number": previous,
        # Names the rendered text for the template's fragment cache; the amendments shown
        # with each section and the proposing links are part of it.
        "content_key": key,
        "amendments_key": generation,
        "amendment_count": record.count,
        "amendment_record": record,
        "can_propose": can_propose,
    }
