"""Conditional GETs for pages that rarely change: an ETag built from what the page shows, the
deployed code and the language, `Cache-Control: no-cache` (the browser asks every time), and
304 while the ETag still matches.

Only for anonymous visitors without a pending message: a member's page carries their name and
a form with its token, and a message is shown once. Every page's frame (the city's name,
coat of arms, colours) belongs to a higher app: it registers what the frame shows with
`frame_part_register`, and every ETag includes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

from minden_integration.core.deployment import deployment_id

_frame_parts: dict[str, Callable[[HttpRequest], Any]] = {}


def frame_part_register(name: str, part: Callable[[HttpRequest], Any]) -> None:
    """What the frame of every page shows, from an app above the shared base."""
    _frame_parts[name] = part


def page_etag(request: HttpRequest, parts: list[Any]) -> str | None:
    """The ETag of a page showing `parts` (JSON-able values, or values named by `str`), or
    None where the page must not be revalidated."""
    if request.user.is_authenticated or len(messages.get_messages(request)):
        return None
    frame = {name: part(request) for name, part in sorted(_frame_parts.items())}
    payload = [deployment_id(), get_language(), frame, parts]
    text = json.dumps(payload, default=str, sort_keys=True, ensure_ascii=False)
    return f'"{hashlib.sha256(text.encode()).hexdigest()[:40]}"'


def _mark(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    return response


def not_modified(request: HttpRequest, etag: str | None) -> HttpResponse | None:
    """The 304 when the visitor's copy is current, else None."""
    if etag is None:
        return None
    response = get_conditional_response(request, etag=etag)
    return _mark(response, etag) if response is not None else None


def revalidated(response: HttpResponse, etag: str | None) -> HttpResponse:
    """`response` with the ETag and `no-cache`, when it is the page the ETag names."""
    if etag is not None and response.status_code == 200:
        _mark(response, etag)
    return response
