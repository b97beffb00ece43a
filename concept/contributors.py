"""The registry through which higher apps add their part to a version's document.

`concept` imports no other app; `measures` (and any later app) registers here in its
`AppConfig.ready()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concept.models import ConceptVersion

RESERVED_KEYS = frozenset({"format", "format_version", "concept", "version", "sections"})


@dataclass(frozen=True)
class VersionContributor:
    name: str
    # Its part of the document: top-level keys that no other contributor uses.
    contribute: Callable[[ConceptVersion], dict[str, Any]]
    # What it carries over when the next version is created from `old`.
    copy: Callable[[ConceptVersion, ConceptVersion], None]


_registry: dict[str, VersionContributor] = {}


def register(
    name: str,
    *,
    contribute: Callable[[ConceptVersion], dict[str, Any]],
    copy: Callable[[ConceptVersion, ConceptVersion], None],
) -> None:
    """Register (or re-register, e.g. after an app reload) a contributor under `name`."""
    _registry[name] = VersionContributor(name=name, contribute=contribute, copy=copy)


def contributors() -> list[VersionContributor]:
    return [_registry[name] for name in sorted(_registry)]
