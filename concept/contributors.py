"""The one declared interface through which higher apps add their part to a version.

`concept` imports no other app and names none of their data: `measures` (and any later app)
registers here in its `AppConfig.ready()`, and `concept` renders what it is handed without
knowing what is in it. A contributor gives

- `contribute(version)`: its part of the version's document (top-level keys of its own), frozen
  with the version's text;
- `copy(old, new)`: what it carries into the next version;
- `reading(document, sections)`: the HTML it shows beside each section of the reading view, by
  section key (rendered from its own templates);
- `printed(document)`: what the printed formats (PDF, DOCX, ODT) show, in format-neutral blocks
  (`concept.exports.markdown_blocks`): notes after each section's text and annexes after the
  sections, always in German (the concept's language);
- optionally `drafting(version)`: the HTML a draft's page shows its editors (staff) beside the
  text, e.g. what the Fortschreibung should take up (rendered from its own templates).

Its own files (open data) it registers as document kinds with `concept.issuing`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concept.exports.markdown_blocks import Block
    from concept.models import ConceptVersion

RESERVED_KEYS = frozenset({"format", "format_version", "concept", "version", "sections"})


@dataclass(frozen=True)
class Annex:
    """A titled part of the printed formats after the sections, with an anchor to link to."""

    anchor: str
    title: str
    blocks: list[Block]


@dataclass
class PrintedParts:
    # Blocks shown after a section's text, by section key.
    notes: dict[str, list[Block]] = field(default_factory=dict)
    annexes: list[Annex] = field(default_factory=list)
    # Whether what it adds is example content (the title page then says so).
    is_example: bool = False


@dataclass(frozen=True)
class VersionContributor:
    name: str
    contribute: Callable[[ConceptVersion], dict[str, Any]]
    copy: Callable[[ConceptVersion, ConceptVersion], None]
    reading: Callable[[dict[str, Any], list[dict[str, Any]]], dict[str, str]]
    printed: Callable[[dict[str, Any]], PrintedParts]
    drafting: Callable[[ConceptVersion], str] | None = None


_registry: dict[str, VersionContributor] = {}


def register(
    name: str,
    *,
    contribute: Callable[[ConceptVersion], dict[str, Any]],
    copy: Callable[[ConceptVersion, ConceptVersion], None],
    reading: Callable[[dict[str, Any], list[dict[str, Any]]], dict[str, str]],
    printed: Callable[[dict[str, Any]], PrintedParts],
    drafting: Callable[[ConceptVersion], str] | None = None,
) -> None:
    """Register (or re-register, e.g. after an app reload) a contributor under `name`."""
    _registry[name] = VersionContributor(
        name=name,
        contribute=contribute,
        copy=copy,
        reading=reading,
        printed=printed,
        drafting=drafting,
    )


def contributors() -> list[VersionContributor]:
    return [_registry[name] for name in sorted(_registry)]


def reading_parts(document: dict[str, Any], sections: list[dict[str, Any]]) -> dict[str, list]:
    """Every contributor's HTML beside each section, by section key, in registration order."""
    parts: dict[str, list] = {}
    for contributor in contributors():
        for key, html in contributor.reading(document, sections).items():
            parts.setdefault(key, []).append(html)
    return parts


def drafting_parts(version: ConceptVersion) -> list[str]:
    """Every contributor's HTML for a draft's page, in registration order."""
    return [c.drafting(version) for c in contributors() if c.drafting is not None]


def printed_parts(document: dict[str, Any]) -> PrintedParts:
    """Every contributor's printed parts, merged."""
    merged = PrintedParts()
    for contributor in contributors():
        part = contributor.printed(document)
        for key, blocks in part.notes.items():
            merged.notes.setdefault(key, []).extend(blocks)
        merged.annexes.extend(part.annexes)
        merged.is_example = merged.is_example or part.is_example
    return merged
