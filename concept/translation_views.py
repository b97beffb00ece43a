"""The public reading view of a translation: never mistaken for the binding German text."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from concept import selectors, translations
from concept.models import Concept
from minden_integration.core.text import render_markdown


@require_safe
def version_translation(request, number: int, lang: str):
    """/konzept/v<number>/<lang>/: each section in the language where it is translated; the
    German beside it where the translation is missing or out of date. Public versions only."""
    concept = Concept.objects.current()
    version = selectors.version_get(concept, number, include_drafts=False)
    language = translations.content_language_get(concept, lang)
    if version is None or language is None:
        raise Http404
    rows = []
    for row in translations.section_rows(version, language.code):
        t = row.translation
        rows.append(
            {
                "row": row,
                "status": row.status,
                "body_html": render_markdown(t.body) if t else "",
                "german_html": render_markdown(row.section.body),
            }
        )
    return render(
        request,
        "concept/version_translation.html",
        {
            "version": version,
            "language": language,
            "rows": rows,
            "has_example": any(
                r["row"].translation and r["row"].translation.is_example for r in rows
            ),
            "alternates": translations.available_translations(version),
        },
    )
