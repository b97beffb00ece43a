"""The built-in texts in Leichte Sprache: the four explanations BITV NRW (§ 4) asks for.

Content, not interface: German on every language's page. `%(city)s` is the city's full name
(e.g. „Stadt Minden“); a text the officer writes in the admin replaces the built-in one.
"""

from __future__ import annotations

import re

from minden_integration.site.explanations import ExplanationTopic


def _sentences(text: str) -> str:
    """One sentence a line, as Leichte Sprache asks: each line becomes its own paragraph."""
    return re.sub(r"(?<!\n)\n(?!\n|- )", "\n\n", text)


_TEXTS = {
    ExplanationTopic.CONTENT: (
        "Die %(city)s hat ein **Integrations-Konzept**.\n\n"
        "Ein Konzept ist ein Plan.\n\n"
        "In dem Plan steht: So wollen wir gut zusammen-leben.\n\n"
        "Viele Menschen haben den Plan zusammen geschrieben.\n"
        "Sie haben sich in Arbeits-Gruppen getroffen.\n\n"
        "Auf dieser Internet-Seite können Sie:\n\n"
        "- den Plan lesen.\n"
        "- die Maßnahmen sehen. Eine Maßnahme ist eine Sache, die die Stadt tun will.\n"
        "- sehen: So weit ist die Stadt mit jeder Maßnahme.\n\n"
        "Der Plan wird immer wieder verbessert.\n"
        "Dann gibt es eine neue Version.\n"
        "Eine Version ist eine neue Fassung von dem Plan."
    ),
    ExplanationTopic.NAVIGATION: (
        "Oben auf jeder Seite ist ein Menü.\n"
        "Das Menü hat diese Punkte:\n\n"
        "- **Konzept**: Hier lesen Sie den Plan.\n"
        "- **Arbeits-Gruppen**: Hier steht, wer mitgemacht hat. "
        "Und wann sich die Gruppen getroffen haben.\n"
        "- **Maßnahmen**: Hier stehen alle Maßnahmen.\n"
        "- **Mitmachen**: Hier steht, wie Sie mitmachen können.\n\n"
        "Oben ist auch ein Such-Feld.\n"
        "Dort können Sie ein Wort eingeben.\n"
        "Dann finden Sie alle Seiten mit diesem Wort.\n\n"
        "Ganz unten auf jeder Seite sind noch mehr Links.\n"
        "Zum Beispiel zu dieser Seite in Leichter Sprache.\n"
        "Und zu den Videos in Gebärden-Sprache.\n\n"
        "Sie können die Seite auch mit der Tastatur benutzen.\n"
        "Mit der Tab-Taste kommen Sie von einem Link zum nächsten Link."
    ),
    ExplanationTopic.STATEMENT: (
        "Die %(city)s möchte:\n"
        "Alle Menschen können diese Internet-Seite gut benutzen.\n"
        "Auch Menschen mit Behinderung.\n\n"
        "Das steht auch in einem Gesetz.\n"
        "Das Gesetz heißt: Behinderten-Gleichstellungs-Gesetz Nordrhein-Westfalen.\n\n"
        "Deshalb gibt es die **Erklärung zur Barriere-Freiheit**.\n"
        "Barriere-Freiheit bedeutet: Es gibt keine Hindernisse.\n\n"
        "In der Erklärung steht:\n\n"
        "- Was auf der Internet-Seite schon gut ist.\n"
        "- Was noch nicht gut ist.\n\n"
        "Haben Sie ein Problem mit der Internet-Seite?\n"
        "Dann schreiben Sie uns.\n"
        "Das Formular dafür ist bei der Erklärung.\n"
        "Sie bekommen eine Antwort.\n\n"
        "Sind Sie mit der Antwort nicht zufrieden?\n"
        "Dann können Sie sich an die **Ombuds-Stelle** wenden.\n"
        "Die Ombuds-Stelle hilft Ihnen.\n"
        "Das kostet nichts."
    ),
    ExplanationTopic.OFFERS: (
        "Auf dieser Internet-Seite gibt es noch mehr:\n\n"
        "- Sie können den Plan herunter-laden. Zum Beispiel als PDF-Datei.\n"
        "- Sie können prüfen: Ist eine Datei wirklich von der Stadt? "
        "Das geht auf der Seite „Echtheit prüfen“.\n"
        "- Die Internet-Seite gibt es auch auf Englisch.\n"
        "- Mitglieder der Arbeits-Gruppen können sich anmelden. "
        "Dann können sie Vorschläge für den Plan machen.\n\n"
        "Haben Sie Fragen?\n"
        "Dann schreiben Sie der Stadt.\n"
        "Die Kontakt-Daten stehen im Impressum."
    ),
}


EASY_TEXTS = {topic: _sentences(text) for topic, text in _TEXTS.items()}


def easy_text(topic: str, *, city: str) -> str:
    return EASY_TEXTS[ExplanationTopic(topic)] % {"city": city}
