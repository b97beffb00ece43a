"""The erasure log: which persons were erased and when, kept outside the database.

A backup restored tomorrow brings back everyone erased since it was taken. So every erasure
(`accounts.services.account_erase`) is also appended to a file beside the backups
(PORTAL_ERASURE_LOG, JSON lines), and `manage.py restore` erases those persons again. The file
must outlive the database it speaks of: it is never in the database nor in a backup of it.

Data minimisation: a line names the person only by the account's id, its `date_joined` and a
SHA-256 of the lower-cased email address (never the address or a name), plus the ids of the
memberships whose name was removed. One line per erasure, written with a single `write` on a
file opened for appending and fsynced, after the erasure has committed; the file is opened
before, so that an unwritable log refuses the erasure instead of losing its line.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


def email_sha256(email: str) -> str | None:
    email = (email or "").strip().lower()
    return hashlib.sha256(email.encode("utf-8")).hexdigest() if email else None


@dataclass(frozen=True)
class Erasure:
    """One erased person, as the log names them."""

    user_id: int
    email_sha256: str | None
    date_joined: dt.datetime | None
    memberships: tuple[int, ...] = ()
    # When the erasure committed; set when the line is written.
    at: dt.datetime | None = field(default=None, compare=False)

    def as_line(self) -> bytes:
        data = {
            "at": self.at.isoformat() if self.at else None,
            "user_id": self.user_id,
            "email_sha256": self.email_sha256,
            "date_joined": self.date_joined.isoformat() if self.date_joined else None,
            "memberships": list(self.memberships),
        }
        return (json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n").encode()

    @classmethod
    def from_line(cls, line: str) -> Erasure:
        data = json.loads(line)
        joined = data.get("date_joined")
        return cls(
            user_id=int(data["user_id"]),
            email_sha256=data.get("email_sha256"),
            date_joined=dt.datetime.fromisoformat(joined) if joined else None,
            memberships=tuple(int(pk) for pk in data.get("memberships", ())),
            at=dt.datetime.fromisoformat(data["at"]),
        )


def erasure_log_path() -> Path:
    return Path(settings.PORTAL_ERASURE_LOG)


class ErasureLogWriter:
    """The log, opened for appending (O_APPEND: concurrent writers never overwrite each other)."""

    def __init__(self, path: Path):
        self.path = path
        self._fd = None
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        created = not path.exists()
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if created:
            fsync_directory(path.parent)

    def append(self, erasure: Erasure) -> Erasure:
        """Write the line (stamped now, after the commit), fsync and close. A failure is logged
        with the line itself, so that it can be appended by hand: it names nobody."""
        stamped = Erasure(
            user_id=erasure.user_id,
            email_sha256=erasure.email_sha256,
            date_joined=erasure.date_joined,
            memberships=erasure.memberships,
            at=timezone.now(),
        )
        line = stamped.as_line()
        try:
            os.write(self._fd, line)
            os.fsync(self._fd)
        except OSError:
            logger.critical(
                "The erasure log %s could not be written; append this line by hand: %s",
                self.path,
                line.decode().strip(),
                exc_info=True,
            )
        finally:
            self.close()
        return stamped

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self):
        # A rolled-back erasure never appends: the descriptor goes with the writer.
        self.close()


def erasure_log_open() -> ErasureLogWriter:
    """Open the log for one erasure; OSError when it cannot be written."""
    return ErasureLogWriter(erasure_log_path())


def erasure_log_check(path: Path | None = None) -> None:
    """OSError if an erasure could not be appended to the log now; creates nothing."""
    path = path or erasure_log_path()
    if path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_APPEND))
        return
    existing = path.parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(existing))


def erasure_log_read(path: Path | None = None) -> tuple[list[Erasure], int]:
    """Every erasure in the log, oldest first, and the number of unreadable lines (a line cut
    short by a crash mid-write); no log at all is an empty one."""
    path = path or erasure_log_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], 0
    erasures, unreadable = [], 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            erasures.append(Erasure.from_line(line))
        except (ValueError, KeyError, TypeError):
            unreadable += 1
    erasures.sort(key=lambda erasure: erasure.at)
    return erasures, unreadable


def fsync_directory(path: Path) -> None:
    """Make a new or renamed file's directory entry durable (the backups use it too)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
