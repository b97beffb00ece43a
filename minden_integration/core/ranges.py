"""Stored files answered in byte ranges (RFC 9110 § 14): a video player asks for the part it
plays next, a phone that lost the connection for the rest. Django's FileResponse sends whole
files only."""

from __future__ import annotations

import re

from django.core.files.storage import Storage
from django.http import FileResponse, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, quote_etag

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(Exception):
    """The range asked for lies beyond the end of the file."""


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The one range `header` asks for, as (first, last) byte, inclusive; None for an answer
    with the whole file (no header, several ranges or one that cannot be read: RFC 9110 lets a
    server ignore those). Raises Unsatisfiable for a range beyond the file."""
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - suffix), size - 1
    start, end = int(first), int(last) if last else None
    if end is not None and end < start:
        return None  # not a range at all
    if start >= size:
        raise Unsatisfiable
    return start, size - 1 if end is None else min(end, size - 1)


class _Part:
    """`length` bytes of an open file from where it stands. No `fileno`: the WSGI server must
    read this part, not send the whole file from the disk."""

    def __init__(self, file, length: int):
        self.file, self.remaining = file, length

    def read(self, size: int = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        size = self.remaining if size is None or size < 0 else min(size, self.remaining)
        data = self.file.read(size)
        self.remaining -= len(data)
        return data

    def close(self) -> None:
        self.file.close()


def ranged_file_response(
    request, storage: Storage, name: str, *, content_type: str, max_age: int
) -> HttpResponse:
    """The stored file `name` whole (200), in the one range asked for (206), or 416 / 304 /
    412 as the request's conditions say. Raises OSError when the file is missing."""
    size = storage.size(name)
    modified = int(storage.get_modified_time(name).timestamp())
    etag = quote_etag(f"{size:x}-{modified:x}")
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Last-Modified": http_date(modified),
        "Cache-Control": f"public, max-age={max_age}",
    }
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = _file_response(request, storage, name, size, etag, modified, content_type)
    for header, value in headers.items():
        response.headers.setdefault(header, value)
    return response


def _file_response(request, storage, name, size, etag, modified, content_type) -> HttpResponse:
    wanted = request.headers.get("Range", "")
    if_range = request.headers.get("If-Range")
    if if_range is not None and if_range != etag and parse_http_date_safe(if_range) != modified:
        wanted = ""  # the file changed since the client's first part: send it whole
    try:
        part = byte_range(wanted, size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    file = storage.open(name, "rb")
    if part is None:
        return FileResponse(file, content_type=content_type)
    start, end = part
    file.seek(start)
    response = FileResponse(_Part(file, end - start + 1), status=206, content_type=content_type)
    response["Content-Length"] = str(end - start + 1)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response
