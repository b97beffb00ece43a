"""Invented example content for `load_minden --demo`: every text here is fiction.

It shows what the portal looks like with a full concept. The real measure texts, goals,
recommendations, minutes and the concept text itself are not public; nothing here claims to be
them, and every title says "Beispiel". The loader marks each row `is_example` where the model
has the field.
"""

from __future__ import annotations

from workgroups.models import MembershipRole, Sector

NOTICE = (
    "Beispielinhalt: erfundener Text zur Vorführung des Portals, "
    "kein Inhalt des echten Mindener Integrationskonzepts."
)

# --- organisations and target groups ----------------------------------------------------------

# (name, sector): every sector the article names, plus the others of the model.
ORGANISATIONS: list[tuple[str, str]] = [
    ("Beispiel-Grundschule am Weserufer", Sector.EDUCATION),
    ("Beispiel-Gesamtschule Nord", Sector.EDUCATION),
    ("Beispiel-Familienzentrum Sonnenblume", Sector.EDUCATION),
    ("Beispiel-Bildungswerk an der Weser", Sector.EDUCATION),
    ("Beispiel-Migrationsberatung im Quartier", Sector.SOCIAL_SERVICE),
    ("Beispiel-Sozialdienst Rechtes Weserufer", Sector.SOCIAL_SERVICE),
    ("Beispiel-Jugendtreff Weserblick", Sector.YOUTH_WORK),
    ("Beispiel-Verein für Jugendsozialarbeit", Sector.YOUTH_WORK),
    ("Beispiel-Kirchengemeinde am Markt", Sector.CHURCH),
    ("Beispiel-Ökumenischer Arbeitskreis", Sector.CHURCH),
    ("Beispiel-Moscheeverein Mitte", Sector.MOSQUE_CULTURAL),
    ("Beispiel-Kulturverein Brücke", Sector.MOSQUE_CULTURAL),
    ("Beispiel-Internationales Kulturhaus", Sector.MOSQUE_CULTURAL),
    ("Beispiel-Elternverein Vielfalt", Sector.MIGRANT_ORGANISATION),
    ("Beispiel-Netzwerk der Migrantenorganisationen", Sector.MIGRANT_ORGANISATION),
    ("Beispiel-Fachbereich Jugend, Schule und Soziales", Sector.ADMINISTRATION),
    ("Beispiel-Stabsstelle Integration", Sector.ADMINISTRATION),
    ("Beispiel-Arbeitskreis Kommunalpolitik", Sector.POLITICS),
    ("Beispiel-Arbeitsvermittlung", Sector.OTHER),
    ("Beispiel-Netzwerk Handwerksbetriebe", Sector.OTHER),
]

# (slug, name): generic groups of people, never a person's origin.
TARGET_GROUPS: list[tuple[str, str]] = [
    ("kinder-im-kita-alter", "Kinder im Kita-Alter"),
    ("schuelerinnen-und-schueler", "Schülerinnen und Schüler"),
    ("jugendliche-und-junge-erwachsene", "Jugendliche und junge Erwachsene"),
    ("eltern", "Eltern"),
    ("neu-zugewanderte", "Neu Zugewanderte"),
    ("arbeitsuchende", "Arbeitsuchende"),
    ("seniorinnen-und-senioren", "Seniorinnen und Senioren"),
    ("vereine-und-ehrenamtliche", "Vereine und Ehrenamtliche"),
]

# --- working groups: participant counts, memberships, session rounds ---------------------------

# The article gives "rund 50" in total; this split is invented.

# Organisations that do *not* sit in a group (by index into ORGANISATIONS); the others do, once.
ABSENT_ORGANISATIONS = {
    "bildung-und-erziehung": {9, 18, 19},
    "arbeit-und-soziales": {0, 1, 10},
    "dialog-und-gesellschaftliche-teilhabe": {2, 3, 18, 19},
}

# Accounts (unusable passwords) so that example amendments have authors.
MEMBER_USERS: list[dict] = [
    {
        "username": "beispiel.mitglied1@minden.invalid",
        "first_name": "Erika",
        "last_name": "Mustermann",
        "group": "bildung-und-erziehung",
        "organisation": "Beispiel-Familienzentrum Sonnenblume",
        "consent": True,
    },
    {
        "username": "beispiel.mitglied2@minden.invalid",
        "first_name": "Max",
        "last_name": "Mustermann",
        "group": "arbeit-und-soziales",
        "organisation": "Beispiel-Migrationsberatung im Quartier",
        "consent": True,
    },
    {
        "username": "beispiel.mitglied3@minden.invalid",
        "first_name": "Hans",
        "last_name": "Beispiel",
        "group": "dialog-und-gesellschaftliche-teilhabe",
        "organisation": "Beispiel-Kulturverein Brücke",
        "consent": False,
    },
]
# Records the example decisions and progress reports; cannot log in.
OFFICER_USER = {
    "username": "beispiel.beauftragte@minden.invalid",
    "first_name": "Beispiel",
    "last_name": "Integrationsbeauftragte",
}

