"""Absolute links for emails and feeds."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def portal_url(name: str, *, anchor: str = "", **kwargs) -> str:
    """An absolute link for an email: PORTAL_BASE_URL plus the German path, never the
    request's Host header."""
    with translation.override(settings.LANGUAGE_CODE):
        url = settings.PORTAL_BASE_URL + reverse(name, kwargs=kwargs)
    return f"{url}#{anchor}" if anchor else url
