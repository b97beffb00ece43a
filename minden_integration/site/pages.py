"""Default texts of the pages the officer edits; created once, never overwritten."""

from __future__ import annotations

from django.db import transaction

from minden_integration.site.models import Conformity, Page, PageSlug

DEFAULT_PAGES = {
    PageSlug.IMPRINT: (
        "Impressum",
        "Dieses Portal ist ein Angebot der Stadt Minden.\n\n"
        "*Die Stadt trägt hier die Angaben nach § 5 Digitale-Dienste-Gesetz ein "
        "(Anschrift, vertretungsberechtigte Person, Kontakt, Aufsichtsbehörde). "
        "Bearbeiten im Verwaltungsbereich unter „Seiten“.*",
    ),
    PageSlug.PRIVACY: (
        "Datenschutzerklärung",
        "Dieses Portal setzt keine Tracking-Werkzeuge ein und lädt keine Inhalte von anderen "
        "Anbietern (keine Schriftarten, Skripte oder Videos fremder Server).\n\n"
        "Beim Aufruf speichert der Server technisch notwendige Daten. Mitglieder der "
        "Arbeitsgruppen, die sich anmelden, werden nur mit ihrer Einwilligung namentlich "
        "genannt; sie können die Einwilligung jederzeit widerrufen.\n\n"
        "*Die Stadt ergänzt hier Verantwortliche, Datenschutzbeauftragte, Rechtsgrundlagen "
        "und Speicherdauern.*",
    ),
    PageSlug.ACCESSIBILITY: (
        "Erklärung zur Barrierefreiheit",
        "Die Stadt Minden ist bemüht, dieses Portal im Einklang mit dem Behindertengleichstellungs"
        "gesetz Nordrhein-Westfalen (BGG NRW) und der Barrierefreie-Informationstechnik-Verordnung "
        "Nordrhein-Westfalen (BITV NRW) barrierefrei zugänglich zu machen.\n\n"
        "Die Seiten werden bei jeder Änderung automatisch mit axe-core (WCAG 2.1, Stufen A und AA) "
        "in einem echten Browser geprüft.\n\n"
        "*Die Stadt ergänzt hier die nicht barrierefreien Inhalte und die Gründe dafür.*",
    ),
    PageSlug.EASY_LANGUAGE: (
        "Das Portal in Leichter Sprache",
        "Die Stadt Minden hat ein **Integrations-Konzept**.\n\n"
        "Ein Konzept ist ein Plan.\n\n"
        "In dem Plan steht: So wollen wir gut zusammen-leben in Minden.\n\n"
        "Viele Menschen haben den Plan zusammen geschrieben.\n\n"
        "Sie haben sich in 3 Arbeits-Gruppen getroffen.\n\n"
        "Auf dieser Internet-Seite können Sie:\n\n"
        "- den Plan lesen,\n"
        "- die Maßnahmen sehen. Eine Maßnahme ist eine Sache, die die Stadt tun will,\n"
        "- sehen, wie weit die Stadt mit jeder Maßnahme ist.\n\n"
        "Der Plan wird immer wieder verbessert. Dafür gibt es neue Versionen.",
    ),
}


@transaction.atomic
def pages_ensure() -> int:
    """Create the pages that are missing; texts the officer has edited stay as they are."""
    created = 0
    for slug, (title, body) in DEFAULT_PAGES.items():
        defaults = {"title": title, "body": body}
        if slug == PageSlug.ACCESSIBILITY:
            defaults["conformity"] = Conformity.PARTIAL
        _, was_created = Page.objects.get_or_create(slug=slug, defaults=defaults)
        created += was_created
    return created