# Named participants without an account: one with consent, one without (name stays private).
NAMED_PARTICIPANTS: list[dict] = [
    {
        "group": "bildung-und-erziehung",
        "organisation": "Beispiel-Grundschule am Weserufer",
        "name": "Petra Probe",
        "consent": True,
        "role": MembershipRole.CHAIR,
    },
    {
        "group": "arbeit-und-soziales",
        "organisation": "Beispiel-Stabsstelle Integration",
        "name": "Otto Normal",
        "consent": True,
        "role": MembershipRole.CHAIR,
    },
    {
        "group": "dialog-und-gesellschaftliche-teilhabe",
        "organisation": "Beispiel-Kirchengemeinde am Markt",
        "name": "Lieschen Müller",
        "consent": True,
        "role": MembershipRole.CHAIR,
    },
    {
        "group": "dialog-und-gesellschaftliche-teilhabe",
        "organisation": "Beispiel-Arbeitskreis Kommunalpolitik",
        "name": "Karl Beispielmann",
        "consent": False,
        "role": MembershipRole.MEMBER,
    },
]
# Guests (a role the model knows) are the last organisation listed for each group.
GUEST_ORGANISATIONS = {
    "bildung-und-erziehung": "Beispiel-Arbeitskreis Kommunalpolitik",
    "arbeit-und-soziales": "Beispiel-Netzwerk Handwerksbetriebe",
    "dialog-und-gesellschaftliche-teilhabe": "Beispiel-Jugendtreff Weserblick",
}

AGENDAS = {
    1: (
        "*Beispiel-Tagesordnung (erfunden)*\n\n"
        "1. Begrüßung und Vorstellungsrunde\n"
        "2. Bestandsaufnahme: Welche Angebote gibt es in Minden bereits?\n"
        "3. Wo fehlt etwas? Handlungsbedarfe sammeln\n"
        "4. Verabredungen für die zweite Sitzungsrunde"
    ),
    2: (
        "*Beispiel-Tagesordnung (erfunden)*\n\n"
        "1. Rückblick auf die erste Sitzungsrunde\n"
        "2. Ziele für das Handlungsfeld formulieren\n"
        "3. Ideen für Einzelmaßnahmen sammeln\n"
        "4. Verschiedenes"
    ),
    3: (
        "*Beispiel-Tagesordnung (erfunden)*\n\n"
        "1. Maßnahmen ordnen und Prioritäten setzen\n"
        "2. Federführung, Partner und Zeitrahmen klären\n"
        "3. Vorbereitung der zweiten Integrationskonferenz"
    ),
}

# Per group and round: (minutes, published?) or None for "no minutes yet".
_MINUTES = (
    "*Beispielprotokoll (erfunden)*\n\n"
    "Die Arbeitsgruppe „{group}“ kam zu ihrer {round}. Sitzungsrunde zusammen. "
    "Vertreten waren Bildungseinrichtungen, Sozialdienste, Vereine und die Stadtverwaltung.\n\n"
    "**Ergebnisse:** {result}\n\n"
    "**Nächste Schritte:** Die Moderation fasst die Ergebnisse zusammen und verschickt sie "
    "an alle Teilnehmenden."
)
_RESULTS = {
    1: "Die Gruppe hat eine Liste bestehender Angebote zusammengestellt und Lücken benannt.",
    2: "Vier Ziele wurden formuliert; zu jedem Ziel liegen erste Maßnahmenvorschläge vor.",
    3: "Die Maßnahmen sind geordnet, mit Federführung, Partnern und Zeitrahmen versehen.",
}
MINUTES_PUBLISHED = {
    "bildung-und-erziehung": {1: True, 2: True, 3: False},
    "arbeit-und-soziales": {1: True, 2: False, 3: False},
    "dialog-und-gesellschaftliche-teilhabe": {1: True, 2: True, 3: None},
}


def minutes_text(*, group_name: str, round_number: int) -> str:
    return _MINUTES.format(group=group_name, round=round_number, result=_RESULTS[round_number])


# --- goals and the 99 measures ----------------------------------------------------------------

