"""The sections' search data (`SectionSearchEntry`): written here, searched here.

Written when a section is (`concept.services.sections`, `draft_from`), by the loader and by
``manage.py rebuild_search_index``; and on every search of a version, the rows missing or older
than their section are written first (`sections_search_fill`: one cheap query when nothing is
missing). So rows made with ``bulk_create`` (the demo loader, the benchmark's scaling) or
changed with ``QuerySet.update`` are found too, at the latest on the next search.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import F, Q, QuerySet

from concept.models import ConceptVersion, Section, SectionSearchEntry
from minden_integration.core.fulltext import CONFIG, fulltext_search
from minden_integration.core.text import markdown_to_text

# bm25 weights of the FTS5 columns on SQLite, in the order of ts_rank's A, B, C.
FTS_WEIGHTS = (10.0, 4.0, 2.0)  # title, body, easy_language_summary
VECTOR_SQL = " || ".join(
    f"setweight(to_tsvector('{CONFIG}'::regconfig, {column}), '{weight}')"
    for weight, column in (("A", "title"), ("B", "body"), ("C", "easy_language_summary"))
)
BATCH_SIZE = 500


def sections_search_refresh(sections: QuerySet[Section]) -> int:
    """Write the search data of `sections` anew; returns how many were written."""
    rows = list(
        sections.order_by("pk").values_list(
            "pk", "updated_at", "title", "body", "easy_language_summary"
        )
    )
    using = sections.db
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        SectionSearchEntry.objects.using(using).bulk_create(
            [
                SectionSearchEntry(
                    section_id=pk,
                    source_updated_at=updated_at,
                    title=title,
                    body=markdown_to_text(body),
                    easy_language_summary=markdown_to_text(summary),
                )
                for pk, updated_at, title, body, summary in batch
            ],
            update_conflicts=True,
            unique_fields=["section"],
            update_fields=["source_updated_at", "title", "body", "easy_language_summary"],
        )
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {SectionSearchEntry._meta.db_table} "
                    f"SET search_vector = {VECTOR_SQL} WHERE section_id = ANY(%s)",
                    [[pk for pk, *_rest in batch]],
                )
    return len(rows)


def sections_search_fill(version: ConceptVersion) -> int:
    """Write the search data of the version's sections that have none, or older data than
    the section; returns how many were written (one query when none)."""
    stale = (
        Section.objects.using(version._state.db or "default")
        .filter(version=version)
        .order_by()
        .annotate(indexed_at=F("search_entry__source_updated_at"))
        .filter(Q(indexed_at__isnull=True) | ~Q(indexed_at=F("updated_at")))
    )
    pks = list(stale.values_list("pk", flat=True))
    if not pks:
        return 0
    return sections_search_refresh(Section.objects.using(stale.db).filter(pk__in=pks))


def section_search(version: ConceptVersion, query: str | None) -> tuple[QuerySet, list[str]]:
    """The search data of the version's sections matching `query` (with their section),
    annotated with ``search_rank``; see `core.fulltext`."""
    sections_search_fill(version)
    entries = SectionSearchEntry.objects.filter(section__version=version).select_related("section")
    return fulltext_search(entries, query, vector="search_vector", fts_weights=FTS_WEIGHTS)
