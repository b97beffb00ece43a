"""Files the city issues: what a download serves, when it is stored once, and the lookup behind
the authenticity check (`/echtheit/`).

A document that can never change again is generated once, stored and recorded as an
`IssuedFile` (with its SHA-256 and SHA-512), and served from storage ever after. Everything else
is rendered on demand and recorded nowhere. `issuable()` is the one place that decides which is
which; the download views, the export command and the download links all ask it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from concept.exports import (
    SYNOPSIS_FORMATS,
    VERSION_FORMATS,
    ExportFormat,
    render_synopsis,
    render_version,
)
from concept.models import (
    AmendmentStatus,
    Concept,
    ConceptVersion,
    IssuedDocument,
    IssuedFile,
)
from concept.selectors import public_amendments


@dataclass(frozen=True)
class DocumentKind:
    """A document of a version that the register of issued files knows. `concept` registers
    the concept itself and the synopsis; higher apps register their own (open data)."""

    # Stored with every issued file: never change it once files are issued.
    key: str
    label: str
    formats: dict[str, ExportFormat]
    render: Callable[[ConceptVersion, str], bytes]
    # The part of a download's file name that names the document (the concept itself has none).
    filename_suffix: str = ""


_kinds: dict[str, DocumentKind] = {}


def document_register(kind: DocumentKind) -> None:
    _kinds[kind.key] = kind


def document_kind(key: str) -> DocumentKind:
    """ValueError for a document nobody registered."""
    try:
        return _kinds[key]
    except KeyError:
        raise ValueError(f"No document {key!r} is registered") from None


def document_keys() -> list[str]:
    return list(_kinds)


def document_formats() -> list[tuple[str, str]]:
    """Every (document, format) pair there is."""
    return [(kind.key, fmt) for kind in _kinds.values() for fmt in kind.formats]


def document_for_format(fmt: str) -> str:
    """The document a format alone names: the concept itself if it has the format, else the
    first registered document that has it (csv: the open data)."""
    found = [kind.key for kind in _kinds.values() if fmt in kind.formats]
    return found[0] if found else IssuedDocument.VERSION


def document_label(key: str) -> str:
    """The document's name for people; a key nobody registers any more shows as it is."""
    return str(_kinds[key].label) if key in _kinds else key


document_register(
    DocumentKind(
        key=IssuedDocument.VERSION,
        label=IssuedDocument.VERSION.label,
        formats=VERSION_FORMATS,
        render=render_version,
    )
)
document_register(
    DocumentKind(
        key=IssuedDocument.SYNOPSIS,
        label=IssuedDocument.SYNOPSIS.label,
        formats=SYNOPSIS_FORMATS,
        render=render_synopsis,
        filename_suffix="-synopse",
    )
)

# What serving a stored file needs.
ISSUED_FIELDS = ("version", "document", "format", "file", "mime_type", "size", "sha256")
SHA256_LENGTH = 64
SHA512_LENGTH = 128
PREFIX_MIN_LENGTH = 12
LOOKUP_LIMIT = 20


def export_format(document: str, key: str) -> ExportFormat:
    """The format `key` of `document`; ValueError for a document or format that does not exist."""
    try:
        return document_kind(document).formats[key]
    except KeyError:
        raise ValueError(f"No format {key!r} for document {document!r}") from None


def download_filename(version: ConceptVersion, document: str, fmt: ExportFormat) -> str:
    """e.g. `minden-v3.pdf`, `minden-v3-synopse.pdf`, `minden-v3-massnahmen.csv`."""
    suffix = document_kind(document).filename_suffix
    return f"{version.concept.slug}-v{version.number}{suffix}.{fmt.extension}"


def _storage_name(version: ConceptVersion, document: str, fmt: ExportFormat) -> str:
    return f"issued/{version.concept.slug}-v{version.number}-{document}.{fmt.extension}"


# --- which documents are issued ---------------------------------------------------------------


def issuable(version: ConceptVersion, document: str) -> bool:
    """Whether the document's files are generated once and stored, rather than on demand.

    Only a frozen version's documents are issued. Its text and what the contributors added
    come from the snapshot and never change again (the status and Beratungsfolge printed with
    them are those of the day the file was first requested). Its synopsis changes until every
    public amendment is decided (a decision may follow the freezing); and while any amendment
    shows its proposer's name it stays on demand for good (withdrawn proposals are not shown),
    because withdrawing consent must remove that name everywhere, which a stored file could not.
    """
    if not version.is_frozen:
        return False
    if document == IssuedDocument.SYNOPSIS:
        amendments = public_amendments(version)
        named = amendments.exclude(status=AmendmentStatus.WITHDRAWN).exclude(author_name="")
        return not (amendments.undecided().exists() or named.exists())
    return document in _kinds


def issued_file_get(
    concept: Concept | None, number: int, document: str, fmt: str
) -> IssuedFile | None:
    """The recorded file of version `number`, if any, in one light query: a download's fast path
    (issued files belong to frozen versions, which are public)."""
    if concept is None:
        return None
    found = list(
        IssuedFile.objects.filter(
            version__concept=concept, version__number=number, document=document, format=fmt
        )
        .select_related("version")
        .only(*ISSUED_FIELDS, "version__number", "version__concept_id")
        .order_by()[:1]
    )
    if not found:
        return None
    found[0].version.concept = concept
    return found[0]


def _recorded(version: ConceptVersion, document: str, key: str) -> IssuedFile | None:
    return (
        IssuedFile.objects.filter(version=version, document=document, format=key)
        .select_related("version__concept")
        .defer("version__snapshot")
        .first()
    )