# group slug -> [(code, goal title, [measure titles])]; 33 measures per group, 99 in all.
GOALS: dict[str, list[tuple[str, str, list[str]]]] = {
    "bildung-und-erziehung": [
        (
            "B1",
            "Sprachkompetenz von Anfang an fördern",
            [
                "Sprachförderung in Kitas ausbauen",
                "Alltagsintegrierte Sprachbildung in Fortbildungen für Fachkräfte verankern",
                "Mehrsprachige Vorlesestunden in der Stadtbibliothek anbieten",
                "Sprachentwicklung regelmäßig mit den Eltern besprechen",
                "Eltern-Kind-Sprachgruppen in Familienzentren einrichten",
                "Sprachpatenschaften zwischen Ehrenamtlichen und Kita-Kindern vermitteln",
                "Übergang von der Kita in die Grundschule mit Sprachdokumentation begleiten",
                "Mehrsprachige Medienkisten für Kitas zusammenstellen",
            ],
        ),
        (
            "B2",
            "Eltern als Bildungspartner gewinnen",
            [
                "Elterncafés in Grundschulen einrichten",
                "Mehrsprachige Informationen zum Schulsystem herausgeben",
                "Elternlotsinnen und Elternlotsen ausbilden",
                "Elternabende mit Sprachmittlung ermöglichen",
                "Elternarbeit von Schulen und Kulturvereinen gemeinsam gestalten",
                "Informationsabende zur Schulwahl nach Klasse 4 anbieten",
                "Familienbildungskurse in Stadtteilzentren anbieten",
                "Sprachmittlerpool für Bildungseinrichtungen aufbauen",
            ],
        ),
        (
            "B3",
            "Bildungserfolg in der Schule stärken",
            [
                "Hausaufgabenhilfe in den Stadtteilen ausweiten",
                "Mehrsprachigkeit im Schulalltag sichtbar machen",
                "Interkulturelle Fortbildungen für Lehrkräfte anbieten",
                "Lernpatenschaften mit Studierenden vermitteln",
                "Seiteneinsteigerinnen und Seiteneinsteiger in Schulen begleiten",
                "Ganztagsangebote für alle Kinder öffnen",
                "Schulsozialarbeit an weiteren Schulen verankern",
                "Bildungsberatung für neu zugewanderte Familien bündeln",
            ],
        ),
        (
            "B4",
            "Übergänge in Ausbildung und Studium begleiten",
            [
                "Berufsorientierung ab Klasse 8 gemeinsam mit den Eltern gestalten",
                "Ausbildungspatenschaften vermitteln",
                "Praktikumsbörse mit örtlichen Betrieben aufbauen",
                "Auszubildende als Vorbilder in Schulklassen einladen",
                "Informationsabende zu Studium und Stipendien anbieten",
                "Bewerbungstraining in Jugendzentren anbieten",
                "Übergangsmanagement Schule–Beruf koordinieren",
                "Nachholen von Schulabschlüssen erleichtern",
                "Weiterbildungsangebote für junge Erwachsene bekannt machen",
            ],
        ),
    ],
    "arbeit-und-soziales": [
        (
            "A1",
            "Zugang zu Ausbildung und Arbeit verbessern",
            [
                "Interkulturelle Öffnung von Ausbildungsbetrieben unterstützen",
                "Ausbildungsmesse mit mehrsprachiger Beratung veranstalten",
                "Migrantenunternehmen als Ausbildungsbetriebe gewinnen",
                "Berufsbezogene Sprachkurse ausbauen",
                "Mentoring für Berufseinsteigerinnen und Berufseinsteiger anbieten",
                "Teilzeitausbildung für junge Eltern ermöglichen",
                "Jobbörse im Stadtteil einrichten",
                "Anonymisierte Bewerbungsverfahren in der Stadtverwaltung erproben",
            ],
        ),
        (
            "A2",
            "Berufliche Qualifikationen anerkennen und nutzen",
            [
                "Beratung zur Anerkennung ausländischer Abschlüsse vor Ort anbieten",
                "Anpassungsqualifizierungen mit Bildungsträgern organisieren",
                "Lotsendienst für Anerkennungsverfahren einrichten",
                "Mehrsprachiges Merkblatt zu Anerkennungsverfahren herausgeben",
                "Arbeitgeber über Anerkennungsverfahren informieren",
                "Pflegekräfte mit ausländischem Abschluss bei der Qualifizierung unterstützen",
                "Existenzgründungsberatung interkulturell ausrichten",
                "Ehrenamtliche Bewerbungshelferinnen und -helfer schulen",
            ],
        ),
        (
            "A3",
            "Beratung und soziale Dienste interkulturell öffnen",
            [
                "Interkulturelle Schulungen für Beschäftigte der Stadtverwaltung anbieten",
                "Wegweiser zu Beratungsangeboten mehrsprachig veröffentlichen",
                "Sprachmittlung in Beratungsstellen sicherstellen",
                "Sprechstunden von Beratungsdiensten in Stadtteilzentren anbieten",
                "Vernetzungstreffen der Migrationsdienste regelmäßig durchführen",
                "Mehrsprachige Fachkräfte für soziale Dienste gewinnen",
                "Zufriedenheit mit Beratungsangeboten erfragen",
                "Willkommensmappe für Neuzugewanderte erstellen",
            ],
        ),
        (
            "A4",
            "Gesundheit und Wohnen im Quartier stärken",
            [
                "Gesundheitslotsinnen und -lotsen ausbilden",
                "Mehrsprachige Informationen zur Gesundheitsvorsorge verbreiten",
                "Kultursensible Pflege in Einrichtungen fördern",
                "Seniorenarbeit interkulturell öffnen",
                "Nachbarschaftsprojekte in Wohnquartieren unterstützen",
                "Beratung zu Wohnungssuche und Mietrecht anbieten",
                "Sportangebote für Frauen im Stadtteil schaffen",
                "Suchtprävention gemeinsam mit Kultur- und Moscheevereinen durchführen",
                "Quartiersmanagement mit Integrationsarbeit verknüpfen",
            ],
        ),
    ],
    "dialog-und-gesellschaftliche-teilhabe": [
        (
            "D1",
            "Begegnung und interkulturellen Dialog fördern",
            [
                "Interkulturelle Woche gemeinsam gestalten",
                "Stadtteilfeste mit Vereinen ausrichten",
                "Begegnungscafé in der Innenstadt einrichten",
                "Erzählcafé mit Lebensgeschichten aus der Stadt anbieten",
                "Interkulturellen Kalender herausgeben",
                "Kulturveranstaltungen von Migrantenorganisationen bewerben",
                "Partnerschaften zwischen Sportvereinen und Kulturvereinen stiften",
                "Medienprojekt mit Jugendlichen zur Vielfalt in der Stadt durchführen",
            ],
        ),
        (
            "D2",
            "Interreligiösen Austausch verstetigen",
            [
                "Runden Tisch der Religionen einrichten",
                "Tage der offenen Tür von Moscheen und Kirchen gemeinsam bewerben",
                "Interreligiöse Schulprojekte unterstützen",
                "Interreligiöse Gesprächsreihe in der Erwachsenenbildung anbieten",
                "Besuche von Gotteshäusern für Schulklassen organisieren",
                "Ehrenamtliche in Gemeinden und Vereinen fortbilden",
                "Zusammenarbeit in der Krankenhausseelsorge ausbauen",
                "Gemeinsame Erklärung gegen Diskriminierung erarbeiten",
            ],
        ),
        (
            "D3",
            "Ehrenamt und Vereinsleben öffnen",
            [
                "Ehrenamtsbörse mehrsprachig bewerben",
                "Vereine bei der interkulturellen Öffnung beraten",
                "Migrantenorganisationen bei der Vereinsarbeit unterstützen",
                "Anerkennungskultur für Ehrenamtliche stärken",
                "Räume für Vereine im Stadtteil bereitstellen",
                "Qualifizierung für Vereinsvorstände anbieten",
                "Integrationslotsinnen und -lotsen gewinnen",
                "Freiwilligendienste für junge Menschen bekannt machen",
            ],
        ),
        (
            "D4",
            "Politische Teilhabe stärken",
            [
                "Beteiligung an der Wahl zum Integrationsrat erhöhen",
                "Integrationsrat in den Stadtteilen bekannter machen",
                "Informationsreihe „Wie funktioniert Kommunalpolitik?“ anbieten",
                "Einbürgerungsfeier im Rathaus ausrichten",
                "Jugendforum zur Stadtpolitik mit vielfältiger Beteiligung einrichten",
                "Beteiligung an Planungsverfahren erleichtern",
                "Lokale Medien regelmäßig über das Integrationskonzept informieren",
                "Integrationskonferenz als jährliches Dialogforum fortführen",
                "Fortschreibung des Integrationskonzepts im Portal begleiten",
            ],
        ),
    ],
}

