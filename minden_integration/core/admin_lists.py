"""The admin's change lists answer a hostile query value with 400, never with 500.

Django turns most bad filter values into its own "?e=1" redirect, but not all: a NUL byte
reaches the database driver (which refuses it with ValueError), a year beyond 9999 overflows
while the query is built. This middleware refuses NUL bytes and overlong values before the view
runs, and answers any ValueError, OverflowError or DataError that a change list with query
values still raises with a German 400 page (and a log entry), so nothing is stored or shown.
"""

from __future__ import annotations

import logging

from django.contrib import admin
from django.db import DataError
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)

# Longer than any filter value, ordering or search a person would send.
MAX_VALUE_LENGTH = 1000
GUARDED_VIEWS = ("_changelist", "autocomplete")


def _guarded(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(
        match
        and "admin" in match.namespaces
        and (match.url_name or "").endswith(GUARDED_VIEWS)
        and request.GET
    )


def _hostile(request) -> bool:
    for key, values in request.GET.lists():
        for text in (key, *values):
            if "\x00" in text or len(text) > MAX_VALUE_LENGTH:
                return True
    return False


def invalid_filter_response(request) -> TemplateResponse:
    context = admin.site.each_context(request) | {"list_url": request.path}
    response = TemplateResponse(request, "admin/invalid_filter.html", context, status=400)
    return response.render()


class AdminListGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _guarded(request) and _hostile(request):
            logger.warning("Refused a hostile query on %s.", request.path)
            return invalid_filter_response(request)
        return None

    def process_exception(self, request, exception):
        if _guarded(request) and isinstance(exception, (ValueError, OverflowError, DataError)):
            logger.warning("A query value broke %s.", request.path, exc_info=exception)
            return invalid_filter_response(request)
        return None
