"""Reads for the public pages of the concept.

Which versions a visitor may see, and what the reading view and the comparison show. Content
comes only from `version_document`, so a frozen version costs one row however long it is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial
from typing import Any

from django.db.models import Case, F, Q, QuerySet, When
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concept.beratungsfolge import (
    beratungsfolge,
    predecessor_with_proposals,
    resolution_published,
    resolution_source,
)
from concept.contributors import reading_parts
from concept.diff import has_changes, markdown_diff, render_diff, word_diff
from concept.documents import cached, document_key, version_document
from concept.models import (
    Amendment,
    Concept,
    ConceptVersion,
    Section,
    SectionLevel,
    VersionStatus,
    section_anchor,
)
from concept.proposing import propose_url
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

    def __init__(self, build: Callable[[], dict[str, list]]):
        self._build = build
        self._by_key: dict[str, list] | None = None

    def for_key(self, key: str) -> list:
        if self._by_key is None:
            self._by_key = self._build()
        return self._by_key.get(key, [])


def amendments_by_section(version: ConceptVersion) -> dict[str, list[Amendment]]:
    """The version's public record by section key."""
    by_key: dict[str, list[Amendment]] = {}
    for amendment in amendment_record(version):
        by_key.setdefault(amendment.section_key, []).append(amendment)
    return by_key


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
    record = LazyByKey(lambda: amendments_by_section(version))
    contributed = LazyByKey(lambda: reading_parts(document, sections))
    proposing = (
        dict(Section.objects.filter(version=version).values_list("key", "pk"))
        if can_propose
        else {}
    )
    for section in sections:
        # Callables: the template calls them only when it renders the section.
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
        "amendment_count": public_amendments(version).count(),
        "can_propose": can_propose,
    }


# --- the comparison ---------------------------------------------------------------------------

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
MOVED = "moved"
UNCHANGED = "unchanged"
# Part of the cached comparison's name: a new way of showing the differences is never served
# from entries made the old way (2: Markdown compared as rendered text).
COMPARE_FORMAT = 2


@dataclass(eq=False)
class SectionComparison:
    key: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    title_diff: SafeString | None = None
    body_diff: SafeString | None = None
    summary_diff: SafeString | None = None
    title_changed: bool = False
    body_changed: bool = False
    summary_changed: bool = False
    order_changed: bool = False
    number_changed: bool = False
    level_changed: bool = False
    amendments: list[Amendment] = field(default_factory=list)

    @property
    def text_changed(self) -> bool:
        return self.title_changed or self.body_changed or self.summary_changed

    @property
    def moved(self) -> bool:
        return self.order_changed or self.number_changed or self.level_changed

    @property
    def kind(self) -> str:
        if self.old is None:
            return ADDED
        if self.new is None:
            return REMOVED
        if self.text_changed:
            return CHANGED
        if self.moved:
            return MOVED
        return UNCHANGED

    @property
    def section(self) -> dict[str, Any]:
        return self.new if self.new is not None else self.old

    @property
    def anchor(self) -> str:
        return section_anchor(self.key)

    @property
    def old_level_label(self) -> str:
        return _level_label(self.old)

    @property
    def new_level_label(self) -> str:
        return _level_label(self.new)


def _level_label(section: dict[str, Any] | None) -> str:
    if section is None or section["level"] not in SectionLevel.values:
        return ""
    return str(SectionLevel(section["level"]).label)


def _labels() -> dict[str, str]:
    return {"inserted_label": _("Eingefügt: "), "deleted_label": _("Gestrichen: ")}


def _text_diff(old: str, new: str, labels: dict[str, str]) -> tuple[SafeString, bool]:
    """A title, word by word (plain text)."""
    ops = word_diff(old, new)
    return render_diff(ops, **labels), has_changes(ops)


def _markdown_diff(old: str, new: str, labels: dict[str, str]) -> tuple[SafeString, bool]:
    """A body or Leichte Sprache text (Markdown) as the reading view renders it."""
    result = markdown_diff(old, new, **labels)
    return result.html, result.changed


