"""Every downloadable form of a version that `concept` renders itself: the concept (PDF, DOCX,
ODT, JSON), the synopsis of its amendments (PDF, DOCX, ODT) and the beschlossene Fassung (PDF,
DOCX, ODT: the same frozen text behind a title page naming the council's decision). Higher apps
register their own documents (open data) with `concept.issuing`, using the formats defined here.

Each renderer reads `version_document(version)` plus `version_meta(version)` (what changes after
freezing: status, dates, Beratungsfolge), so a frozen version exports exactly its snapshot.
The renderers import their libraries lazily: a page that only links to a download pays nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concept.models import ConceptVersion


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    mime_type: str
    extension: str


PDF = ExportFormat("pdf", "PDF", "application/pdf", "pdf")
DOCX = ExportFormat(
    "docx",
    "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)
ODT = ExportFormat("odt", "OpenDocument (ODT)", "application/vnd.oasis.opendocument.text", "odt")
JSON = ExportFormat("json", "JSON", "application/json", "json")
CSV = ExportFormat("csv", "CSV", "text/csv; charset=utf-8", "csv")
XLSX = ExportFormat(
    "xlsx",
    "Excel (XLSX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
)

VERSION_FORMATS: dict[str, ExportFormat] = {f.key: f for f in (PDF, DOCX, ODT, JSON)}
SYNOPSIS_FORMATS: dict[str, ExportFormat] = {f.key: f for f in (PDF, DOCX, ODT)}
RESOLUTION_FORMATS: dict[str, ExportFormat] = {f.key: f for f in (PDF, DOCX, ODT)}


def _check(fmt: str, formats: dict[str, ExportFormat]) -> None:
    if fmt not in formats:
        raise ValueError(f"Unknown export format {fmt!r}; expected one of {sorted(formats)}")


def render_version(version: ConceptVersion, fmt: str) -> bytes:
    """The concept as a document; JSON of a frozen version is its stored snapshot, byte for byte
    (so it hashes to the checksum)."""
    _check(fmt, VERSION_FORMATS)
    if fmt == "json":
        from concept.documents import canonical_json, version_document

        if version.snapshot is not None:
            return version.snapshot.encode("utf-8")
        return canonical_json(version_document(version)).encode("utf-8")
    if fmt == "pdf":
        from concept.exports.pdf import version_pdf

        return version_pdf(version)
    if fmt == "docx":
        from concept.exports.docx import version_docx

        return version_docx(version)
    from concept.exports.odt import version_odt

    return version_odt(version)


def render_synopsis(version: ConceptVersion, fmt: str, *, anonymous: bool = False) -> bytes:
    """The synopsis (Synopse) of the version's amendments, on landscape pages. `anonymous`, as
    an issued file prints it: no person by name, a person only as a member of their working
    group (`Amendment.proposer_anonymous_label`)."""
    _check(fmt, SYNOPSIS_FORMATS)
    from concept.documents import version_document
    from concept.synopsis import issued_synopsis, version_synopsis

    synopsis = issued_synopsis(version) if anonymous else version_synopsis(version)
    # A previous text that quotes a whole section is that section's Markdown.
    bodies = {s["key"]: s["body"] for s in version_document(version)["sections"]}
    if fmt == "pdf":
        from concept.exports.pdf import synopsis_pdf

        return synopsis_pdf(synopsis, bodies)
    if fmt == "docx":
        from concept.exports.docx import synopsis_docx

        return synopsis_docx(synopsis, bodies)
    from concept.exports.odt import synopsis_odt

    return synopsis_odt(synopsis, bodies)


def render_resolution(version: ConceptVersion, fmt: str) -> bytes:
    """The beschlossene Fassung: the version's frozen text with a title page that names the
    deciding body, the day of the decision and the Drucksache."""
    _check(fmt, RESOLUTION_FORMATS)
    from concept.exports.resolution import resolution_facts

    resolution = resolution_facts(version)
    if resolution is None:
        raise ValueError(f"Version {version.number} has no decision of the council")
    if fmt == "pdf":
        from concept.exports.pdf import version_pdf

        return version_pdf(version, resolution=resolution)
    if fmt == "docx":
        from concept.exports.docx import version_docx

        return version_docx(version, resolution=resolution)
    from concept.exports.odt import version_odt

    return version_odt(version, resolution=resolution)