def issued_file(version: ConceptVersion, document: str, fmt: str) -> IssuedFile:
    """The stored file of an issuable document: recorded once, at the first request.

    The first request renders, stores and records the file in one durable transaction that holds
    the version's row: a parallel first request waits, then finds the record instead of
    rendering again. A stored file whose record does not commit is deleted again. Durable, so no
    caller's transaction can roll the record back after the file is written.
    """
    found = _recorded(version, document, fmt)
    if found is not None:
        return found
    export = export_format(document, fmt)
    if not issuable(version, document):
        raise ValidationError(
            _(
                "Dieses Dokument der Version %(number)s wird nicht ausgestellt, sondern bei jedem "
                "Abruf neu erzeugt."
            )
            % {"number": version.number}
        )
    storage = IssuedFile._meta.get_field("file").storage
    name = None
    try:
        with transaction.atomic(durable=True):
            ConceptVersion.objects.select_for_update().only("pk").get(pk=version.pk)
            found = _recorded(version, document, fmt)
            if found is not None:
                return found
            content = document_kind(document).render(version, export.key)
            name = storage.save(_storage_name(version, document, export), ContentFile(content))
            record = IssuedFile.objects.create(
                version=version,
                document=document,
                format=export.key,
                file=name,
                mime_type=export.mime_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                sha512=hashlib.sha512(content).hexdigest(),
            )
    except IntegrityError:
        # Without row locks (SQLite) a parallel first request may win the race: use its record.
        if name:
            storage.delete(name)
        found = _recorded(version, document, fmt)
        if found is None:
            raise
        return found
    except BaseException:
        if name:
            storage.delete(name)
        raise
    record.version = version
    return record


# --- what a download serves -------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    """One document of a version in one format: the stored file if issued, else fresh bytes."""

    version: ConceptVersion
    document: str
    format: ExportFormat
    issued: IssuedFile | None = None
    content: bytes | None = None

    @property
    def filename(self) -> str:
        return download_filename(self.version, self.document, self.format)

    def read(self) -> bytes:
        if self.issued is None:
            return self.content
        with self.issued.file.open("rb") as stored:
            return stored.read()


def export_get(version: ConceptVersion, document: str, fmt: str) -> Export:
    """What a download of `document` in format `fmt` serves (ValueError for an unknown format).

    An issuable document is served from its stored file (issued at the first request), never
    rendered again; any other is rendered now and not recorded.
    """
    export = export_format(document, fmt)
    if issuable(version, document):
        return Export(version, document, export, issued=issued_file(version, document, fmt))
    content = document_kind(document).render(version, export.key)
    return Export(version, document, export, content=content)


@dataclass(frozen=True)
class Download:
    """A download link as the pages show it; the size only where a stored file has one."""

    format: ExportFormat
    url: str
    size: int | None = None


def _downloads(
    version: ConceptVersion, document: str, formats: dict[str, ExportFormat], url_name: str
) -> list[Download]:
    # Only a frozen version has issued files; a live one needs no query.
    issued = IssuedFile.objects.filter(version=version, document=document)
    sizes = dict(issued.values_list("format", "size")) if version.is_frozen else {}
    return [
        Download(format=fmt, url=reverse(url_name, args=[version.number, key]), size=sizes.get(key))
        for key, fmt in formats.items()
    ]


def version_downloads(version: ConceptVersion) -> list[Download]:
    """The links to a version's documents in every format, with the size of those issued."""
    return _downloads(version, IssuedDocument.VERSION, VERSION_FORMATS, "exports:version-download")


def synopsis_downloads(version: ConceptVersion) -> list[Download]:
    return _downloads(
        version, IssuedDocument.SYNOPSIS, SYNOPSIS_FORMATS, "exports:synopsis-download"
    )


# --- the authenticity check -------------------------------------------------------------------


@dataclass
class Lookup:
    """What the authenticity check found: issued files with this hash (or hash prefix), and
    frozen versions whose checksum it is (or begins with: the prefix printed in a footer)."""

    files: list[IssuedFile] = field(default_factory=list)
    versions: list[ConceptVersion] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.files or self.versions)


def issued_file_lookup(
    *, sha256: str | None = None, sha512: str | None = None, prefix: str | None = None
) -> Lookup:
    """Find issued files and frozen versions by a full SHA-256 (and SHA-512, for an upload whose
    both hashes are known), by a SHA-512 alone, or by a prefix of at least 12 hex characters.

    A prefix matches a version's checksum (the footer of every document prints its first 12
    characters) and the SHA-256 of issued files alike.
    """
    files = IssuedFile.objects.select_related("version__concept").defer("version__snapshot")
    versions = (
        ConceptVersion.objects.frozen()
        .select_related("concept")
        .defer("snapshot")
        .prefetch_related("issued_files")
        .order_by("concept", "-number")
    )
    if sha256:
        sha256 = sha256.lower()
        files = files.filter(sha256=sha256)
        if sha512:
            files = files.filter(sha512=sha512.lower())
        versions = versions.filter(checksum=sha256)
    elif sha512:
        files = files.filter(sha512=sha512.lower())
        versions = versions.none()
    elif prefix and len(prefix) >= PREFIX_MIN_LENGTH:
        prefix = prefix.lower()
        files = files.filter(sha256__startswith=prefix)
        versions = versions.filter(checksum__startswith=prefix)
    else:
        return Lookup()
    return Lookup(files=list(files[:LOOKUP_LIMIT]), versions=list(versions[:LOOKUP_LIMIT]))


def checksum_lookup(value: str) -> Lookup:
    """A checksum as someone typed it (validated hex): whole SHA-256, whole SHA-512, or prefix."""
    if len(value) == SHA256_LENGTH:
        return issued_file_lookup(sha256=value)
    if len(value) == SHA512_LENGTH:
        return issued_file_lookup(sha512=value)
    return issued_file_lookup(prefix=value)
