"""What is known of Minden's process, from the Mindener Rundschau of 7 April 2011
(`../shared/seeds/`): the concept, its bodies, working groups, sessions and milestones.

What the report does not say (exact dates, session places, participants per group, committees)
is left empty or stated as unknown, never invented. Fields whose value is unknown are set only
when the row is created, so what the officer enters later is not overwritten.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from concept.models import (
    Body,
    BodyKind,
    Concept,
    ConsultationRole,
    Milestone,
    MilestoneKind,
    MilestoneOutcome,
)
from workgroups.models import Session, WorkingGroup

CONCEPT_TITLE = "Integrationskonzept der Stadt Minden"
CONCEPT_SUMMARY = (
    "Das Integrationskonzept soll dazu dienen, den Bedarf neuer Angebote festzustellen, die "
    "bestehenden Angebote im Integrationsprozess zu koordinieren und transparenter zu "
    "gestalten.\n\n"
    "Den Startschuss gab die erste Integrationskonferenz im Herbst 2010 im Rathaus. Dort "
    "wurden drei thematische Arbeitsgruppen gebildet – „Bildung und Erziehung“, „Arbeit und "
    "Soziales“ sowie „Dialog und gesellschaftliche Teilhabe“ –, die zu je drei Sitzungsrunden "
    "zusammenkamen. Insgesamt nahmen rund 50 Personen teil, darunter Vertreterinnen und "
    "Vertreter der Mindener Bildungseinrichtungen, Sozialdienste, Jugendarbeit und Kirchen, "
    "der Moschee- und Kulturvereine sowie der Stadtverwaltung und der Politik. Wie sich die "
    "Teilnehmenden auf die drei Gruppen verteilten, ist nicht veröffentlicht.\n\n"
    "Die Arbeitsgruppen erarbeiteten Ziele und insgesamt 99 Einzelmaßnahmen. Auf dieser "
    "Grundlage erstellte das Institut für interkulturelle Management- und Politikberatung "
    "(imap) zahlreiche Handlungsempfehlungen. Auf der zweiten Integrationskonferenz im "
    "Kleinen Rathaussaal wurde ein erster Entwurf vorgestellt; die Teilnehmenden konnten "
    "Ergänzungen und Korrekturen einbringen. Der Entwurf soll im Integrationsrat diskutiert "
    "und verabschiedet und danach an die politischen Entscheidungsgremien der Stadt "
    "weitergeleitet werden.\n\n"
    "Auch nach der Verabschiedung soll das Konzept nicht statisch sein, sondern sich im "
    "gemeinsamen Dialog der Beteiligten stetig weiterentwickeln."
)
CONCEPT_FACTS = {
    "title": CONCEPT_TITLE,
    "summary": CONCEPT_SUMMARY,
    "moderated_by": (
        "imap – Institut für interkulturelle Management- und Politikberatung, Düsseldorf, "
        "und der Integrationsbeauftragte der Stadt Minden"
    ),
    "funded_by": "Landesprogramm KOMM-IN (Kommunale Integration) des Landes Nordrhein-Westfalen",
    "officer_title": "Integrationsbeauftragter der Stadt Minden",
    # "Insgesamt haben an den Arbeitsgruppen rund 50 Personen ... teilgenommen."
    "participant_count": 50,
    "participant_count_approximate": True,
}

CONFERENCE = "Integrationskonferenz"
ADVISORY = "Integrationsrat der Stadt Minden"
COUNCIL = "Rat der Stadt Minden"
# (name, kind, description); the committees are not named in the report, so none is loaded
# (the demo adds example committees).
BODIES: list[tuple[str, str, str]] = [
    (
        CONFERENCE,
        BodyKind.CONFERENCE,
        "Konferenz aller Beteiligten: zum ersten Mal im Herbst 2010 im Rathaus, zum zweiten "
        "Mal im Frühjahr 2011 im Kleinen Rathaussaal.",
    ),
    (
        ADVISORY,
        BodyKind.ADVISORY,
        "Soll den Entwurf des Integrationskonzepts diskutieren und verabschieden.",
    ),
    (
        COUNCIL,
        BodyKind.COUNCIL,
        "Politisches Entscheidungsgremium der Stadt, an das der verabschiedete Entwurf "
        "weitergeleitet wird. Welche Ausschüsse beteiligt sind, ist nicht veröffentlicht.",
    ),
]

# (slug, name, topic)
WORKING_GROUPS: list[tuple[str, str, str]] = [
    (
        "bildung-und-erziehung",
        "Bildung und Erziehung",
        "Arbeitsgruppe zum Themenkomplex „Bildung und Erziehung“; gebildet auf der ersten "
        "Integrationskonferenz im Herbst 2010.",
    ),
    (
        "arbeit-und-soziales",
        "Arbeit und Soziales",
        "Arbeitsgruppe zum Themenkomplex „Arbeit und Soziales“; gebildet auf der ersten "
        "Integrationskonferenz im Herbst 2010.",
    ),
    (
        "dialog-und-gesellschaftliche-teilhabe",
        "Dialog und gesellschaftliche Teilhabe",
        "Arbeitsgruppe zum Thema „Dialog und gesellschaftliche Teilhabe“; gebildet auf der "
        "ersten Integrationskonferenz im Herbst 2010.",
    ),
]
SESSION_ROUNDS = 3
SESSION_DATE_TEXT = "Herbst 2010 bis Frühjahr 2011 (genaues Datum nicht veröffentlicht)"

FIRST_CONFERENCE = "1. Integrationskonferenz"
SECOND_CONFERENCE = "2. Integrationskonferenz"
NEWSPAPER_REPORT = "Bericht in der Mindener Rundschau"
REPORT_DATE = dt.date(2011, 4, 7)


def _milestones(bodies: dict[str, Body]) -> list[dict]:
    """Known fields (updated on every load) and unknown ones (`unknown`: set on creation)."""
    return [
        {
            "title": FIRST_CONFERENCE,
            "kind": MilestoneKind.CONFERENCE,
            "body": bodies[CONFERENCE],
            "place": "Rathaus Minden",
            "description": (
                "Startschuss für das Integrationskonzept. Bei dem Treffen wurden drei "
                "thematische Arbeitsgruppen gebildet: „Bildung und Erziehung“, „Arbeit und "
                "Soziales“ sowie „Dialog und gesellschaftliche Teilhabe“. Das genaue Datum ist "
                "nicht veröffentlicht."
            ),
            "outcome": MilestoneOutcome.NONE,
            "position": 1,
            "unknown": {"date": None, "date_text": "Herbst 2010"},
        },
        {
            "title": SECOND_CONFERENCE,
            "kind": MilestoneKind.CONFERENCE,
            "body": bodies[CONFERENCE],
            "place": "Kleiner Rathaussaal",
            "description": (
                "Ein erster Entwurf des Integrationskonzepts wurde vorgestellt; die "
                "Teilnehmenden konnten Ergänzungen und Korrekturen vorschlagen. Danach soll der "
                "Entwurf im Integrationsrat diskutiert und verabschiedet und an die politischen "
                "Entscheidungsgremien der Stadt weitergeleitet werden. Das genaue Datum ist "
                "nicht veröffentlicht."
            ),
            "outcome": MilestoneOutcome.PRESENTED,
            "position": 2,
            "unknown": {
                "date": None,
                "date_text": "Ende März / Anfang April 2011 (Woche vor dem 7. April 2011)",
            },
        },
        {
            "title": NEWSPAPER_REPORT,
            "kind": MilestoneKind.OTHER,
            "body": None,
            "place": "",
            "description": (
                "Die Mindener Rundschau berichtet über die zweite Integrationskonferenz und den "
                "bisherigen Prozess."
            ),
            "outcome": MilestoneOutcome.NONE,
            "position": 3,
            "date": REPORT_DATE,
            "date_text": "",
            "unknown": {},
        },
    ]


def concept_load() -> Concept:
    """The portal's concept, keyed on its slug; the facts are brought up to date on every load."""
    concept, _created = Concept.objects.update_or_create(
        slug=settings.PORTAL_CONCEPT_SLUG, defaults=CONCEPT_FACTS
    )
    return concept


