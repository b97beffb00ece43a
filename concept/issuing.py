"""Files the city issues: which documents of a version are issued, what a download serves, and
the lookup behind the authenticity check (`/echtheit/`).

Issuing is a step, not a side effect: presenting a version and the council's decision issue
their files (`concept.issuing_jobs`, a background task), each generated once, stored and
recorded as an `IssuedFile` with its SHA-256 and SHA-512. A download of an issued document only
ever serves the stored file, or says that it is still being made; it never renders or writes
one. Everything else is rendered on demand and recorded nowhere: for a download by the task
worker, once per content generation (`concept.live_files`), for the export command at once.
`issuable()` is the one place that decides which is which; the download views, the export
command, the download links and the issuing task all ask it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext

from concept import live_files
from concept.beratungsfolge import deciding_consultation
from concept.exports import (
    RESOLUTION_FORMATS,
    SYNOPSIS_FORMATS,
    VERSION_FORMATS,
    ExportFormat,
    render_resolution,
    render_synopsis,
    render_version,
)
from concept.exports.resolution import APPROVING_RESULTS
from concept.models import (
    AmendmentStatus,
    Concept,
    ConceptVersion,
    IssuedDocument,
    IssuedFile,
    RenderedFile,
    VersionStatus,
)
from concept.selectors import public_amendments

# The occasions on which files are issued: presenting a version to the bodies, and the
# council's decision (or fixing the beschlossene Fassung of a decision with changes).
PRESENTATION = "presentation"
RESOLUTION = "resolution"


def _frozen(version: ConceptVersion) -> bool:
    return version.is_frozen


@dataclass(frozen=True)
class DocumentKind:
    """A document of a version that the register of issued files knows. `concept` registers
    the concept itself, the synopsis and the beschlossene Fassung; higher apps register their
    own (open data)."""

    # Stored with every issued file: never change it once files are issued.
    key: str
    label: str
    formats: dict[str, ExportFormat]
    render: Callable[[ConceptVersion, str], bytes]
    # The part of a download's file name that names the document (the concept itself has none).
    filename_suffix: str = ""
    # Whether the version's document is issued (stored once) rather than rendered on demand.
    issued_for: Callable[[ConceptVersion], bool] = _frozen
    # The occasion that issues it.
    occasion: str = PRESENTATION
    # How an issued file is rendered, where that differs from a download on demand.
    issue_render: Callable[[ConceptVersion, str], bytes] | None = None
    # Whether a version that does not issue it renders it on demand (else there is none).
    on_demand: bool = True

    def render_for_issue(self, version: ConceptVersion, fmt: str) -> bytes:
        return (self.issue_render or self.render)(version, fmt)


class DocumentMissing(LookupError):
    """The version has no such document (a beschlossene Fassung of a version not decided)."""


_kinds: dict[str, DocumentKind] = {}


def document_register(kind: DocumentKind) -> None:
    _kinds[kind.key] = kind


def document_kind(key: str) -> DocumentKind:
    """ValueError for a document nobody registered."""
    try:
        return _kinds[key]
    except KeyError:
        raise ValueError(f"No document {key!r} is registered") from None


def document_kinds() -> list[DocumentKind]:
    return list(_kinds.values())


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


# A published translation of a frozen version is issued as `translation-<language code>`
# (`concept.services.translation_issuing`): a document of its own, not a registered kind.
TRANSLATION_PREFIX = "translation-"


def document_label(key: str) -> str:
    """The document's name for people; a key nobody registers any more shows as it is."""
    if key.startswith(TRANSLATION_PREFIX):
        return gettext("Nichtamtliche Übersetzung (%(language)s)") % {
            "language": key.removeprefix(TRANSLATION_PREFIX)
        }
    return str(_kinds[key].label) if key in _kinds else key


# --- which documents are issued ---------------------------------------------------------------


def _presented_successor(version: ConceptVersion) -> bool:
    """Whether a version drafted from this one (`beratungsfolge.predecessor`) is frozen: presented
    to the bodies, or fixed as the beschlossene Fassung."""
    drafted = Q(resolution_of=version) | Q(number=version.number + 1, resolution_of__isnull=True)
    return ConceptVersion.objects.frozen().filter(drafted, concept_id=version.concept_id).exists()


