"""Restoring a backup, in this order:

1. `restore_prepare`: decrypt the archive into a private folder, check every file against the
   manifest, refuse another database vendor or a backup of a newer code, and turn the dump into
   what the database takes. Until here nothing of the portal is touched: a wrong key, a damaged
   or altered archive ends the restore with the database and the media as they were.
2. `restore_apply`: replace the database (one transaction on PostgreSQL), migrate it if the code
   is newer, replace MEDIA_ROOT's content, renew the content generation (no cached page of the
   time before the restore is served again), erase again everyone the erasure log lists since
   the backup, and check every issued file against its recorded hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import DatabaseError as DjangoDatabaseError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from concept.models import IssuedFile
from minden_integration.accounts.erasures import (
    Erasure,
    email_sha256,
    erasure_log_check,
    erasure_log_path,
    erasure_log_read,
)
from minden_integration.accounts.services import account_erase
from minden_integration.backup import archive, database
from minden_integration.backup.crypto import ArchiveDamaged
from minden_integration.core.models import ContentGeneration
from workgroups.services import memberships_anonymise

# Erasures this long before the backup's time are applied again too: a transaction that
# committed just after the database copy began may carry an earlier clock (and another
# machine's clock may differ). Applying an erasure again changes nothing.
ERASURE_MARGIN = dt.timedelta(minutes=10)


class RestoreRefused(Exception):
    """The archive is sound but cannot be restored here; nothing was touched."""


@dataclass
class RestoreReport:
    migrated: list[str] = field(default_factory=list)
    erased_accounts: list[int] = field(default_factory=list)
    anonymised_memberships: list[int] = field(default_factory=list)
    erasures_considered: int = 0
    unreadable_log_lines: int = 0
    issued_checked: int = 0
    issued_problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PreparedRestore:
    checked: archive.CheckedArchive
    prepared: Path
    erasure_log: Path
    erasure_log_exists: bool
    # Erasures the log lists since the backup was taken (applied again after the restore).
    erasures_pending: int


def restore_prepare(*, path: Path, key: bytes, work: Path, media_root: Path) -> PreparedRestore:
    """Check the archive and ready it; touches nothing of the portal."""
    media = media_root.resolve()
    log = erasure_log_path()
    for inside, what in (
        (work, "Der Arbeitsordner"),
        (path, "Die Sicherung"),
        (log, "Das Löschprotokoll"),
    ):
        if inside.resolve().is_relative_to(media):
            raise RestoreRefused(
                f"{what} liegt in MEDIA_ROOT ({media_root}), dessen Inhalt ersetzt wird."
            )
    checked = archive.archive_check(path=path, key=key, work=work)
    current = database.vendor()
    if checked.vendor != current:
        raise RestoreRefused(
            f"Die Sicherung stammt aus einer {checked.vendor}-Datenbank, das Portal nutzt "
            f"{current}. Eine Sicherung wird nur in dieselbe Art Datenbank zurückgespielt."
        )
    unknown = database.migrations_unknown(checked.manifest["database"]["migrations"])
    if unknown:
        raise RestoreRefused(
            "Die Sicherung stammt von einem neueren Stand des Portals; dieser Code kennt ihre "
            f"Migrationen nicht: {', '.join(unknown)}. Bitte zuerst den Code-Stand der "
            f"Sicherung ({checked.manifest.get('project')}) einspielen."
        )
    try:
        # Erasing again appends to the log: it must be writable before anything is replaced.
        log_exists = log.exists()
        erasure_log_check(log)
    except OSError as error:
        raise RestoreRefused(
            f"Das Löschprotokoll {log} kann nicht geschrieben werden ({error.strerror})."
        ) from None
    erasures, _unreadable = erasure_log_read(log)
    since = checked.created - ERASURE_MARGIN
    try:
        prepared = database.prepare(checked.dump_file, work, checked.vendor)
    except database.DatabaseError as error:
        raise ArchiveDamaged(str(error)) from None
    return PreparedRestore(
        checked=checked,
        prepared=prepared,
        erasure_log=log,
        erasure_log_exists=log_exists,
        erasures_pending=sum(1 for erasure in erasures if erasure.at >= since),
    )


def restore_apply(*, ready: PreparedRestore, media_root: Path) -> RestoreReport:
    """Replace the database and the media by the checked archive's, then erase again and
    check the issued files. Raises database.DatabaseError if the database refused the copy
    (PostgreSQL: then it is as it was, and so are the media)."""
    checked = ready.checked
    report = RestoreReport()
    generation_before = _generation()
    database.load(ready.prepared, checked.vendor)
    report.migrated = _migrate()
    archive.media_replace(staged=checked.media_dir, media_root=media_root)
    _generation_renew(after=generation_before)
    cache.clear()
    _erasures_reapply(since=checked.created - ERASURE_MARGIN, report=report)
    report.issued_checked, report.issued_problems = issued_files_check()
    return report


def _generation() -> int:
    try:
        return ContentGeneration.current(using="default")
    except DjangoDatabaseError:  # an empty database: nothing cached from it either
        return 0


def _generation_renew(*, after: int) -> None:
    """Past every generation the portal has named a cached entry with, before and after."""
    value = max(after, ContentGeneration.current(using="default")) + 1
    ContentGeneration.objects.update_or_create(pk=ContentGeneration.ROW, defaults={"value": value})


def _migrate() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return []
    call_command("migrate", interactive=False, verbosity=0, stdout=StringIO())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _same_person(user, erasure: Erasure) -> bool:
    """The restored account is the erased one (ids alone may be handed out again after an
    earlier restore rewound the sequence)."""
    if erasure.date_joined is not None and user.date_joined == erasure.date_joined:
        return True
    return erasure.email_sha256 is not None and email_sha256(user.email) == erasure.email_sha256


def _erasures_reapply(*, since: dt.datetime, report: RestoreReport) -> None:
    erasures, report.unreadable_log_lines = erasure_log_read()
    User = get_user_model()
    for erasure in erasures:
        if erasure.at < since:
            continue
        report.erasures_considered += 1
        user = User.objects.filter(pk=erasure.user_id).first()
        if user is not None and _same_person(user, erasure):
            account_erase(user=user, by=None)
            report.erased_accounts.append(erasure.user_id)
        report.anonymised_memberships += memberships_anonymise(
            membership_ids=list(erasure.memberships), created_before=erasure.at
        )


def issued_files_check() -> tuple[int, list[str]]:
    """Every issued file against the size and SHA-256 recorded when it was issued."""
    problems, checked = [], 0
    for issued in IssuedFile.objects.order_by("pk").only("pk", "file", "size", "sha256"):
        checked += 1
        name = issued.file.name
        sha256, size = hashlib.sha256(), 0
        try:
            with issued.file.storage.open(name, "rb") as handle:
                while chunk := handle.read(archive.BUFFER):
                    sha256.update(chunk)
                    size += len(chunk)
        except FileNotFoundError:
            problems.append(f"{name}: fehlt")
            continue
        if size != issued.size or sha256.hexdigest() != issued.sha256:
            problems.append(f"{name}: Inhalt weicht vom ausgestellten ab (SHA-256 {issued.sha256})")
    return checked, problems