# Which target groups (slugs) fit a goal; measures cycle through them.
GOAL_TARGET_GROUPS = {
    "B1": ["kinder-im-kita-alter", "eltern"],
    "B2": ["eltern", "schuelerinnen-und-schueler"],
    "B3": ["schuelerinnen-und-schueler", "neu-zugewanderte"],
    "B4": ["jugendliche-und-junge-erwachsene", "schuelerinnen-und-schueler"],
    "A1": ["jugendliche-und-junge-erwachsene", "arbeitsuchende"],
    "A2": ["arbeitsuchende", "neu-zugewanderte"],
    "A3": ["neu-zugewanderte", "eltern"],
    "A4": ["seniorinnen-und-senioren", "eltern"],
    "D1": ["vereine-und-ehrenamtliche", "jugendliche-und-junge-erwachsene"],
    "D2": ["vereine-und-ehrenamtliche", "schuelerinnen-und-schueler"],
    "D3": ["vereine-und-ehrenamtliche", "neu-zugewanderte"],
    "D4": ["jugendliche-und-junge-erwachsene", "vereine-und-ehrenamtliche"],
}

# In which session round each of a goal's measures came up, one digit per measure in order:
# round 1 took stock and named gaps, round 2 formulated the goals and collected most measures,
# round 3 ordered them and added a few. Invented like the measures themselves.
ORIGIN_ROUNDS = {
    "B1": "12222233",
    "B2": "22222223",
    "B3": "12222322",
    "B4": "222222333",
    "A1": "22222232",
    "A2": "12222322",
    "A3": "22122223",
    "A4": "222222233",
    "D1": "11222223",
    "D2": "12222232",
    "D3": "22222233",
    "D4": "222223333",
}

# Lead organisations (names) a group's measures draw on; partners come from the group's members.
GROUP_LEADS = {
    "bildung-und-erziehung": [
        "Beispiel-Familienzentrum Sonnenblume",
        "Beispiel-Grundschule am Weserufer",
        "Beispiel-Gesamtschule Nord",
        "Beispiel-Bildungswerk an der Weser",
        "Beispiel-Fachbereich Jugend, Schule und Soziales",
        "Beispiel-Elternverein Vielfalt",
    ],
    "arbeit-und-soziales": [
        "Beispiel-Migrationsberatung im Quartier",
        "Beispiel-Arbeitsvermittlung",
        "Beispiel-Sozialdienst Rechtes Weserufer",
        "Beispiel-Stabsstelle Integration",
        "Beispiel-Netzwerk Handwerksbetriebe",
    ],
    "dialog-und-gesellschaftliche-teilhabe": [
        "Beispiel-Internationales Kulturhaus",
        "Beispiel-Ökumenischer Arbeitskreis",
        "Beispiel-Moscheeverein Mitte",
        "Beispiel-Netzwerk der Migrantenorganisationen",
        "Beispiel-Jugendtreff Weserblick",
        "Beispiel-Stabsstelle Integration",
    ],
}


def measure_description(*, goal_code: str, goal_title: str) -> str:
    return (
        f"{NOTICE}\n\n"
        f"Diese erfundene Einzelmaßnahme gehört zum Beispielziel {goal_code} „{goal_title}“. "
        "Sie zeigt, wie eine Maßnahme mit Federführung, Partnern, Zielgruppen, Zeitrahmen und "
        "Umsetzungsstand dargestellt wird. Die 99 echten Einzelmaßnahmen der Arbeitsgruppen "
        "sind nicht veröffentlicht."
    )