def synopsis_issued(version: ConceptVersion) -> bool:
    """A synopsis is issued once it is an Anlage of a presented version: the synopsis of the
    presented version itself, or of the version it was drafted from. Presenting is refused
    while any of those amendments is undecided, so an issued synopsis never changes; a version
    with no proposal in the record has no synopsis to issue (it is rendered on demand)."""
    amendments = public_amendments(version).exclude(status=AmendmentStatus.WITHDRAWN)
    if not amendments.exists() or amendments.undecided().exists():
        return False
    return version.is_frozen or _presented_successor(version)


def resolution_issued(version: ConceptVersion) -> bool:
    """A beschlossene Fassung exists for a version the council approved (also once superseded),
    or fixed as the text of its decision with changes."""
    if not version.is_frozen or version.status not in (
        VersionStatus.APPROVED,
        VersionStatus.SUPERSEDED,
    ):
        return False
    decided = deciding_consultation(version)
    return decided is not None and decided.result in APPROVING_RESULTS


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
        issued_for=synopsis_issued,
        # Issued files never change and consent to be named can be withdrawn: an issued
        # synopsis names the proposer's working group or organisation, never the person.
        issue_render=lambda version, fmt: render_synopsis(version, fmt, anonymous=True),
    )
)
document_register(
    DocumentKind(
        key=IssuedDocument.RESOLUTION,
        label=IssuedDocument.RESOLUTION.label,
        formats=RESOLUTION_FORMATS,
        render=render_resolution,
        filename_suffix="-beschlossene-fassung",
        issued_for=resolution_issued,
        occasion=RESOLUTION,
        on_demand=False,
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


def storage_name(version: ConceptVersion, document: str, fmt: ExportFormat) -> str:
    return f"issued/{version.concept.slug}-v{version.number}-{document}.{fmt.extension}"


def issuable(version: ConceptVersion, document: str) -> bool:
    """Whether the version's document is issued (generated once by the issuing task, stored,
    recorded) rather than rendered on demand.

    A frozen version's documents are issued when it is presented; they come from its snapshot
    and print the status and Beratungsfolge of the day of presentation. A synopsis is issued
    with the presentation it belongs to (`synopsis_issued`), the beschlossene Fassung with the
    council's decision (`resolution_issued`). A download of an issued document serves the
    stored file or says that it is being made; it never renders one.
    """
    kind = _kinds.get(document)
    return kind is not None and kind.issued_for(version)


def issued_file_get(
    concept: Concept | None, number: int, document: str, fmt: str
) -> IssuedFile | None:
    """The recorded file of version `number`, if any, in one light query: a download's fast path
    (issued files belong to versions the public can see)."""
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


def recorded(version: ConceptVersion, document: str, key: str) -> IssuedFile | None:
    """The register's row of the version's document in format `key`, if it was issued."""
    return (
        IssuedFile.objects.filter(version=version, document=document, format=key)
        .select_related("version__concept")
        .defer("version__snapshot")
        .first()
    )


# --- what a download serves -------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    """One document of a version in one format: the stored file if issued, the file the task
    worker rendered for the current generation (`rendered`) or fresh bytes (`content`) if
    rendered on demand; none of them while the file is still being made (`pending`)."""

    version: ConceptVersion
    document: str
    format: ExportFormat
    issued: IssuedFile | None = None
    content: bytes | None = None
    rendered: RenderedFile | None = None
    # Whether the document is rendered on demand (its file is made, not issued).
    live: bool = False

    @property
    def filename(self) -> str:
        return download_filename(self.version, self.document, self.format)

    @property
    def stored(self) -> IssuedFile | RenderedFile | None:
        return self.issued or self.rendered

    @property
    def pending(self) -> bool:
        return self.stored is None and self.content is None

    def read(self) -> bytes:
        if self.stored is None:
            if self.content is None:
                raise LookupError(f"{self.filename} is not made yet")
            return self.content
        with self.stored.file.open("rb") as stored:
            return stored.read()


def export_get(version: ConceptVersion, document: str, fmt: str, *, now: bool = False) -> Export:
    """What a download of `document` in format `fmt` serves (ValueError for an unknown format,
    `DocumentMissing` for a document the version does not have).

    An issued document is served from its stored file, or is pending until the issuing task
    has stored it: never rendered here. Any other is the task worker's rendering for the
    current generation, pending until it is stored (`concept.live_files`); with `now` (the
    export command) it is rendered at once instead. Neither is recorded.
    """
    export = export_format(document, fmt)
    if issuable(version, document):
        return Export(version, document, export, issued=recorded(version, document, fmt))
    kind = document_kind(document)
    if not kind.on_demand:
        raise DocumentMissing(f"Version {version.number} has no document {document!r}")
    if now:
        content = kind.render(version, export.key)
        return Export(version, document, export, content=content, live=True)
    live = live_files.live_file_get(version, document, export.key)
    return Export(
        version, document, export, rendered=live.rendered, content=live.content, live=True
    )


@dataclass(frozen=True)
class Download:
    """A download link as the pages show it: the size where a stored file has one; `pending`
    while an issued file is still being made (the page says so instead of linking)."""

    format: ExportFormat
    url: str
    size: int | None = None
    pending: bool = False


def _downloads(
    version: ConceptVersion, document: str, url_name: str, *, issued: bool | None = None
) -> list[Download]:
    formats = document_kind(document).formats
    if issued is None:
        issued = issuable(version, document)
    sizes = (
        dict(
            IssuedFile.objects.filter(version=version, document=document).values_list(
                "format", "size"
            )
        )
        if issued
        else {}
    )
    return [
        Download(
            format=fmt,
            url=reverse(url_name, args=[version.number, key]),
            size=sizes.get(key),
            pending=issued and key not in sizes,
        )
        for key, fmt in formats.items()
    ]


def version_downloads(version: ConceptVersion) -> list[Download]:
    """The links to a version's documents in every format, with the size of those issued."""
    return _downloads(version, IssuedDocument.VERSION, "exports:version-download")


def synopsis_downloads(version: ConceptVersion) -> list[Download]:
    return _downloads(version, IssuedDocument.SYNOPSIS, "exports:synopsis-download")


def resolution_downloads(version: ConceptVersion) -> list[Download]:
    """The beschlossene Fassung's files, for a version the council approved; else none."""
    if not issuable(version, IssuedDocument.RESOLUTION):
        return []
    return _downloads(
        version, IssuedDocument.RESOLUTION, "exports:resolution-download", issued=True
    )


# --- the authenticity check -------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedElsewhere:
    """A file a higher app issued and records in a register of its own (files that belong to
    no version), as the authenticity check shows it; `concept` shows it without knowing what
    it is. `superseded_by` names a newer edition that replaces it (the file stays valid)."""

    title: str
    format: str
    size: int
    sha256: str
    sha512: str
    issued_at: dt.datetime
    municipality: str
    download_url: str
    page_url: str
    superseded_by: str = ""
    superseded_url: str = ""


# (sha256, sha512, prefix) -> the matching files of a higher app's register. One of the three
# is given (an upload gives sha256 and sha512 together); the others are None.
ElsewhereFinder = Callable[[str | None, str | None, str | None], list[IssuedElsewhere]]
_elsewhere: list[ElsewhereFinder] = []


def issued_elsewhere_register(finder: ElsewhereFinder) -> None:
    """A higher app's register of issued files joins the authenticity check (`AppConfig.ready`)."""
    if finder not in _elsewhere:
        _elsewhere.append(finder)


@dataclass
class Lookup:
    """What the authenticity check found: issued files with this hash (or hash prefix), and
    frozen versions whose checksum it is (or begins with: the prefix printed in a footer), and
    files of the registers higher apps keep (`issued_elsewhere_register`)."""

    files: list[IssuedFile] = field(default_factory=list)
    versions: list[ConceptVersion] = field(default_factory=list)
    elsewhere: list[IssuedElsewhere] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.files or self.versions or self.elsewhere)


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
    elsewhere = [found for finder in _elsewhere for found in finder(sha256, sha512, prefix)]
    return Lookup(
        files=list(files[:LOOKUP_LIMIT]),
        versions=list(versions[:LOOKUP_LIMIT]),
        elsewhere=elsewhere[:LOOKUP_LIMIT],
    )


def checksum_lookup(value: str) -> Lookup:
    """A checksum as someone typed it (validated hex): whole SHA-256, whole SHA-512, or prefix."""
    if len(value) == SHA256_LENGTH:
        return issued_file_lookup(sha256=value)
    if len(value) == SHA512_LENGTH:
        return issued_file_lookup(sha512=value)
    return issued_file_lookup(prefix=value)