def _compare_section(
    old: dict[str, Any] | None, new: dict[str, Any] | None, labels: dict[str, str]
) -> SectionComparison:
    entry = SectionComparison(key=(new or old)["key"], old=old, new=new)
    old_text = old or {"title": "", "body": "", "easy_language_summary": ""}
    new_text = new or {"title": "", "body": "", "easy_language_summary": ""}
    both = old is not None and new is not None
    for name, attr, differ in (
        ("title", "title", _text_diff),
        ("body", "body", _markdown_diff),
        ("easy_language_summary", "summary", _markdown_diff),
    ):
        if old_text[name] or new_text[name]:
            html, differs = differ(old_text[name], new_text[name], labels)
            setattr(entry, f"{attr}_diff", html)
            setattr(entry, f"{attr}_changed", both and differs)
    if both:
        entry.number_changed = old["number"] != new["number"]
        entry.level_changed = old["level"] != new["level"]
    return entry


def comparison(old_doc: dict[str, Any], new_doc: dict[str, Any]) -> dict[str, Any]:
    """Section by section, matched by stable key, in the newer version's order; a removed
    section stands after the section that preceded it in the older version.

    A section counts as moved when its number or level changed or its order relative to the
    other kept sections did; a position that only shifted because sections were added or
    removed elsewhere is not a move.
    """
    labels = _labels()
    old_sections = {s["key"]: s for s in old_doc["sections"]}
    new_sections = {s["key"]: s for s in new_doc["sections"]}
    old_order = [s["key"] for s in old_doc["sections"]]
    new_order = [s["key"] for s in new_doc["sections"]]

    kept_old = [k for k in old_order if k in new_sections]
    kept_new = [k for k in new_order if k in old_sections]
    matcher = SequenceMatcher(None, kept_old, kept_new, autojunk=False)
    in_order = {
        key
        for block in matcher.get_matching_blocks()
        for key in kept_old[block.a : block.a + block.size]
    }

    entries: dict[str, SectionComparison] = {}
    for key in new_order:
        entry = _compare_section(old_sections.get(key), new_sections[key], labels)
        entry.order_changed = key in old_sections and key not in in_order
        entries[key] = entry

    ordered = [entries[key] for key in new_order]
    anchor_after: str | None = None  # the last kept section seen in the older order
    inserted_after: dict[str | None, int] = {}
    for key in old_order:
        if key in new_sections:
            anchor_after = key
            continue
        entry = _compare_section(old_sections[key], None, labels)
        if anchor_after is None:
            index = inserted_after.get(None, 0)
        else:
            index = ordered.index(entries[anchor_after]) + 1 + inserted_after.get(anchor_after, 0)
        ordered.insert(index, entry)
        inserted_after[anchor_after] = inserted_after.get(anchor_after, 0) + 1

    counts = dict.fromkeys((ADDED, REMOVED, CHANGED, MOVED, UNCHANGED), 0)
    for entry in ordered:
        counts[entry.kind] += 1
    return {
        "entries": ordered,
        "changes": [e for e in ordered if e.kind != UNCHANGED],
        "unchanged": [e for e in ordered if e.kind == UNCHANGED],
        "counts": counts,
    }


def incorporated_amendments(version: ConceptVersion, keys: list[str]) -> dict[str, list]:
    """Accepted amendments worked into `version`, by the stable key of their section."""
    amendments = (
        Amendment.objects.public()
        .filter(incorporated_in=version, section__key__in=keys)
        .annotate(section_key=F("section__key"), proposed_in=F("version__number"))
        .order_by("section__key", "submitted_at", "pk")
    )
    by_key: dict[str, list] = {}
    for amendment in amendments:
        by_key.setdefault(amendment.section_key, []).append(amendment)
    return by_key


def compare_context(old: ConceptVersion, new: ConceptVersion) -> dict[str, Any]:
    generation = generation_current()
    old_key, new_key = document_key(old, generation), document_key(new, generation)
    old_doc = version_document(old, key=old_key)
    new_doc = version_document(new, key=new_key)
    key = f"version-compare:{COMPARE_FORMAT}:{old_key}:{new_key}:{get_language()}"
    result = cached(key, lambda: comparison(old_doc, new_doc))
    amendments = incorporated_amendments(new, [e.key for e in result["entries"] if e.new])
    for entry in result["entries"]:
        if entry.new is not None:
            entry.amendments = amendments.get(entry.key, [])
    return {
        "old": old,
        "new": new,
        "comparison": result,
        # Names the rendered comparison: both texts and the amendments attributed to it.
        "fragment_key": hashlib.sha256(f"{key}|{generation}".encode()).hexdigest(),
        "is_example": bool(
            old_doc["version"].get("is_example") or new_doc["version"].get("is_example")
        ),
        "has_draft": not (old.is_public and new.is_public),
    }