# Sequences of progress reports, and how often each is drawn for a measure with a short,
# medium or long time frame: short-term measures are further along, long-term ones more
# often not yet started. Every status occurs.
PROGRESS_SEQUENCES: list[tuple[tuple[str, ...], tuple[int, int, int]]] = [
    ((), (1, 3, 6)),
    (("planned",), (1, 2, 2)),
    (("in_progress",), (3, 4, 3)),
    (("in_progress", "implemented"), (5, 2, 0)),
    (("ongoing",), (1, 1, 1)),
    (("in_progress", "ongoing"), (2, 2, 1)),
    (("deferred",), (1, 1, 1)),
    (("in_progress", "deferred"), (0, 1, 0)),
    (("dropped",), (1, 1, 1)),
]
# Indicators of a few measures (by title): name, unit, baseline, target. Each report of the
# measure records a value on the way to the target (INDICATOR_SHARES of the distance).
INDICATORS: dict[str, tuple[str, str, int, int]] = {
    "Sprachförderung in Kitas ausbauen": (
        "Kitas mit zusätzlicher Sprachförderkraft",
        "Kitas",
        4,
        18,
    ),
    "Elterncafés in Grundschulen einrichten": ("Grundschulen mit Elterncafé", "Schulen", 0, 11),
    "Berufsbezogene Sprachkurse ausbauen": ("Berufsbezogene Sprachkurse im Jahr", "Kurse", 4, 20),
}
INDICATOR_SHARES = (0.4, 0.65)
# A contact who reports for one measure as their organisation (not a working-group member); their
# latest report still waits for the officer's review.
CONTACT_USER = {
    "username": "beispiel.ansprechstelle@minden.invalid",
    "first_name": "Beispiel",
    "last_name": "Ansprechstelle",
}
CONTACT_MEASURE = "Berufsbezogene Sprachkurse ausbauen"
CONTACT_ORGANISATION = "Beispiel-Bildungswerk an der Weser"
PENDING_REPORT = (
    "in_progress",
    "Beispielmeldung: Drei weitere Kurse sind ausgebucht; zwei neue beginnen nach den Ferien.",
    0.8,
)
PENDING_DAYS = (12, 2)

PROGRESS_NOTES = {
    "planned": (
        "Beispielmeldung: Die Planung ist mit den Partnern abgestimmt; der Start ist vorbereitet."
    ),
    "in_progress": (
        "Beispielmeldung: Die Umsetzung hat begonnen; erste Termine haben stattgefunden."
    ),
    "implemented": "Beispielmeldung: Die Maßnahme ist umgesetzt; ein kurzer Bericht liegt vor.",
    "ongoing": "Beispielmeldung: Das Angebot läuft dauerhaft und wird jährlich ausgewertet.",
    "deferred": "Beispielmeldung: Zurückgestellt, bis die Finanzierung geklärt ist.",
    "dropped": "Beispielmeldung: Entfällt, weil ein gleichartiges Angebot bereits besteht.",
}

# --- imap's recommendations -------------------------------------------------------------------

# (code, title, text, goal whose first measures it builds on, measure numbers from other groups)
RECOMMENDATIONS: list[tuple[str, str, str, str, list[int]]] = [
    (
        "E1",
        "Durchgängige Sprachbildung als gemeinsame Aufgabe verankern",
        "Sprachbildung sollte von der Kita bis zum Schulabschluss abgestimmt erfolgen.",
        "B1",
        [],
    ),
    (
        "E2",
        "Elternbeteiligung systematisch ausbauen",
        "Eltern sollten an allen Bildungsorten als Partner angesprochen werden.",
        "B2",
        [],
    ),
    (
        "E3",
        "Schulische Förderangebote vernetzen",
        "Förderangebote sollten stadtweit bekannt und untereinander abgestimmt sein.",
        "B3",
        [],
    ),
    (
        "E4",
        "Ein kommunales Übergangsmanagement einrichten",
        "Übergänge von der Schule in Ausbildung und Studium sollten koordiniert werden.",
        "B4",
        [34, 38],
    ),
    (
        "E5",
        "Ausbildungsbetriebe für Vielfalt gewinnen",
        "Betriebe sollten für die Ausbildung junger Menschen aller Herkunft gewonnen werden.",
        "A1",
        [26, 27],
    ),
    (
        "E6",
        "Anerkennungsberatung bündeln",
        "Die Beratung zur Anerkennung von Abschlüssen sollte an einer Stelle gebündelt werden.",
        "A2",
        [],
    ),
    (
        "E7",
        "Interkulturelle Öffnung der Verwaltung fortsetzen",
        "Die Stadtverwaltung sollte ihre Dienste weiter interkulturell öffnen.",
        "A3",
        [16],
    ),
    (
        "E8",
        "Quartiersarbeit und Gesundheitsförderung verbinden",
        "Gesundheitsangebote sollten dort ansetzen, wo Menschen wohnen.",
        "A4",
        [],
    ),
    (
        "E9",
        "Begegnungsorte schaffen und bekannt machen",
        "Es sollte feste, offene Orte der Begegnung in der Stadt geben.",
        "D1",
        [62],
    ),
    (
        "E10",
        "Den interreligiösen Dialog verstetigen",
        "Der Austausch der Religionsgemeinschaften sollte eine feste Form erhalten.",
        "D2",
        [],
    ),
    (
        "E11",
        "Vereine und Ehrenamt interkulturell öffnen",
        "Vereine sollten bei der Öffnung für neue Mitglieder begleitet werden.",
        "D3",
        [73],
    ),
    (
        "E12",
        "Politische Teilhabe und Integrationsrat stärken",
        "Der Integrationsrat und die Beteiligungswege der Stadt sollten bekannter werden.",
        "D4",
        [],
    ),
]


