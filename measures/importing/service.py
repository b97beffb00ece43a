"""The import as one service: read, check everything, and write only a file without problems,
all in one transaction."""

from __future__ import annotations

import logging
from typing import IO

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from concept.models import Concept
from measures.importing.columns import (
    CODE,
    MEASURE_COLUMNS,
    MEASURE_IGNORED,
    MEASURE_REQUIRED,
    RECOMMENDATION_COLUMNS,
)
from measures.importing.headers import check_headers
from measures.importing.lookups import Lookups, match_key
from measures.importing.reading import UNREADABLE, Table, read_tables
from measures.importing.results import ImportResult, MeasureImportError, RowError
from measures.importing.validating import (
    MeasureRow,
    RecommendationRow,
    check_links,
    check_measures,
    check_recommendations,
)
from measures.importing.writing import measures_write, recommendations_write
from measures.search_index import search_index_deferred

# The package's logger, as before the import was split into modules.
logger = logging.getLogger(__package__)


@transaction.atomic
def measures_import(
    *,
    concept: Concept,
    file: IO[bytes],
    filename: str,
    recommendations_file: IO[bytes] | None = None,
    recommendations_filename: str = "",
    by: AbstractBaseUser | None = None,
) -> ImportResult:
    """Create or update the measures (by number) and recommendations (by code) of a concept.

    Raises MeasureImportError with every problem found; then nothing has been written.
    """
    measures_table, recommendations_table, errors = read_tables(
        file, filename, recommendations_file, recommendations_filename
    )
    measures_table, recommendations_table, ignored = _headers_checked(
        measures_table, recommendations_table, errors
    )
    if measures_table is None:
        raise MeasureImportError(errors)

    # One import per concept at a time; existing measures are locked until we are done.
    list(Concept.objects.select_for_update(no_key=True).filter(pk=concept.pk).values_list("pk"))
    lookups = Lookups(concept)
    measure_rows, recommendation_rows = _rows_checked(
        measures_table, recommendations_table, lookups, errors
    )
    if errors:
        raise MeasureImportError(errors)

    # The measures these writes touch get their search data refreshed once, at the end.
    with search_index_deferred():
        recommendations, rec_created, rec_updated = recommendations_write(
            concept=concept, rows=recommendation_rows, existing=lookups.recommendations
        )
        created, updated = measures_write(
            concept=concept,
            rows=measure_rows,
            existing=lookups.measures,
            recommendations=recommendations,
        )

    result = ImportResult(
        created=created,
        updated=updated,
        recommendations_created=rec_created,
        recommendations_updated=rec_updated,
        ignored_columns=tuple(ignored),
    )
    logger.info(
        "measures imported into %s by %s: %s",
        concept.slug,
        getattr(by, "pk", None),
        result,
    )
    return result


def _headers_checked(
    measures_table: Table | None, recommendations_table: Table | None, errors: list[RowError]
) -> tuple[Table | None, Table | None, list[str]]:
    """The tables whose headers are usable, and the ignored measure columns; the header problems
    are added to `errors`. A table with header problems gets no row checks: its columns cannot
    be trusted."""
    ignored: list[str] = []
    if measures_table is not None:
        header_errors, ignored = check_headers(
            measures_table,
            known=MEASURE_COLUMNS,
            required=MEASURE_REQUIRED,
            ignored=MEASURE_IGNORED,
        )
        errors.extend(header_errors)
        if header_errors:
            measures_table = None
    if recommendations_table is not None and recommendations_table is not UNREADABLE:
        header_errors, _ignored = check_headers(
            recommendations_table,
            known=RECOMMENDATION_COLUMNS,
            required=RECOMMENDATION_COLUMNS,
            ignored=(),
        )
        errors.extend(header_errors)
        if header_errors:
            recommendations_table = UNREADABLE
    return measures_table, recommendations_table, ignored


def _rows_checked(
    measures_table: Table,
    recommendations_table: Table | None,
    lookups: Lookups,
    errors: list[RowError],
) -> tuple[list[MeasureRow], list[RecommendationRow]]:
    """The valid rows of both tables; the problems of the others are added to `errors`."""
    recommendation_rows: list[RecommendationRow] = []
    known_codes: set[str] | None = None
    if recommendations_table is None:
        known_codes = set(lookups.recommendations)
    elif recommendations_table is not UNREADABLE:
        recommendation_rows, row_errors = check_recommendations(recommendations_table)
        errors.extend(row_errors)
        # A code whose row has errors of its own is not reported a second time as unknown.
        known_codes = set(lookups.recommendations) | {
            match_key(record.values[CODE])
            for record in recommendations_table.records
            if record.values.get(CODE)
        }
    measure_rows, row_errors = check_measures(measures_table, lookups, known_codes)
    errors.extend(row_errors)
    if recommendation_rows:
        errors.extend(
            check_links(measure_rows, recommendation_rows, lookups, recommendations_table.sheet)
        )
    return measure_rows, recommendation_rows
