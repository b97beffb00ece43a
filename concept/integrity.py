"""Is a stored issued file still the one the city issued? Checked before it is served.

The file's SHA-256 is recorded when it is issued; a file changed on disk afterwards (a restore
gone wrong, an intruder) must not go out under the city's name. The check streams the file in
chunks and is made once per process and stored state of a file (name, size, modification
time): a file served a thousand times is read once, a file changed on disk is read again.
"""

from __future__ import annotations

import hashlib
import logging
import threading

from concept.models import IssuedFile, RenderedFile
from minden_integration.core.limits import rate_hit

logger = logging.getLogger(__name__)

CHUNK_BYTES = 1024 * 1024

_verdicts: dict[tuple, bool] = {}
_lock = threading.Lock()


def _state(issued: IssuedFile) -> tuple:
    """What identifies the stored bytes without reading them; FileNotFoundError if gone."""
    storage, name = issued.file.storage, issued.file.name
    size = storage.size(name)
    try:
        modified = storage.get_modified_time(name).timestamp()
    except NotImplementedError:
        modified = None
    return (name, size, modified, issued.sha256)


def _digest(issued: IssuedFile) -> str:
    sha256 = hashlib.sha256()
    with issued.file.storage.open(issued.file.name, "rb") as stored:
        while chunk := stored.read(CHUNK_BYTES):
            sha256.update(chunk)
    return sha256.hexdigest()


def stored_file_intact(issued: IssuedFile | RenderedFile, *, alert: bool = True) -> bool:
    """Whether the stored bytes still have the recorded SHA-256 (and size). The first check
    that finds an issued file changed alerts the officers (at most once a day per file, across
    every process); a rendered live file (`alert=False`) is only logged: it is rendered again.
    Raises FileNotFoundError when the file is gone."""
    state = _state(issued)
    with _lock:
        known = _verdicts.get(state)
    if known is not None:
        return known
    _name, size, _modified, _expected = state
    found = "" if size != issued.size else _digest(issued)
    intact = found == issued.sha256
    with _lock:
        _verdicts[state] = intact
    if not intact:
        logger.log(
            logging.ERROR if alert else logging.WARNING,
            "Stored file %s (%s) differs from its record: size %s (recorded %s), SHA-256 %s "
            "(recorded %s). It is not served.",
            issued.pk,
            issued.file.name,
            size,
            issued.size,
            found or "not computed",
            issued.sha256,
        )
        alerting = (
            alert
            and rate_hit(scope="issued-file-alert", key=f"{issued.pk}:{issued.sha256}").allowed
        )
        if alerting:
            from concept.notifications import issued_file_changed_notify

            issued_file_changed_notify(issued, size=size, found=found)
    return intact


def verdicts_forget() -> None:
    """For tests: start as a fresh process would."""
    with _lock:
        _verdicts.clear()