def recommendation_text(text: str) -> str:
    return f"{NOTICE}\n\nBeispiel-Handlungsempfehlung: {text}"


# --- the example versions ---------------------------------------------------------------------

# Sections of version 1: key, level, number, title, body (Markdown), Leichte Sprache,
# and the goals whose first three measures the section cites.
SECTIONS_V1: list[dict] = [
    {
        "key": "einleitung",
        "level": 1,
        "number": "1",
        "title": "Einleitung",
        "body": (
            f"> **{NOTICE}**\n\n"
            "Dieses Beispiel zeigt, wie ein Integrationskonzept im Portal gelesen, "
            "kommentiert und fortgeschrieben wird. Aufbau und Abläufe entsprechen dem "
            "Mindener Verfahren; die Texte sind erfunden."
        ),
        "easy": (
            "Das ist ein Beispiel-Text. Er ist ausgedacht. "
            "Er zeigt, wie das Integrations-Konzept im Internet aussieht."
        ),
        "cites": [],
    },
    {
        "key": "anlass-und-ziel",
        "level": 2,
        "number": "1.1",
        "title": "Anlass und Ziel des Konzepts",
        "body": (
            "Das Konzept soll den **Bedarf an neuen Angeboten** feststellen, die bestehenden "
            "Angebote im Integrationsprozess **koordinieren** und sie **transparenter** machen.\n\n"
            "Es ist kein abgeschlossenes Papier: Auch nach dem Beschluss wird es im Dialog "
            "der Beteiligten weiterentwickelt."
        ),
        "easy": (
            "Das Konzept soll zeigen: Welche Angebote gibt es schon? Welche Angebote fehlen noch? "
            "Das Konzept wird immer weiter verbessert."
        ),
        "cites": [],
    },
    {
        "key": "beteiligungsprozess",
        "level": 2,
        "number": "1.2",
        "title": "Der Beteiligungsprozess",
        "body": (
            "Die erste Integrationskonferenz bildete drei Arbeitsgruppen, die in je drei "
            "Sitzungsrunden Ziele und Maßnahmen erarbeiteten. Auf der zweiten "
            "Integrationskonferenz wurde der erste Entwurf vorgestellt.\n\n"
            "- Arbeitsgruppe *Bildung und Erziehung*\n"
            "- Arbeitsgruppe *Arbeit und Soziales*\n"
            "- Arbeitsgruppe *Dialog und gesellschaftliche Teilhabe*"
        ),
        "easy": "",
        "cites": [],
    },
    {
        "key": "leitlinien",
        "level": 1,
        "number": "2",
        "title": "Leitlinien der Integrationsarbeit",
        "body": (
            "Integration ist eine Aufgabe der ganzen Stadtgesellschaft. Beispielhafte "
            "Leitlinien:\n\n"
            "1. Angebote richten sich an alle, die sie brauchen.\n"
            "2. Bestehende Angebote werden vernetzt, bevor neue entstehen.\n"
            "3. Vereine, Gemeinden und Einrichtungen arbeiten auf Augenhöhe zusammen.\n"
            "4. Was erreicht wurde, wird offen berichtet."
        ),
        "easy": ("Alle in der Stadt sollen zusammen-arbeiten. Angebote sind für alle Menschen da."),
        "cites": [],
    },
    {
        "key": "bildung-und-erziehung",
        "level": 1,
        "number": "3",
        "title": "Handlungsfeld Bildung und Erziehung",
        "body": (
            "Bildung ist ein Schlüssel zur Teilhabe. Das Handlungsfeld reicht von der Kita über "
            "die Schule bis zum Übergang in Ausbildung und Studium."
        ),
        "easy": "In diesem Teil geht es um Kita, Schule und Ausbildung.",
        "cites": [],
    },
    {
        "key": "fruehkindliche-bildung",
        "level": 2,
        "number": "3.1",
        "title": "Frühkindliche Bildung und Sprachförderung",
        "body": (
            "Sprache wird im Alltag gelernt. Kitas und Familienzentren fördern sie gemeinsam "
            "mit den Eltern; mehrsprachige Angebote machen die Familiensprachen sichtbar."
        ),
        "easy": "",
        "cites": ["B1", "B2"],
    },
    {
        "key": "schule-und-uebergang",
        "level": 2,
        "number": "3.2",
        "title": "Schule und Übergang in den Beruf",
        "body": (
            "Schulen, Jugendhilfe und Betriebe begleiten Jugendliche gemeinsam bis in Ausbildung "
            "oder Studium. Hausaufgabenhilfe und Lernpatenschaften ergänzen den Unterricht."
        ),
        "easy": "",
        "cites": ["B3", "B4"],
    },
    {
        "key": "arbeit-und-soziales",
        "level": 1,
        "number": "4",
        "title": "Handlungsfeld Arbeit und Soziales",
        "body": (
            "Arbeit sichert den Lebensunterhalt und schafft Kontakte. Beratung und soziale "
            "Dienste sollen alle Menschen erreichen."
        ),
        "easy": "In diesem Teil geht es um Arbeit und Beratung.",
        "cites": [],
    },
    {
        "key": "ausbildung-und-beschaeftigung",
        "level": 2,
        "number": "4.1",
        "title": "Ausbildung und Beschäftigung",
        "body": (
            "Betriebe, Arbeitsvermittlung und Bildungsträger öffnen Wege in Ausbildung und "
            "Arbeit. Im Ausland erworbene Abschlüsse sollen schneller anerkannt und genutzt werden."
        ),
        "easy": "",
        "cites": ["A1", "A2"],
    },
    {
        "key": "beratung-und-soziale-angebote",
        "level": 2,
        "number": "4.2",
        "title": "Beratung und soziale Angebote",
        "body": (
            "Beratungsstellen bieten Sprechstunden in den Stadtteilen an und sichern die "
            "Sprachmittlung. Ein mehrsprachiger Wegweiser zeigt, wer wobei hilft."
        ),
        "easy": "",
        "cites": ["A3", "A4"],
    },
    {
        "key": "dialog-und-teilhabe",
        "level": 1,
        "number": "5",
        "title": "Handlungsfeld Dialog und gesellschaftliche Teilhabe",
        "body": (
            "Zusammenleben braucht Begegnung. Vereine, Religionsgemeinschaften und Politik "
            "schaffen Gelegenheiten zum Gespräch und zur Mitwirkung."
        ),
        "easy": "In diesem Teil geht es um Begegnung und Mit-Bestimmen.",
        "cites": [],
    },
    {
        "key": "interkultureller-dialog",
        "level": 2,
        "number": "5.1",
        "title": "Interkultureller und interreligiöser Dialog",
        "body": (
            "Feste, Begegnungscafés und ein Runder Tisch der Religionen bringen Menschen "
            "zusammen, die sich sonst selten begegnen."
        ),
        "easy": "",
        "cites": ["D1", "D2"],
    },
    {
        "key": "ehrenamt-und-teilhabe",
        "level": 2,
        "number": "5.2",
        "title": "Ehrenamt und politische Teilhabe",
        "body": (
            "Vereine öffnen sich für neue Mitglieder; der Integrationsrat wird in den "
            "Stadtteilen bekannter."
        ),
        "easy": "",
        "cites": ["D3", "D4"],
    },
    {
        "key": "umsetzung-und-fortschreibung",
        "level": 1,
        "number": "6",
        "title": "Umsetzung und Fortschreibung",
        "body": (
            "Die Stelle des Integrationsbeauftragten koordiniert die Umsetzung. Einmal im Jahr "
            "wird über den Stand jeder Maßnahme berichtet; das Konzept wird fortgeschrieben."
        ),
        "easy": (
            "Jedes Jahr wird geprüft: Was ist schon gemacht? Dann wird das Konzept verbessert."
        ),
        "cites": [],
    },
]

