"""An upload handler for the authenticity check: it hashes an upload while it streams and keeps
none of it, neither in memory nor in a temporary file, and stops an upload past its limit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

# What the check accepts; the largest file the city issues is far smaller.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class HashedUpload:
    """Stands in for an uploaded file: its name, size and hashes, never its content.

    `name` and `size` are what Django's `forms.FileField` validates; `close()` is what the
    request calls on every uploaded file when it ends.
    """

    name: str
    size: int
    content_type: str
    sha256: str
    sha512: str

    def close(self) -> None:
        """Nothing is kept, so nothing to close."""


class HashingUploadHandler(FileUploadHandler):
    """Replaces Django's memory and temporary-file handlers for one view.

    Past `max_bytes` (all files of the request together) it raises `StopUpload` without a
    connection reset: Django reads and discards the rest, and the view answers 413.
    """

    def __init__(self, request=None, *, max_bytes: int = MAX_UPLOAD_BYTES):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.received = 0
        self.too_large = False

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self._sha256 = hashlib.sha256()
        self._sha512 = hashlib.sha512()
        # A part that announces its own length (browsers do not) is stopped before any data.
        if self.content_length is not None and self.content_length > self.max_bytes:
            self._stop()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self._stop()
        self._sha256.update(raw_data)
        self._sha512.update(raw_data)
        # None: no later handler sees the data.
        return None

    def file_complete(self, file_size: int) -> HashedUpload:
        return HashedUpload(
            name=self.file_name,
            size=file_size,
            content_type=self.content_type or "",
            sha256=self._sha256.hexdigest(),
            sha512=self._sha512.hexdigest(),
        )

    def _stop(self) -> None:
        self.too_large = True
        raise StopUpload(connection_reset=False)
