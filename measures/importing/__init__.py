"""Import of measures and imap's recommendations from the integration officer's spreadsheet.

The file is the officer's working list, so the import is all-or-nothing: every row is checked,
every problem is reported (row as the spreadsheet shows it, header = row 1, column, German
message), and nothing is written unless the whole file is valid.

Files (at most 5 MB and 5000 data rows each):

- CSV: the project's one dialect, UTF-8 (a BOM is tolerated) with `;` as separator, first row
  headers. Measures and recommendations come as two files.
- XLSX: the sheet „Maßnahmen“ (else the first sheet) holds the measures; a sheet „Empfehlungen“
  in the same workbook holds the recommendations. A separate recommendations file (CSV or XLSX)
  may be given instead, not both.

Measure columns (header names compared case-insensitively):
  Nummer*, Titel*, Arbeitsgruppe*, Zeitraum*, Priorität*, Beschreibung, Ziel, Federführung,
  Partner, Zielgruppen, Empfehlungen  (* required)

- Nummer: a positive integer, unique in the file; measures are created or updated by
  (concept, number).
- Arbeitsgruppe: name or slug of one of the concept's working groups.
- Ziel: code of an existing goal of the concept.
- Federführung / Partner: names of existing organisations; unknown names are errors (we do not
  create organisations from a typo).
- Zielgruppen: names of existing target groups.
- Partner, Zielgruppen, Empfehlungen: several values separated by commas (or semicolons, line
  breaks); a known name that itself contains a comma is still recognised.
- Zeitraum: kurzfristig / mittelfristig / langfristig; Priorität: hoch / mittel / niedrig.
- Empfehlungen: codes (E1, E2) of recommendations that exist in the concept or are imported
  with this file; the measure's recommendations are set to exactly these.
- An optional column that is absent leaves that field of an existing measure unchanged; an
  empty cell in a present column clears it.
- Status / Umsetzungsstand: ignored (reported as a notice): a measure's status changes only
  through a progress update (`measures.services.progress_record`). New measures start as
  „geplant“. Any other unknown column is an error, so a misspelt header loses no data.

Recommendation columns: Kennung*, Titel*, Text* — created or updated by (concept, code). Each
recommendation in the file must end up linked to at least one measure.

The package reads the file(s) (`reading`), maps the header row to the known columns
(`headers`), checks every row against what the concept holds (`lookups`, `validating`) and
writes only a valid file, in one transaction (`writing`, `service`).
"""

from measures.importing.columns import (
    ALLOWED_SUFFIXES,
    MAX_FILE_SIZE,
    MAX_ROWS,
    MEASURES_SHEET,
    RECOMMENDATIONS_SHEET,
)
from measures.importing.results import ImportResult, MeasureImportError, RowError
from measures.importing.service import measures_import

__all__ = [
    "ALLOWED_SUFFIXES",
    "MAX_FILE_SIZE",
    "MAX_ROWS",
    "MEASURES_SHEET",
    "RECOMMENDATIONS_SHEET",
    "ImportResult",
    "MeasureImportError",
    "RowError",
    "measures_import",
]
