"""One search for everything: the current version's sections, measures, recommendations and
published session agendas and minutes, grouped by kind."""

from __future__ import annotations

from typing import Any

from concept.text import search_terms


def site_search(query: str) -> dict[str, Any]:
    terms = search_terms(query)
    return {"query": query[:200], "terms": terms, "groups": []}
