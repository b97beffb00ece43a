"""Whole pages for anonymous readers from the shared cache.

A hit costs the content generation (one light query) and one cache read: no session, user,
template or data. What may be stored is decided on the way out, from the response as it was
actually made, so that nothing personal can reach the cache:

- only GET (and HEAD, which reads GET's entry) without a session cookie or a messages cookie:
  such a request is anonymous and carries no message, without a query to find out;
- only a 200 with a body in one piece (no stream or file), that sets no cookie, is not marked
  `private`/`no-store`, used no CSRF token (every POST form carries one), has no POST form and
  used no CSP nonce (a nonce sent twice protects nothing; public pages need none);
- never the views the setting PORTAL_PAGE_CACHE_EXCLUDED names (the admin, the accounts, the
  members' pages, the health check).

The entry is named by the generation read *before* the page was made (see `generation`), the
code release, the language, the address (scheme, host, path, query string) and whether the body
is gzip-compressed: compression happens inside, once per stored page, never per hit.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language

from minden_integration.core.deployment import deployment_id
from minden_integration.core.generation import generation_current, generation_pinned

CACHE_ALIAS = "pages"
# Shown on every response the page cache answered or stored (`curl -I`, the tests, the bench).
STATUS_HEADER = "X-Page-Cache"
POST_FORM = re.compile(rb"<form\b[^>]*\bmethod\s*=\s*[\"']?post\b", re.IGNORECASE)
# Kept out of a stored page: the cookies (none are stored anyway) and what the outer
# middleware adds afresh to every answer.
NOT_STORED = {"set-cookie", "content-security-policy", "content-security-policy-report-only"}


def page_key(request, generation: str) -> str:
    encoding = "gzip" if re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")) else "-"
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{generation}:{deployment_id()}:{get_language()}:{encoding}:{address}"


def _may_read(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and not request.COOKIES.get(CookieStorage.cookie_name)
        and "Range" not in request.headers
        and "Authorization" not in request.headers
    )


def _excluded_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return True
    excluded = settings.PORTAL_PAGE_CACHE_EXCLUDED
    return match.view_name in excluded or any(name in excluded for name in match.namespaces)


def _may_store(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    session = getattr(request, "session", None)
    return not (
        response.cookies
        or "private" in cache_control
        or "no-store" in cache_control
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or request.META.get("CSRF_COOKIE_USED")
        or get_nonce(request)
        or (session is not None and session.modified)
        # A message added and shown in this same request sets no cookie: still never stored.
        or len(get_messages(request))
        or _excluded_view(request)
        or POST_FORM.search(response.content)
    )


def _stored(response) -> tuple[bytes, list[tuple[str, str]]]:
    headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
    return response.content, headers


def _answer(request, content: bytes, headers: list[tuple[str, str]]) -> HttpResponse:
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response[STATUS_HEADER] = "hit"
    # Chosen by the request's cookies (none of a session): as a fresh page says it.
    patch_vary_headers(response, ("Cookie",))
    # The ETag or date the view set still decides a conditional request (304).
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


class PageCacheMiddleware:
    """Place after LocaleMiddleware (the language is known) and before GZipMiddleware (the
    stored body is already compressed) and everything that reads the session or the user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PORTAL_PAGE_CACHE_SECONDS
        if not seconds or not _may_read(request):
            return self.get_response(request)
        pages = caches[CACHE_ALIAS if CACHE_ALIAS in settings.CACHES else "default"]
        generation = generation_current()
        key = page_key(request, generation)
        entry = pages.get(key)
        if entry is not None:
            return _answer(request, *entry)
        with generation_pinned(generation):
            response = self.get_response(request)
        # A name with "~" belongs to a transaction that wrote and has not committed.
        if "~" not in generation and _may_store(request, response):
            pages.set(key, _stored(response), seconds)
            response[STATUS_HEADER] = "miss"
        return response
