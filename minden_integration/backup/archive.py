"""What a backup archive holds, writing one, checking one, and the retention of old ones.

An archive (`<UTC time>-<vendor>.mintbak`, e.g. `20260115T020000Z-postgresql.mintbak`) is an
uncompressed tar stream inside the encrypted container of `crypto`:

    database/database.pgdump | database/database.sqlite3   the database (see `database`)
    media/<path>                                           every file under MEDIA_ROOT
    manifest.json                                          last: what the archive holds

The manifest names the format, when the backup was taken (before the database was copied: an
erasure later than that may be missing from it), Django's and the project's version, the
database vendor, the last applied migration of each app, and every file with its size and
SHA-256, which a restore checks before it touches anything. The database is copied before the
media, so every file the copied database refers to is already stored (files are written before
their row commits).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.utils import timezone

from minden_integration.accounts.erasures import fsync_directory
from minden_integration.backup import database
from minden_integration.backup.crypto import ArchiveDamaged, DecryptingReader, EncryptingWriter

FORMAT = 1
SUFFIX = ".mintbak"
MANIFEST = "manifest.json"
DATABASE_DIR = "database"
MEDIA_DIR = "media"
STAMP = "%Y%m%dT%H%M%SZ"
NAME = re.compile(r"^(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?-(?P<vendor>[a-z]+)\.mintbak$")
BUFFER = 1024 * 1024


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: dict


@dataclass(frozen=True)
class CheckedArchive:
    """An archive decrypted into `work` and found complete and unaltered."""

    manifest: dict
    work: Path

    @property
    def created(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.manifest["created"])

    @property
    def vendor(self) -> str:
        return self.manifest["database"]["vendor"]

    @property
    def dump_file(self) -> Path:
        return self.work / DATABASE_DIR / database.DUMP_NAMES[self.vendor]

    @property
    def media_dir(self) -> Path:
        return self.work / MEDIA_DIR

    @property
    def media_files(self) -> list[dict]:
        return [f for f in self.manifest["files"] if f["path"].startswith(f"{MEDIA_DIR}/")]


def project_version() -> str:
    try:
        return importlib.metadata.version("minden-integration")
    except importlib.metadata.PackageNotFoundError:
        return "unbekannt"


class _Hashing:
    """Hashes what tar reads from a file."""

    def __init__(self, handle):
        self._handle = handle
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.sha256.update(data)
        return data


def _add(tar: tarfile.TarFile, source: Path, name: str) -> dict:
    info = tarfile.TarInfo(name)
    stat = source.stat()
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
    with open(source, "rb") as handle:
        hashing = _Hashing(handle)
        tar.addfile(info, hashing)
    return {"path": name, "size": info.size, "sha256": hashing.sha256.hexdigest()}


def media_files(media_root: Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Every regular file under MEDIA_ROOT, in a stable order (no symbolic links)."""
    if not media_root.is_dir():
        return []
    found = []
    skip = tuple(path.resolve() for path in skip)
    for folder, subfolders, files in os.walk(media_root):
        here = Path(folder)
        subfolders[:] = sorted(d for d in subfolders if (here / d).resolve() not in skip)
        found += [
            here / f for f in sorted(files) if (here / f).is_file() and not (here / f).is_symlink()
        ]
    return found


def _archive_path(directory: Path, created: dt.datetime, vendor: str) -> Path:
    stamp = created.astimezone(dt.UTC).strftime(STAMP)
    path, n = directory / f"{stamp}-{vendor}{SUFFIX}", 1
    while path.exists():
        n += 1
        path = directory / f"{stamp}-{n}-{vendor}{SUFFIX}"
    return path


