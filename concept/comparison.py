"""The comparison of two versions, section by section, matched by stable key.

Between two frozen versions it is computed once and stored (`StoredComparison`, per compare
format and language); with a live version it is cached under the content generation, and
its Markdown diffs are stored by the texts they compare (`concept.stored_diffs`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from difflib import SequenceMatcher
from typing import Any

from django.db.models import F
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from concept.diff import has_changes, render_diff, word_diff
from concept.documents import cached, document_key, version_document
from concept.models import (
    Amendment,
    ConceptVersion,
    SectionLevel,
    StoredComparison,
    section_anchor,
)
from concept.stored_diffs import markdown_diffs, markdown_diffs_computed
from minden_integration.core.generation import generation_current

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


_EMPTY = {"title": "", "body": "", "easy_language_summary": ""}
_MARKDOWN = (("body", "body"), ("easy_language_summary", "summary"))


def _markdown_pairs(
    old_sections: dict[str, dict[str, Any]], new_sections: dict[str, dict[str, Any]]
) -> set[tuple[str, str]]:
    """Every (old, new) pair of Markdown texts the comparison shows, to diff them at once."""
    pairs = set()
    for key in old_sections.keys() | new_sections.keys():
        old, new = old_sections.get(key, _EMPTY), new_sections.get(key, _EMPTY)
        for name, _attr in _MARKDOWN:
            if old[name] or new[name]:
                pairs.add((old[name], new[name]))
    return pairs


def _compare_section(
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    labels: dict[str, str],
    diffs: dict[tuple[str, str], tuple[SafeString, bool]],
) -> SectionComparison:
    entry = SectionComparison(key=(new or old)["key"], old=old, new=new)
    old_text, new_text = old or _EMPTY, new or _EMPTY
    both = old is not None and new is not None
    if old_text["title"] or new_text["title"]:
        entry.title_diff, differs = _text_diff(old_text["title"], new_text["title"], labels)
        entry.title_changed = both and differs
    for name, attr in _MARKDOWN:  # as the reading view renders them (`concept.stored_diffs`)
        if old_text[name] or new_text[name]:
            html, differs = diffs[(old_text[name], new_text[name])]
            setattr(entry, f"{attr}_diff", html)
            setattr(entry, f"{attr}_changed", both and differs)
    if both:
        entry.number_changed = old["number"] != new["number"]
        entry.level_changed = old["level"] != new["level"]
    return entry


def comparison(
    old_doc: dict[str, Any], new_doc: dict[str, Any], *, differ=markdown_diffs_computed
) -> dict[str, Any]:
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
    # The pages pass `markdown_diffs`: each diff read from its row or computed and stored.
    diffs = differ(
        _markdown_pairs(old_sections, new_sections), labels, compare_format=COMPARE_FORMAT
    )

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
        entry = _compare_section(old_sections.get(key), new_sections[key], labels, diffs)
        entry.order_changed = key in old_sections and key not in in_order
        entries[key] = entry

    ordered = [entries[key] for key in new_order]
    anchor_after: str | None = None  # the last kept section seen in the older order
    inserted_after: dict[str | None, int] = {}
    for key in old_order:
        if key in new_sections:
            anchor_after = key
            continue
        entry = _compare_section(old_sections[key], None, labels, diffs)
        if anchor_after is None:
            index = inserted_after.get(None, 0)
        else:
            index = ordered.index(entries[anchor_after]) + 1 + inserted_after.get(anchor_after, 0)
        ordered.insert(index, entry)
        inserted_after[anchor_after] = inserted_after.get(anchor_after, 0) + 1

    return _summarised(ordered)


def _summarised(ordered: list[SectionComparison]) -> dict[str, Any]:
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


_DIFFS = ("title_diff", "body_diff", "summary_diff")


def _comparison_json(result: dict[str, Any]) -> str:
    entries = []
    for entry in result["entries"]:
        data = asdict(entry)
        data.pop("amendments")
        entries.append(data)
    return json.dumps({"entries": entries}, ensure_ascii=False, separators=(",", ":"))


def _comparison_from_json(text: str) -> dict[str, Any]:
    names = {f.name for f in fields(SectionComparison)} - {"amendments"}
    entries = []
    for data in json.loads(text)["entries"]:
        values = {name: data[name] for name in names if name in data}
        for name in _DIFFS:
            if values.get(name) is not None:
                # Written by `comparison`, whose diffs are escaped and sanitised.
                values[name] = mark_safe(values[name])
        entries.append(SectionComparison(**values))
    return _summarised(entries)


def stored_comparison(old: ConceptVersion, new: ConceptVersion) -> dict[str, Any]:
    """The comparison of two frozen versions: computed once per compare format and language,
    then read from its row (their texts never change)."""
    language = get_language() or ""
    row = StoredComparison.objects.filter(
        old=old, new=new, compare_format=COMPARE_FORMAT, language=language
    ).values_list("data", flat=True)
    for data in row:
        return _comparison_from_json(data)
    result = comparison(version_document(old), version_document(new), differ=markdown_diffs)
    StoredComparison.objects.bulk_create(
        [
            StoredComparison(
                old=old,
                new=new,
                compare_format=COMPARE_FORMAT,
                language=language,
                data=_comparison_json(result),
            )
        ],
        ignore_conflicts=True,
    )
    return result


def compare_context(old: ConceptVersion, new: ConceptVersion) -> dict[str, Any]:
    generation = generation_current()
    old_key, new_key = document_key(old, generation), document_key(new, generation)
    key = f"version-compare:{COMPARE_FORMAT}:{old_key}:{new_key}:{get_language()}"
    if old.is_frozen and new.is_frozen:
        result = cached(key, lambda: stored_comparison(old, new))
    else:
        old_doc = version_document(old, key=old_key)
        new_doc = version_document(new, key=new_key)
        result = cached(key, lambda: comparison(old_doc, new_doc, differ=markdown_diffs))
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
        # A frozen version's flag is frozen with its text: the row says what the document does.
        "is_example": old.is_example or new.is_example,
        "has_draft": not (old.is_public and new.is_public),
    }
