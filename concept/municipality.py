"""Who keeps the municipality's name, declared here so that `concept` names no higher app.

Every concept of a deployment belongs to the same municipality. An app above that keeps the
city's own data (its name on every page, its law pages) may take the name over: it registers
a source in its `AppConfig.ready()` and writes the name with
`concept.services.concepts_municipality_set`. The concept admin then shows the name read-only,
so there is one place to edit it. Without a source (the concept on its own) it is edited on
the concept as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MunicipalitySource:
    # The name as the source keeps it now (a new concept starts with it).
    current: Callable[[], str]
    # Where the officer edits it, shown beside the read-only field.
    help_text: str


_sources: list[MunicipalitySource] = []


def municipality_source_register(source: MunicipalitySource) -> None:
    """One source per deployment; registering again replaces it (tests, reloads)."""
    _sources[:] = [source]


def municipality_source() -> MunicipalitySource | None:
    return _sources[0] if _sources else None