def backup_create(*, directory: Path, key: bytes) -> Backup:
    """Write one encrypted archive of the database and the media into `directory`."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    vendor = database.vendor()
    media_root = Path(settings.MEDIA_ROOT)
    created = timezone.now()
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as work:
        dump_file = Path(work) / database.DUMP_NAMES[vendor]
        migrations = database.migration_state()
        database.dump(dump_file)
        path = _archive_path(directory, created, vendor)
        partial = directory / f".{path.name}.partial"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw:
                writer = EncryptingWriter(raw, key)
                with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                    files = [_add(tar, dump_file, f"{DATABASE_DIR}/{dump_file.name}")]
                    for source in media_files(media_root, skip=(directory,)):
                        name = f"{MEDIA_DIR}/{source.relative_to(media_root).as_posix()}"
                        files.append(_add(tar, source, name))
                    manifest = {
                        "format": FORMAT,
                        "created": created.isoformat(),
                        "django": django.get_version(),
                        "project": project_version(),
                        "database": {"vendor": vendor, "migrations": migrations},
                        "files": files,
                    }
                    data = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime, info.mode = len(data), int(created.timestamp()), 0o600
                    tar.addfile(info, io.BytesIO(data))
                writer.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
    fsync_directory(directory)
    return Backup(path=path, manifest=manifest)


def _member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if (
        path.is_absolute()
        or not path.parts
        or any(part in ("", ".", "..") for part in path.parts)
        or (path.parts[0] not in (DATABASE_DIR, MEDIA_DIR) and name != MANIFEST)
        or (path.parts[0] in (DATABASE_DIR, MEDIA_DIR) and len(path.parts) < 2)
    ):
        raise ArchiveDamaged(f"Die Sicherung enthält einen unzulässigen Eintrag: {name!r}.")
    return path


def archive_check(*, path: Path, key: bytes, work: Path) -> CheckedArchive:
    """Decrypt the archive into `work` and check it against its manifest; raises
    ArchiveDamaged (or crypto.BackupKeyError) when anything is wrong. Touches nothing else."""
    found: dict[str, tuple[int, str]] = {}
    manifest_data = None
    with open(path, "rb") as raw:
        reader = DecryptingReader(raw, key)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                for member in tar:
                    if member.isdir():
                        continue
                    if not member.isfile():
                        raise ArchiveDamaged(
                            f"Die Sicherung enthält einen unzulässigen Eintrag: {member.name!r}."
                        )
                    name = str(_member_path(member.name))
                    if name in found or (name == MANIFEST and manifest_data is not None):
                        raise ArchiveDamaged(f"Die Sicherung enthält {name} zweimal.")
                    source = tar.extractfile(member)
                    if name == MANIFEST:
                        manifest_data = source.read()
                        continue
                    target = work / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    sha256 = hashlib.sha256()
                    with open(target, "wb") as handle:
                        while chunk := source.read(BUFFER):
                            sha256.update(chunk)
                            handle.write(chunk)
                    os.utime(target, (member.mtime, member.mtime))
                    found[name] = (target.stat().st_size, sha256.hexdigest())
        except tarfile.TarError as error:
            raise ArchiveDamaged(f"Der Inhalt der Sicherung ist unlesbar ({error}).") from None
        reader.finish()
    return CheckedArchive(manifest=_manifest_check(manifest_data, found), work=work)


def _manifest_check(data: bytes | None, found: dict[str, tuple[int, str]]) -> dict:
    if data is None:
        raise ArchiveDamaged("Der Sicherung fehlt ihr Inhaltsverzeichnis (manifest.json).")
    try:
        manifest = json.loads(data)
        vendor = manifest["database"]["vendor"]
        dt.datetime.fromisoformat(manifest["created"])
        listed = {f["path"]: (int(f["size"]), f["sha256"]) for f in manifest["files"]}
    except (ValueError, KeyError, TypeError) as error:
        raise ArchiveDamaged(f"Das Inhaltsverzeichnis ist unlesbar ({error}).") from None
    if manifest.get("format") != FORMAT or vendor not in database.VENDORS:
        raise ArchiveDamaged("Das Inhaltsverzeichnis hat ein unbekanntes Format.")
    if f"{DATABASE_DIR}/{database.DUMP_NAMES[vendor]}" not in listed:
        raise ArchiveDamaged("Der Sicherung fehlt die Datenbank.")
    names = listed.keys() | found.keys()
    wrong = sorted(name for name in names if listed.get(name) != found.get(name))
    if wrong:
        shown = ", ".join(wrong[:5]) + (" …" if len(wrong) > 5 else "")
        raise ArchiveDamaged(
            f"{len(wrong)} Datei(en) der Sicherung fehlen oder weichen von ihrer Prüfsumme ab: "
            f"{shown}"
        )
    return manifest


def archive_created(path: Path) -> dt.datetime | None:
    """When an archive of ours was taken, from its name; None for any other file."""
    match = NAME.match(path.name)
    if not match:
        return None
    return dt.datetime.strptime(match["stamp"], STAMP).replace(tzinfo=dt.UTC)


def archives_expire(*, directory: Path, days: int, keep: Path, now=None) -> list[Path]:
    """Delete our archives in `directory` taken more than `days` days ago, never `keep` (the
    one just written); other files stay."""
    if days < 0:
        raise ValueError("days must not be negative")
    limit = (now or timezone.now()) - dt.timedelta(days=days)
    expired = []
    for path in sorted(directory.glob(f"*{SUFFIX}")):
        created = archive_created(path)
        if created is None or path.resolve() == keep.resolve() or not path.is_file():
            continue
        if created < limit:
            path.unlink()
            expired.append(path)
    return expired


def media_replace(*, staged: Path, media_root: Path) -> None:
    """Make MEDIA_ROOT hold exactly the staged files (its folder itself stays: it may be a
    mount point)."""
    media_root.mkdir(parents=True, exist_ok=True)
    for entry in media_root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if staged.is_dir():
        for entry in staged.iterdir():
            shutil.move(entry, media_root / entry.name)
