"""Issuing as a step: which files a version's presentation and the council's decision issue,
rendered by a background task after the deciding transaction has committed.

- Presenting a version (`PRESENTATION`) issues its documents (the concept as PDF, DOCX, ODT and
  JSON, and every document another app registers, such as the open data) and the synopsis of
  the proposals the presentation answers: those to the version it was drafted from and to the
  version itself, where there are any.
- The council's decision (`RESOLUTION`) issues the beschlossene Fassung (PDF, DOCX, ODT) of the
  approved version, and whatever else of it is still missing (the beschlossene Fassung of a
  decision with changes was never presented).

The task (`issue_files`) runs on the `TASKS` backend: the database queue of django-tasks-db
in production (`manage.py db_worker`), the immediate backend in development and tests. It is
safe to run twice and in parallel: a file already in the register is left alone, and a parallel
run that records the same file first wins (its own copy is deleted again).
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils.translation import override

from concept import issuing
from concept.beratungsfolge import predecessor
from concept.issuing import PRESENTATION, RESOLUTION
from concept.models import ConceptVersion, IssuedDocument, IssuedFile

logger = logging.getLogger(__name__)

# Also: whatever is due and missing, whichever occasion should have issued it (operations:
# `manage.py issue_files`).
MISSING = "missing"
OCCASIONS = (PRESENTATION, RESOLUTION, MISSING)
# The kinds of document (by the occasion that issues them) each occasion issues.
_ISSUES = {
    PRESENTATION: {PRESENTATION},
    RESOLUTION: {PRESENTATION, RESOLUTION},
    MISSING: {PRESENTATION, RESOLUTION},
}

__all__ = [
    "MISSING",
    "OCCASIONS",
    "PRESENTATION",
    "RESOLUTION",
    "files_due",
    "issue_after_commit",
    "issue_file",
    "issue_files",
]


def files_due(version: ConceptVersion, occasion: str) -> list[tuple[ConceptVersion, str, str]]:
    """(version, document, format) of every file `occasion` issues that is not recorded yet;
    `issuing.issuable` decides which documents exist to be issued."""
    if occasion not in _ISSUES:
        raise ValueError(f"Unknown occasion {occasion!r}; expected one of {OCCASIONS}")
    wanted: list[tuple[ConceptVersion, str]] = []
    for kind in issuing.document_kinds():
        if kind.key == IssuedDocument.SYNOPSIS or kind.occasion not in _ISSUES[occasion]:
            continue
        if issuing.issuable(version, kind.key):
            wanted.append((version, kind.key))
    # The synopses are Anlagen of a presented (frozen) version.
    earlier = predecessor(version) if version.is_frozen else None
    for candidate in (earlier, version) if earlier else (version,):
        if issuing.issuable(candidate, IssuedDocument.SYNOPSIS):
            wanted.append((candidate, IssuedDocument.SYNOPSIS))
    recorded = set(
        IssuedFile.objects.filter(version__in={v.pk for v, _document in wanted}).values_list(
            "version_id", "document", "format"
        )
    )
    return [
        (target, document, fmt)
        for target, document in wanted
        for fmt in issuing.document_kind(document).formats
        if (target.pk, document, fmt) not in recorded
    ]


def issue_file(version: ConceptVersion, document: str, fmt: str) -> IssuedFile | None:
    """Render, store and record one file; None if it was recorded already (here, or by a
    parallel run: the register's unique constraint decides, and the loser's copy is deleted).

    The record is written in a savepoint of its own, so one file's conflict leaves the others
    of the same run alone.
    """
    if issuing.recorded(version, document, fmt) is not None:
        return None
    export = issuing.export_format(document, fmt)
    content = issuing.document_kind(document).render_for_issue(version, export.key)
    storage = IssuedFile._meta.get_field("file").storage
    name = storage.save(issuing.storage_name(version, document, export), ContentFile(content))
    try:
        with transaction.atomic():
            return IssuedFile.objects.create(
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
        storage.delete(name)
        if issuing.recorded(version, document, fmt) is None:
            raise
        return None
    except BaseException:
        storage.delete(name)
        raise


@task
def issue_files(version_id: int, occasion: str) -> list[str]:
    """Issue every file `occasion` issues for the version that is not issued yet; returns what
    it issued ("v3 version.pdf", ...). Files print German whatever language enqueued them."""
    version = (
        ConceptVersion.objects.select_related("concept", "resolution_of")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        logger.warning("Version %s to issue files for no longer exists.", version_id)
        return []
    issued = []
    with override("de"):
        for target, document, fmt in files_due(version, occasion):
            if issue_file(target, document, fmt) is not None:
                issued.append(f"v{target.number} {document}.{fmt}")
    return issued


def issue_after_commit(version: ConceptVersion, occasion: str) -> None:
    """Enqueue the rendering of the files `occasion` issues, once the transaction commits.

    Robust: should the queue be unreachable, the decision stands and the error is logged; the
    files can be issued later (`manage.py issue_files`)."""
    if occasion not in _ISSUES:
        raise ValueError(f"Unknown occasion {occasion!r}; expected one of {OCCASIONS}")
    pk = version.pk
    transaction.on_commit(lambda: issue_files.enqueue(pk, occasion), robust=True)