def facts_load(*, concept: Concept) -> None:
    """The bodies, working groups, sessions and milestones the report names."""
    bodies = _bodies_load(concept=concept)
    groups = _working_groups_load(concept=concept)
    _sessions_load(groups=groups)
    _milestones_load(concept=concept, bodies=bodies)


# The usual Beratungsfolge as the report describes it: the Integrationsrat deliberates first,
# the council decides last (step 3 leaves step 2 for committees). Set only when a body is
# created, so the officer's own planning is not overwritten by a later load.
DEFAULT_STEPS = {
    ADVISORY: (1, ConsultationRole.PRELIMINARY),
    COUNCIL: (3, ConsultationRole.DECISION),
}


def _bodies_load(*, concept: Concept) -> dict[str, Body]:
    bodies = {}
    for position, (name, kind, description) in enumerate(BODIES, start=1):
        step, role = DEFAULT_STEPS.get(name, (None, ""))
        known = {"kind": kind, "position": position, "description": description}
        bodies[name], _created = Body.objects.update_or_create(
            concept=concept,
            name=name,
            defaults=known,
            create_defaults={**known, "default_step": step, "default_role": role},
        )
    return bodies


def _working_groups_load(*, concept: Concept) -> dict[str, WorkingGroup]:
    # participant_count stays as it is: the report gives only the total ("rund 50").
    groups = {}
    for position, (slug, name, topic) in enumerate(WORKING_GROUPS, start=1):
        groups[slug], _created = WorkingGroup.objects.update_or_create(
            concept=concept,
            slug=slug,
            defaults={"name": name, "topic": topic, "position": position},
        )
    return groups


def _sessions_load(*, groups: dict[str, WorkingGroup]) -> None:
    for group in groups.values():
        for round_number in range(1, SESSION_ROUNDS + 1):
            Session.objects.get_or_create(
                working_group=group,
                round=round_number,
                defaults={"date": None, "date_text": SESSION_DATE_TEXT, "place": ""},
            )


def _milestones_load(*, concept: Concept, bodies: dict[str, Body]) -> None:
    for spec in _milestones(bodies):
        known = {k: v for k, v in spec.items() if k not in {"title", "unknown"}}
        Milestone.objects.update_or_create(
            concept=concept,
            title=spec["title"],
            defaults=known,
            create_defaults={**known, **spec["unknown"]},
        )
