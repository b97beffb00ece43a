"""The statement's conformity and date move from the page to the city's settings, and the
video of the Leichte Sprache page becomes the video of the explanation "Inhalt"; the old
placeholder texts ("Die Stadt trägt hier … ein") give way to the pages built from the settings.
"""

from django.db import migrations

# The default texts the pages were created with before (minden_integration/site/pages.py):
# replaced only where nobody has edited them.
OLD_DEFAULTS = {
    "impressum": (
        "Impressum",
        "Dieses Portal ist ein Angebot der Stadt Minden.\n\n"
        "*Die Stadt trägt hier die Angaben nach § 5 Digitale-Dienste-Gesetz ein "
        "(Anschrift, vertretungsberechtigte Person, Kontakt, Aufsichtsbehörde). "
        "Bearbeiten im Verwaltungsbereich unter „Seiten“.*",
    ),
    "datenschutz": (
        "Datenschutzerklärung",
        "Dieses Portal setzt keine Tracking-Werkzeuge ein und lädt keine Inhalte von anderen "
        "Anbietern (keine Schriftarten, Skripte oder Videos fremder Server).\n\n"
        "Beim Aufruf speichert der Server technisch notwendige Daten. Mitglieder der "
        "Arbeitsgruppen, die sich anmelden, werden nur mit ihrer Einwilligung namentlich "
        "genannt; sie können die Einwilligung jederzeit widerrufen.\n\n"
        "*Die Stadt ergänzt hier Verantwortliche, Datenschutzbeauftragte, Rechtsgrundlagen "
        "und Speicherdauern.*",
    ),
    "barrierefreiheit": (
        "Erklärung zur Barrierefreiheit",
        "Die Stadt Minden ist bemüht, dieses Portal im Einklang mit dem Behindertengleichstellungs"
        "gesetz Nordrhein-Westfalen (BGG NRW) und der Barrierefreie-Informationstechnik-Verordnung "
        "Nordrhein-Westfalen (BITV NRW) barrierefrei zugänglich zu machen.\n\n"
        "Die Seiten werden bei jeder Änderung automatisch mit axe-core (WCAG 2.1, Stufen A und AA) "
        "in einem echten Browser geprüft.\n\n"
        "*Die Stadt ergänzt hier die nicht barrierefreien Inhalte und die Gründe dafür.*",
    ),
    "leichte-sprache": (
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

EASY_LANGUAGE_INTRO = (
    "Hier erklären wir diese Internet-Seite in Leichter Sprache.\n\n"
    "Leichte Sprache ist für alle Menschen, die Texte leicht verstehen wollen."
)


def forward(apps, schema_editor):
    Page = apps.get_model("site", "Page")
    CitySettings = apps.get_model("site", "CitySettings")
    Explanation = apps.get_model("site", "Explanation")
    statement = Page.objects.filter(slug="barrierefreiheit").first()
    if statement is not None and (statement.conformity or statement.statement_date):
        CitySettings.objects.update_or_create(
            pk=1,
            defaults={
                "conformity": statement.conformity,
                "statement_date": statement.statement_date,
            },
        )
    easy = Page.objects.filter(slug="leichte-sprache").first()
    if easy is not None and easy.video and easy.video_captions:
        Explanation.objects.update_or_create(
            topic="inhalt",
            defaults={"video": easy.video.name, "captions": easy.video_captions.name},
        )
    for slug, (_title, body) in OLD_DEFAULTS.items():
        new = EASY_LANGUAGE_INTRO if slug == "leichte-sprache" else ""
        Page.objects.filter(slug=slug, body=body).update(body=new)


class Migration(migrations.Migration):
    dependencies = [("site", "0003_city_settings_and_explanations")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