# Version 2: what changes against version 1 (by stable key).
V2_TITLE = "Fortschreibung 2 (Beispiel)"
V2_EDITS: dict[str, dict[str, str]] = {
    "anlass-und-ziel": {
        "body": (
            "Das Konzept soll den **Bedarf an neuen Angeboten** feststellen, die bestehenden "
            "Angebote im Integrationsprozess **koordinieren** und sie **transparenter** machen.\n\n"
            "Wie das Konzept entstanden ist und wie es weitergeht, zeigt die Zeitleiste des "
            "Portals. Auch nach dem Beschluss wird es im Dialog der Beteiligten weiterentwickelt."
        ),
    },
    "fruehkindliche-bildung": {
        "body": (
            "Sprache wird im Alltag gelernt. Kitas und Familienzentren fördern sie gemeinsam "
            "mit den Eltern; mehrsprachige Angebote machen die Familiensprachen sichtbar.\n\n"
            "Neu: Elterncafés in allen Stadtteilen ergänzen die Sprachförderung in den Kitas."
        ),
    },
    "ausbildung-und-beschaeftigung": {
        "body": (
            "Betriebe, Arbeitsvermittlung und Bildungsträger öffnen Wege in Ausbildung und "
            "Arbeit. Im Ausland erworbene Abschlüsse sollen schneller anerkannt und genutzt "
            "werden; eine Lotsin oder ein Lotse begleitet durch das Anerkennungsverfahren."
        ),
    },
    "ehrenamt-und-teilhabe": {
        "title": "Politische Teilhabe",
        "body": (
            "Der Integrationsrat wird in den Stadtteilen bekannter; eine Informationsreihe "
            "erklärt, wie Kommunalpolitik funktioniert und wo man mitreden kann."
        ),
    },
    "umsetzung-und-fortschreibung": {
        "body": (
            "Die Stelle des Integrationsbeauftragten koordiniert die Umsetzung. Der Stand jeder "
            "Maßnahme ist im Portal jederzeit einsehbar; einmal im Jahr berichtet die "
            "Integrationskonferenz darüber, und das Konzept wird fortgeschrieben."
        ),
    },
}
V2_REMOVED = "beteiligungsprozess"
# Inserted after the section with key `after`; cites the given goals' first measures.
V2_NEW = {
    "after": "ehrenamt-und-teilhabe",
    "key": "ehrenamt-staerken",
    "level": 2,
    "number": "5.3",
    "title": "Ehrenamt und Vereinsleben stärken",
    "body": (
        "Aus der Beteiligung zur ersten Fassung: Vereine werden bei der Öffnung für neue "
        "Mitglieder beraten, Ehrenamtliche erhalten mehr Anerkennung, und Räume im Stadtteil "
        "stehen Vereinen offen."
    ),
    "easy": "Vereine sollen für alle offen sein. Ehren-Amtliche bekommen mehr Dank.",
    "cites": ["D3"],
}

