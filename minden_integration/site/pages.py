"""Default texts of the pages the officer edits; created once, never overwritten.

Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit are built from the city's
settings (`city`); their pages hold only what a city adds below, empty by default. The page in
Leichte Sprache holds its introduction; the four explanations are `Explanation` rows.
"""

from __future__ import annotations

from django.db import transaction

from minden_integration.site.models import Page, PageSlug

EASY_LANGUAGE_INTRO = (
    "Hier erklären wir diese Internet-Seite in Leichter Sprache.\n\n"
    "Leichte Sprache ist für alle Menschen, die Texte leicht verstehen wollen."
)

DEFAULT_PAGES = {
    PageSlug.IMPRINT: ("Impressum", ""),
    PageSlug.PRIVACY: ("Datenschutzerklärung", ""),
    PageSlug.ACCESSIBILITY: ("Erklärung zur Barrierefreiheit", ""),
    PageSlug.EASY_LANGUAGE: ("Das Portal in Leichter Sprache", EASY_LANGUAGE_INTRO),
}


@transaction.atomic
def pages_ensure() -> int:
    """Create the pages that are missing; texts the officer has edited stay as they are."""
    created = 0
    for slug, (title, body) in DEFAULT_PAGES.items():
        _, was_created = Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body}
        )
        created += was_created
    return created
