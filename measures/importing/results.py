"""What an import reports: every problem placed by sheet, row and column, or what it wrote."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from measures.importing.columns import MEASURES_SHEET


@dataclass(frozen=True)
class RowError:
    """One problem, placed as the spreadsheet shows it: header = row 1."""

    row: int | None
    column: str
    message: str
    sheet: str = MEASURES_SHEET

    def __str__(self) -> str:
        parts = []
        if self.sheet != MEASURES_SHEET:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(_("Zeile %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("Spalte „%(column)s“") % {"column": self.column})
        if not parts:
            return self.message
        return f"{', '.join(parts)}: {self.message}"


class MeasureImportError(ValidationError):
    """Every problem found in the file(s); nothing has been written."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__([str(error) for error in errors])


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    recommendations_created: int = 0
    recommendations_updated: int = 0
    ignored_columns: tuple[str, ...] = ()

    def summary(self) -> str:
        return _(
            "Import abgeschlossen. Maßnahmen: %(created)s neu, %(updated)s aktualisiert. "
            "Handlungsempfehlungen: %(rec_created)s neu, %(rec_updated)s aktualisiert."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "rec_created": self.recommendations_created,
            "rec_updated": self.recommendations_updated,
        }

    @property
    def notices(self) -> list[str]:
        return [
            _(
                "Die Spalte „%(column)s“ wurde nicht importiert: der Umsetzungsstand ändert "
                "sich nur über Fortschrittsmeldungen."
            )
            % {"column": column}
            for column in self.ignored_columns
        ]
