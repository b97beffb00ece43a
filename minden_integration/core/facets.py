"""A facet's values in the address: one German slug per stored value, in every language.

The database keeps its English codes (`implemented`); the query string speaks German
(`?status=umgesetzt`) on `/...` and `/en/...` alike. Addresses with the old English codes,
still in bookmarks and council papers, are answered with a permanent redirect to the slug.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

import django_filters
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django_filters.constants import EMPTY_VALUES


class FacetVocabulary:
    """The table of one facet: stored value -> German slug, covering every option exactly."""

    def __init__(self, choices: Iterable[tuple[str, Any]], slugs: Mapping[str, str]) -> None:
        self._choices = [(str(value), label) for value, label in choices]
        self._slugs = {str(value): slug for value, slug in slugs.items()}
        self._values = {slug: value for value, slug in self._slugs.items()}
        offered = {value for value, _label in self._choices}
        if offered != set(self._slugs) or len(self._values) != len(self._slugs):
            raise ValueError(f"Every option needs one slug of its own: {sorted(offered)}")
        if set(self._values) & set(self._slugs):
            raise ValueError("A slug must never be a stored value, or old addresses are ambiguous")

    def choices(self) -> list[tuple[str, Any]]:
        """The options as the form offers them: (slug, label), in the choices' order."""
        return [(self._slugs[value], label) for value, label in self._choices]

    def slug(self, value: str) -> str:
        return self._slugs[str(value)]

    def value(self, slug: str) -> str | None:
        return self._values.get(slug)

    def replacement(self, word: str) -> str | None:
        """The slug an old address meant with a stored (English) value, else None."""
        return self._slugs.get(word)


class SlugChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter whose options are a vocabulary's slugs, filtering by the stored value."""

    def __init__(self, *args, vocabulary: FacetVocabulary, **kwargs) -> None:
        self.vocabulary = vocabulary
        super().__init__(*args, choices=vocabulary.choices(), **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return super().filter(qs, self.vocabulary.value(value))


def slug_query(query_string: str, vocabularies: Mapping[str, FacetVocabulary]) -> str | None:
    """The query string with every old English value replaced by its slug, every parameter
    where it was; None when there was nothing to replace."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    replaced = [
        (key, (vocabularies[key].replacement(word) if key in vocabularies else None) or word)
        for key, word in pairs
    ]
    return urlencode(replaced) if replaced != pairs else None


def old_facet_redirect(
    request: HttpRequest, vocabularies: Mapping[str, FacetVocabulary]
) -> HttpResponsePermanentRedirect | None:
    """The permanent redirect from an address with old English facet values, if it has any."""
    raw = request.META.get("QUERY_STRING", "")
    with contextlib.suppress(UnicodeError):  # WSGI hands on the bytes as Latin-1
        raw = raw.encode("latin-1").decode()
    query = slug_query(raw, vocabularies)
    if query is None:
        return None
    return HttpResponsePermanentRedirect(f"{request.path}?{query}")