# Amendments to version 1 during its (example) consultation, decided before council review.
AMENDMENTS_V1: list[dict] = [
    {
        "author": 0,
        "section": "fruehkindliche-bildung",
        "kind": "addition",
        "passage": "",
        "proposed_text": "Elterncafés in allen Stadtteilen sollen die Sprachförderung ergänzen.",
        "rationale": "Beispiel: Eltern erreicht man dort, wo sie ohnehin sind.",
        "outcome": "accepted",
        "reasoning": "Beispiel: Der Vorschlag wird in die nächste Fassung übernommen.",
        "adopted_text": "",
    },
    {
        "author": 1,
        "section": "ausbildung-und-beschaeftigung",
        "kind": "correction",
        "passage": "sollen schneller anerkannt und genutzt werden",
        "proposed_text": (
            "sollen schneller anerkannt werden; jede Person erhält eine feste Ansprechperson"
        ),
        "rationale": "Beispiel: Die Verfahren sind für Einzelne schwer zu überblicken.",
        "outcome": "partially_accepted",
        "reasoning": (
            "Beispiel: Eine feste Ansprechperson für jede Person ist nicht leistbar; "
            "ein Lotsendienst wird aufgenommen."
        ),
        "adopted_text": "eine Lotsin oder ein Lotse begleitet durch das Anerkennungsverfahren",
    },
    {
        "author": 2,
        "section": "interkultureller-dialog",
        "kind": "addition",
        "passage": "",
        "proposed_text": (
            "Jeder Verein soll eine Integrationsbeauftragte oder einen -beauftragten benennen."
        ),
        "rationale": "Beispiel: So gäbe es überall eine Ansprechperson.",
        "outcome": "rejected",
        "reasoning": (
            "Beispiel: Die Stadt kann Vereinen keine Vorgaben machen; die Beratung der Vereine "
            "(Abschnitt 5.2) verfolgt dasselbe Ziel."
        ),
        "adopted_text": "",
    },
    {
        "author": 0,
        "section": "leitlinien",
        "kind": "deletion",
        "passage": "Bestehende Angebote werden vernetzt, bevor neue entstehen.",
        "proposed_text": "",
        "rationale": "Beispiel: Die Leitlinie könnte neue Angebote verzögern.",
        "outcome": "withdrawn",
        "reasoning": "",
        "adopted_text": "",
    },
]

# Amendments to version 2, whose consultation is open: submitted, one in review, one draft.
AMENDMENTS_V2: list[dict] = [
    {
        "author": 1,
        "section": "schule-und-uebergang",
        "kind": "addition",
        "passage": "",
        "proposed_text": "Betriebe aus dem Handwerk sollen sich in den Schulen vorstellen.",
        "rationale": "Beispiel: Viele Jugendliche kennen die Ausbildungsberufe im Handwerk kaum.",
        "outcome": "submitted",
    },
    {
        "author": 2,
        "section": "ehrenamt-staerken",
        "kind": "correction",
        "passage": "Ehrenamtliche erhalten mehr Anerkennung",
        "proposed_text": (
            "Ehrenamtliche erhalten mehr Anerkennung, etwa durch einen jährlichen Empfang"
        ),
        "rationale": "Beispiel: Anerkennung sollte konkret werden.",
        "outcome": "in_review",
    },
    {
        "author": 0,
        "section": "umsetzung-und-fortschreibung",
        "kind": "addition",
        "passage": "",
        "proposed_text": "Der Jahresbericht wird auch in Leichter Sprache veröffentlicht.",
        "rationale": "Beispiel: So können mehr Menschen den Stand nachvollziehen.",
        "outcome": "submitted",
    },
    {
        "author": 2,
        "section": "beratung-und-soziale-angebote",
        "kind": "addition",
        "passage": "",
        "proposed_text": "Der Wegweiser soll auch als gedrucktes Heft ausliegen.",
        "rationale": "Beispiel: Nicht alle nutzen das Internet.",
        "outcome": "draft",
    },
]

DECISION_NOTE = (
    "Beispielinhalt: erfundener Verfahrensschritt zur Vorführung des Portals, "
    "kein realer Beschluss."
)
COUNCIL_PAPER_REFERENCE = "DS 0/0000 (Beispiel)"
# Committees the report does not name: example content, so the Beratungsfolge shows how
# several committees deliberate in parallel between the Integrationsrat and the council.
COMMITTEES = [
    (
        "Ausschuss für Schule, Kultur und Sport (Beispiel)",
        "Beispielinhalt: erfundener Fachausschuss, der das Konzept vorberät.",
    ),
    (
        "Ausschuss für Soziales und Gesundheit (Beispiel)",
        "Beispielinhalt: erfundener Fachausschuss, der das Konzept vorberät.",
    ),
]
