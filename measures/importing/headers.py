"""The header row mapped to the known columns: spelling and case forgiven, an unknown, doubled or
missing column reported, so that a misspelt header loses no data."""

from __future__ import annotations

from django.utils.translation import gettext as _

from measures.importing.reading import Table
from measures.importing.results import RowError


def _header_key(value: str) -> str:
    return " ".join(value.replace("\ufeff", "").split()).casefold()


def check_headers(
    table: Table, *, known: tuple[str, ...], required: tuple[str, ...], ignored: tuple[str, ...]
) -> tuple[list[RowError], list[str]]:
    """Rename headers to their canonical spelling; errors for unknown, doubled and missing ones."""
    canonical = {_header_key(name): name for name in (*known, *ignored)}
    errors: list[RowError] = []
    seen: set[str] = set()
    renamed: dict[str, str] = {}
    skipped: list[str] = []
    for header in table.headers:
        if not header:
            continue
        name = canonical.get(_header_key(header))
        if name is None:
            errors.append(
                RowError(
                    1,
                    header,
                    _("Unbekannte Spalte. Möglich sind: %(columns)s.")
                    % {"columns": ", ".join(known)},
                    table.sheet,
                )
            )
        elif name in seen:
            errors.append(RowError(1, header, _("Die Spalte kommt mehrfach vor."), table.sheet))
        else:
            seen.add(name)
            renamed[header] = name
            if name in ignored:
                skipped.append(name)
    errors.extend(
        RowError(1, name, _("Die Pflichtspalte fehlt."), table.sheet)
        for name in required
        if name not in seen
    )
    errors.extend(
        RowError(
            row,
            "",
            _(
                "Die Zeile enthält Werte in einer Spalte ohne Überschrift (bei CSV: steht ein "
                "Semikolon ohne Anführungszeichen im Text?)."
            ),
            table.sheet,
        )
        for row in table.stray_rows
    )
    for record in table.records:
        record.values = {
            renamed[h]: v for h, v in record.values.items() if h in renamed and renamed[h] in known
        }
    table.headers = [renamed.get(h, h) for h in table.headers]
    return errors, skipped
