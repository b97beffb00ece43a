"""Loads what is known of Minden's process and, on request, clearly labelled example content.

The facts come from the Mindener Rundschau of 7 April 2011 (`../shared/seeds/`). What the report
does not say (exact dates, session places, participants per group, committees, measure texts)
is left empty or stated as unknown, never invented. Every row is keyed on a natural key, so
loading twice leaves the same rows; fields whose value is unknown are set only when the row is
created, so what the officer enters later is not overwritten.

The facts are in `facts`, the example content in `demo` (its tables in `demo_data`), the counts
and the completeness check in `checks`; this module runs them as one load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from concept.derived import sections_derive
from concept.models import Concept, Section
from measures.models import Measure
from measures.search_index import measures_search_refresh, search_index_deferred
from minden_integration.loader.checks import (
    counted_models,
    demo_data_problems,
    row_counts,
    visible_counts,
)
from minden_integration.loader.demo import demo_guard, minden_demo_load
from minden_integration.loader.facts import SESSION_DATE_TEXT, concept_load, facts_load
from minden_integration.roles import roles_ensure
from minden_integration.site.pages import pages_ensure
from minden_integration.site.services import city_municipality_sync

# What the commands and the tests use from here.
__all__ = [
    "SESSION_DATE_TEXT",
    "LoadReport",
    "counted_models",
    "demo_data_problems",
    "minden_demo_load",
    "minden_load",
    "row_counts",
]


@dataclass
class LoadReport:
    concept: Concept | None
    demo: bool = False
    skipped: bool = False
    demo_versions_created: bool = False
    counts: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def minden_load(
    *, demo: bool = False, if_empty: bool = False, now: dt.datetime | None = None
) -> LoadReport:
    """Load the facts, and with `demo` the example content; with `if_empty` only into a
    database without any concept."""
    if if_empty and Concept.objects.exists():
        return LoadReport(concept=None, demo=demo, skipped=True)
    now = now or timezone.now()
    roles_ensure()
    pages_ensure()
    concept = concept_load()
    # The city's settings are the one source of the municipality's name (Einstellungen der
    # Kommune); a later load does not undo a name the officer entered there.
    city_municipality_sync()
    concept.refresh_from_db(fields=["municipality"])
    if demo:
        demo_guard(concept=concept)
    facts_load(concept=concept)
    report = LoadReport(concept=concept, demo=demo)
    with search_index_deferred():
        if demo:
            report.demo_versions_created = minden_demo_load(concept=concept, now=now)
        # One full refresh instead of one per row, and whatever an older load left is found.
        measures_search_refresh(measures=Measure.objects.filter(concept=concept))
        sections_derive(Section.objects.filter(version__concept=concept))
    report.counts = visible_counts()
    return report
