"""Loads what is known of Minden's process and, on request, clearly labelled example content.

The facts come from the Mindener Rundschau of 7 April 2011 (`../shared/seeds/`). What the report
does not say (exact dates, session places, participants per group, committees, measure texts)
is left empty or stated as unknown, never invented. Every row is keyed on a natural key, so
loading twice leaves the same rows; fields whose value is unknown are set only when the row is
created, so what the officer enters later is not overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from itertools import chain

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concept.models import (
    Amendment,
    AmendmentStatus,
    Body,
    BodyKind,
    Concept,
    ConceptVersion,
    Milestone,
    MilestoneKind,
    MilestoneOutcome,
    Section,
    VersionStatus,
    is_audit_trail,
)
from concept.services import (
    amendment_create,
    amendment_decide,
    amendment_incorporate,
    amendment_review_start,
    amendment_submit,
    amendment_withdraw,
    section_create,
    section_delete,
    section_update,
    version_create,
    version_create_next,
    version_transition,
)
from measures.models import Goal, Measure, Priority, Recommendation, TargetGroup, Timeframe
from measures.search_index import measures_search_refresh, search_index_deferred
from measures.services import measure_cite, progress_record
from minden_integration.loader import demo_data
from minden_integration.roles import MEMBER, OFFICER, roles_ensure
from minden_integration.site.pages import pages_ensure
from workgroups.models import Membership, MembershipRole, Organisation, Session, WorkingGroup

# --- the facts --------------------------------------------------------------------------------

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
    "municipality": "Minden",
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
# (name, kind, description); the committees are not named in the report, so none is loaded.
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


# --- results ----------------------------------------------------------------------------------


@dataclass
class LoadReport:
    concept: Concept | None
    demo: bool = False
    skipped: bool = False
    demo_versions_created: bool = False
    counts: dict[str, int] = field(default_factory=dict)


def counted_models() -> list[type[models.Model]]:
    project = chain.from_iterable(
        apps.get_app_config(label).get_models(include_auto_created=True)
        for label in ("concept", "workgroups", "measures")
    )
    return [*(m for m in project if not is_audit_trail(m)), get_user_model(), Group]


def row_counts() -> dict[str, int]:
    """Rows per model of the three apps (with their m2m tables), users and groups."""
    return {model._meta.label: model.objects.count() for model in counted_models()}


def _visible_counts() -> dict[str, int]:
    return {
        f"{str(model._meta.verbose_name_plural)} ({model.__name__})": model.objects.count()
        for model in counted_models()
        if not model._meta.auto_created
    }


# --- the real data ----------------------------------------------------------------------------


@transaction.atomic
def minden_load(
    *, demo: bool = False, if_empty: bool = False, now: dt.datetime | None = None
) -> LoadReport:
    """Load the facts, and with `demo` the example content; with `if_empty` only into a
    database without any concept."""
    if if_empty and Concept.objects.exists():
        return LoadReport(concept=None, demo=demo, skipped=True)
    now = now or timezone.now()
    roles_ensure()
    pages_ensure()
    concept = _concept_load()
    if demo:
        _demo_guard(concept=concept)
    bodies = _bodies_load(concept=concept)
    groups = _working_groups_load(concept=concept)
    _sessions_load(groups=groups)
    _milestones_load(concept=concept, bodies=bodies)
    report = LoadReport(concept=concept, demo=demo)
    with search_index_deferred():
        if demo:
            report.demo_versions_created = minden_demo_load(concept=concept, now=now)
        # One full refresh instead of one per row, and whatever an older load left is found.
        measures_search_refresh(measures=Measure.objects.filter(concept=concept))
    report.counts = _visible_counts()
    return report


def _concept_load() -> Concept:
    concept, _created = Concept.objects.update_or_create(
        slug=settings.PORTAL_CONCEPT_SLUG, defaults=CONCEPT_FACTS
    )
    return concept


def _bodies_load(*, concept: Concept) -> dict[str, Body]:
    bodies = {}
    for position, (name, kind, description) in enumerate(BODIES, start=1):
        bodies[name], _created = Body.objects.update_or_create(
            concept=concept,
            name=name,
            defaults={"kind": kind, "position": position, "description": description},
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


# --- the example content ----------------------------------------------------------------------


def _demo_guard(*, concept: Concept) -> None:
    """Example content never mixes with real versions, goals, measures or recommendations."""
    real = [
        label
        for label, model in (
            (_("Versionen"), ConceptVersion),
            (_("Ziele"), Goal),
            (_("Maßnahmen"), Measure),
            (_("Handlungsempfehlungen"), Recommendation),
        )
        if model.objects.filter(concept=concept, is_example=False).exists()
    ]
    if real:
        raise ValidationError(
            _(
                "Das Konzept enthält bereits echte Inhalte (%(kinds)s); Beispielinhalte werden "
                "nur in ein Portal ohne solche Inhalte geladen."
            )
            % {"kinds": ", ".join(real)}
        )


@transaction.atomic
def minden_demo_load(*, concept: Concept, now: dt.datetime) -> bool:
    """Add the example content; returns whether the example versions were created now (they
    are created once: a frozen version cannot be rebuilt)."""
    officer, members = _demo_users_load()
    organisations = _demo_organisations_load()
    target_groups = _demo_target_groups_load()
    groups = {g.slug: g for g in WorkingGroup.objects.filter(concept=concept)}
    memberships = _demo_memberships_load(
        groups=groups, organisations=organisations, members=members
    )
    sessions = _demo_sessions_fill(groups=groups)
    goals = _demo_goals_load(concept=concept, groups=groups)
    measures = _demo_measures_load(
        concept=concept,
        groups=groups,
        goals=goals,
        sessions=sessions,
        organisations=organisations,
        target_groups=target_groups,
    )
    _demo_recommendations_load(concept=concept, measures=measures)
    created = False
    if not concept.versions.filter(is_example=True).exists():
        _demo_versions_create(
            concept=concept,
            officer=officer,
            members=members,
            memberships=memberships,
            measures=measures,
            now=now,
        )
        created = True
    # After the versions: the frozen first version shows the measures as they were then.
    _demo_progress_load(measures=measures, officer=officer, now=now)
    return created


def _demo_user(*, username: str, first_name: str, last_name: str, group: Group) -> AbstractBaseUser:
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": username, "first_name": first_name, "last_name": last_name},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(group)
    return user


def _demo_users_load() -> tuple[AbstractBaseUser, list[AbstractBaseUser]]:
    roles = roles_ensure()
    officer = _demo_user(**demo_data.OFFICER_USER, group=roles[OFFICER])
    members = [
        _demo_user(
            username=spec["username"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            group=roles[MEMBER],
        )
        for spec in demo_data.MEMBER_USERS
    ]
    return officer, members


def _demo_organisations_load() -> dict[str, Organisation]:
    return {
        name: Organisation.objects.update_or_create(
            name=name, defaults={"sector": sector, "is_example": True}
        )[0]
        for name, sector in demo_data.ORGANISATIONS
    }


def _demo_target_groups_load() -> dict[str, TargetGroup]:
    return {
        slug: TargetGroup.objects.update_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in demo_data.TARGET_GROUPS
    }


def _demo_memberships_load(
    *,
    groups: dict[str, WorkingGroup],
    organisations: dict[str, Organisation],
    members: list[AbstractBaseUser],
) -> dict[int, Membership]:
    """One example membership per group and organisation; returns those of the member users."""
    named = {(p["group"], p["organisation"]): p for p in demo_data.NAMED_PARTICIPANTS}
    accounts = {
        (spec["group"], spec["organisation"]): (user, spec)
        for user, spec in zip(members, demo_data.MEMBER_USERS, strict=True)
    }
    by_user = {}
    names = [name for name, _sector in demo_data.ORGANISATIONS]
    for slug, group in groups.items():
        absent = demo_data.ABSENT_ORGANISATIONS[slug]
        for index, org_name in enumerate(names):
            if index in absent:
                continue
            fields = {
                "role": MembershipRole.MEMBER,
                "name": "",
                "consent_to_name": False,
                "user": None,
            }
            if (slug, org_name) in named:
                person = named[(slug, org_name)]
                fields.update(
                    role=person["role"], name=person["name"], consent_to_name=person["consent"]
                )
            elif (slug, org_name) in accounts:
                user, spec = accounts[(slug, org_name)]
                fields.update(
                    user=user,
                    name=f"{spec['first_name']} {spec['last_name']}",
                    consent_to_name=spec["consent"],
                )
            elif demo_data.GUEST_ORGANISATIONS[slug] == org_name:
                fields["role"] = MembershipRole.GUEST
            membership, _created = Membership.objects.update_or_create(
                working_group=group,
                organisation=organisations[org_name],
                is_example=True,
                defaults=fields,
            )
            if membership.user_id:
                by_user[membership.user_id] = membership
    return by_user


def _demo_sessions_fill(*, groups: dict[str, WorkingGroup]) -> dict[tuple[str, int], Session]:
    """Example agendas and minutes, labelled in their text, only where nothing is stored."""
    sessions = {}
    for slug, group in groups.items():
        for session in group.sessions.all():
            sessions[(slug, session.round)] = session
            if session.round not in demo_data.AGENDAS:
                continue
            changed = []
            if not session.agenda:
                session.agenda = demo_data.AGENDAS[session.round]
                changed.append("agenda")
            published = demo_data.MINUTES_PUBLISHED[slug].get(session.round)
            if not session.minutes and published is not None:
                session.minutes = demo_data.minutes_text(
                    group_name=group.name, round_number=session.round
                )
                session.minutes_public = published
                changed += ["minutes", "minutes_public"]
            if changed:
                session.is_example = True
                session.save(update_fields=[*changed, "is_example", "updated_at"])
    return sessions


def _demo_goals_load(*, concept: Concept, groups: dict[str, WorkingGroup]) -> dict[str, Goal]:
    goals = {}
    for slug, specs in demo_data.GOALS.items():
        for code, title, _measures in specs:
            goals[code], _created = Goal.objects.update_or_create(
                concept=concept,
                code=code,
                defaults={
                    "working_group": groups[slug],
                    "title": f"Beispiel: {title}",
                    "description": demo_data.NOTICE,
                    "is_example": True,
                },
            )
    return goals


TIMEFRAMES = [Timeframe.SHORT, Timeframe.MEDIUM, Timeframe.LONG]
PRIORITIES = [Priority.HIGH, Priority.MEDIUM, Priority.LOW]
ORIGIN_ROUNDS = [2, 2, 3, 1, 2, 3]


def _demo_measures_load(
    *,
    concept: Concept,
    groups: dict[str, WorkingGroup],
    goals: dict[str, Goal],
    sessions: dict[tuple[str, int], Session],
    organisations: dict[str, Organisation],
    target_groups: dict[str, TargetGroup],
) -> dict[int, Measure]:
    """The 99 example measures, numbered 1–99 group by group, with varied attributes."""
    all_orgs = list(organisations.values())
    measures = {}
    number = 0
    for slug, specs in demo_data.GOALS.items():
        leads = demo_data.GROUP_LEADS[slug]
        index_in_group = 0
        for code, goal_title, titles in specs:
            for title in titles:
                number += 1
                lead = (
                    None if number % 11 == 0 else organisations[leads[index_in_group % len(leads)]]
                )
                measure, _created = Measure.objects.update_or_create(
                    concept=concept,
                    number=number,
                    defaults={
                        "title": f"Beispiel: {title}",
                        "description": demo_data.measure_description(
                            goal_code=code, goal_title=goal_title
                        ),
                        "working_group": groups[slug],
                        "goal": goals[code],
                        "origin_session": sessions[
                            (slug, ORIGIN_ROUNDS[index_in_group % len(ORIGIN_ROUNDS)])
                        ],
                        "lead_organisation": lead,
                        "timeframe": TIMEFRAMES[number % 3],
                        "priority": PRIORITIES[(number // 3) % 3],
                        "is_example": True,
                    },
                )
                partners = {
                    all_orgs[(number * 3 + k * 7) % len(all_orgs)] for k in range(number % 4)
                }
                partners.discard(lead)
                measure.partners.set(partners)
                fitting = demo_data.GOAL_TARGET_GROUPS[code]
                measure.target_groups.set([target_groups[s] for s in fitting[: 1 + number % 2]])
                measures[number] = measure
                index_in_group += 1
    if number != 99:
        raise RuntimeError(f"The example data defines {number} measures instead of 99.")
    return measures


def _goal_measures(measures: dict[int, Measure], code: str, count: int) -> list[Measure]:
    of_goal = [m for _n, m in sorted(measures.items()) if m.goal.code == code]
    return of_goal[:count]


def _demo_recommendations_load(*, concept: Concept, measures: dict[int, Measure]) -> None:
    for code, title, text, goal_code, extra in demo_data.RECOMMENDATIONS:
        recommendation, _created = Recommendation.objects.update_or_create(
            concept=concept,
            code=code,
            defaults={
                "title": f"Beispiel: {title}",
                "text": demo_data.recommendation_text(text),
                "is_example": True,
            },
        )
        recommendation.measures.set(
            [*_goal_measures(measures, goal_code, 4), *(measures[n] for n in extra)]
        )


def _demo_progress_load(
    *, measures: dict[int, Measure], officer: AbstractBaseUser, now: dt.datetime
) -> None:
    """Progress reports through the service, so that every status occurs; a measure that
    already has reports is left alone."""
    today = timezone.localdate(now)
    reported = set(
        Measure.objects.filter(pk__in=[m.pk for m in measures.values()])
        .filter(progress_updates__isnull=False)
        .values_list("pk", flat=True)
    )
    sequences = demo_data.PROGRESS_SEQUENCES
    for number, measure in sorted(measures.items()):
        if measure.pk in reported:
            continue
        steps = sequences[(number * 3) % len(sequences)]
        dates = [
            today - dt.timedelta(days=250 - number),
            today - dt.timedelta(days=100 - number % 60),
        ]
        for status, date in zip(steps, dates, strict=False):
            progress_record(
                measure=measure,
                status=status,
                note=demo_data.PROGRESS_NOTES[status],
                date=date,
                by=officer,
                is_example=True,
            )


# --- the example versions ---------------------------------------------------------------------


def _sections_create(*, version: ConceptVersion, specs: list[dict]) -> dict[str, Section]:
    sections = Section.objects.bulk_create(
        Section(
            version=version,
            key=spec["key"],
            position=position,
            level=spec["level"],
            number=spec["number"],
            title=spec["title"],
            body=spec["body"],
            easy_language_summary=spec["easy"],
        )
        for position, spec in enumerate(specs, start=1)
    )
    return {s.key: s for s in sections}


def _cite(*, sections: dict[str, Section], specs: list[dict], measures: dict[int, Measure]) -> None:
    citing: dict[int, list[Section]] = {}
    for spec in specs:
        for code in spec["cites"]:
            for measure in _goal_measures(measures, code, 3):
                citing.setdefault(measure.number, []).append(sections[spec["key"]])
    for number, cited in sorted(citing.items()):
        measure_cite(measure=measures[number], sections=cited)


def _amendment_add(
    *,
    spec: dict,
    sections: dict[str, Section],
    members: list[AbstractBaseUser],
    memberships: dict[int, Membership],
    now: dt.datetime,
) -> Amendment:
    author = members[spec["author"]]
    amendment = amendment_create(
        section=sections[spec["section"]],
        author=author,
        kind=spec["kind"],
        passage=spec["passage"],
        proposed_text=spec["proposed_text"],
        rationale=spec["rationale"],
        is_example=True,
        now=now,
    )
    if spec["outcome"] == AmendmentStatus.DRAFT:
        return amendment
    membership = memberships[author.pk]
    return amendment_submit(
        amendment=amendment,
        by=author,
        organisation_name=membership.organisation.name,
        working_group_name=membership.working_group.name,
        author_name=membership.public_name,
        now=now,
    )


def _transition(version: ConceptVersion, to: str, *, now: dt.datetime, **kwargs) -> None:
    if to not in (VersionStatus.CONSULTATION, VersionStatus.CONSULTATION_CLOSED):
        kwargs.setdefault("date_text", demo_data.DECISION_DATE_TEXT)
        kwargs.setdefault("note", demo_data.DECISION_NOTE)
    version_transition(version=version, to=to, now=now, **kwargs)


def _demo_versions_create(
    *,
    concept: Concept,
    officer: AbstractBaseUser,
    members: list[AbstractBaseUser],
    memberships: dict[int, Membership],
    measures: dict[int, Measure],
    now: dt.datetime,
) -> None:
    """Version 1 through the whole process (in the past), version 2 in consultation now."""
    day = dt.timedelta(days=1)
    start = now - 400 * day

    first = version_create(concept=concept, title="Erster Entwurf (Beispiel)", is_example=True)
    sections = _sections_create(version=first, specs=demo_data.SECTIONS_V1)
    _cite(sections=sections, specs=demo_data.SECTIONS_V1, measures=measures)
    _transition(first, VersionStatus.CONSULTATION, consultation_ends_at=start + 28 * day, now=start)
    decided = []
    for offset, spec in enumerate(demo_data.AMENDMENTS_V1, start=3):
        amendment = _amendment_add(
            spec=spec,
            sections=sections,
            members=members,
            memberships=memberships,
            now=start + offset * day,
        )
        decided.append((amendment, spec))
    _transition(first, VersionStatus.CONSULTATION_CLOSED, now=start + 28 * day)
    adopted = []
    for amendment, spec in decided:
        if spec["outcome"] == AmendmentStatus.WITHDRAWN:
            amendment_withdraw(amendment=amendment, by=members[spec["author"]])
            continue
        amendment_review_start(amendment=amendment, by=officer)
        amendment_decide(
            amendment=amendment,
            by=officer,
            status=spec["outcome"],
            reasoning=spec["reasoning"],
            adopted_text=spec["adopted_text"],
            now=start + 32 * day,
        )
        if spec["outcome"] in (AmendmentStatus.ACCEPTED, AmendmentStatus.PARTIALLY_ACCEPTED):
            adopted.append(amendment)
    _transition(first, VersionStatus.COUNCIL_REVIEW, now=start + 40 * day)
    _transition(first, VersionStatus.ADOPTED, now=start + 60 * day)
    reference = demo_data.COUNCIL_PAPER_REFERENCE
    _transition(
        first, VersionStatus.FORWARDED, now=start + 65 * day, council_paper_reference=reference
    )
    _transition(
        first, VersionStatus.APPROVED, now=start + 100 * day, council_paper_reference=reference
    )

    second = version_create_next(version=first, title=demo_data.V2_TITLE, now=now - 30 * day)
    new_sections = _second_version_edit(version=second)
    _cite(sections=new_sections, specs=[demo_data.V2_NEW], measures=measures)
    for amendment in adopted:
        amendment_incorporate(amendment=amendment, into=second)
    _transition(second, VersionStatus.CONSULTATION, consultation_ends_at=now + 56 * day, now=now)
    for spec in demo_data.AMENDMENTS_V2:
        amendment = _amendment_add(
            spec=spec,
            sections=new_sections,
            members=members,
            memberships=memberships,
            now=now,
        )
        if spec["outcome"] == AmendmentStatus.IN_REVIEW:
            amendment_review_start(amendment=amendment, by=officer)


def _second_version_edit(*, version: ConceptVersion) -> dict[str, Section]:
    """Edit, remove and insert sections of the new draft through the section services; keys
    stay stable."""
    sections = {s.key: s for s in version.sections.in_order()}
    for key, change in demo_data.V2_EDITS.items():
        section_update(section=sections[key], **change)
    section_delete(section=sections.pop(demo_data.V2_REMOVED))
    spec = demo_data.V2_NEW
    section_create(
        version=version,
        after=version.sections.get(key=spec["after"]),
        key=spec["key"],
        level=spec["level"],
        number=spec["number"],
        title=spec["title"],
        body=spec["body"],
        easy_language_summary=spec["easy"],
    )
    return {s.key: s for s in version.sections.in_order()}


# --- checks -----------------------------------------------------------------------------------


def demo_data_problems(*, slug: str | None = None) -> list[str]:
    """What is missing for the demo portal to be complete (empty list: all there)."""
    slug = slug or settings.PORTAL_CONCEPT_SLUG
    concept = Concept.objects.filter(slug=slug).first()
    if concept is None:
        return [f"Kein Konzept mit dem Kurznamen „{slug}“ / no concept with slug {slug!r}."]
    problems = []
    expected = {
        "Arbeitsgruppen / working groups": (WorkingGroup.objects.filter(concept=concept), 3),
        "Sitzungen / sessions": (Session.objects.filter(working_group__concept=concept), 9),
        "Maßnahmen / measures": (Measure.objects.filter(concept=concept), 99),
    }
    for label, (queryset, count) in expected.items():
        found = queryset.count()
        if found != count:
            problems.append(f"{label}: {found} statt / instead of {count}.")
    versions = list(concept.versions.all())
    if len(versions) < 2:
        problems.append(f"Versionen / versions: {len(versions)} statt / instead of ≥ 2.")
    approved = [v for v in versions if v.status == VersionStatus.APPROVED]
    if not approved:
        problems.append("Keine beschlossene Version / no approved version.")
    for version in approved:
        if not version.is_frozen or not version.snapshot:
            problems.append(f"Version {version.number} ist nicht eingefroren / is not frozen.")
        elif hashlib.sha256(version.snapshot.encode("utf-8")).hexdigest() != version.checksum:
            problems.append(
                f"Version {version.number}: Prüfsumme passt nicht / checksum does not match."
            )
    if not any(v.status == VersionStatus.CONSULTATION for v in versions):
        problems.append("Keine Version in Beteiligung / no version in consultation.")
    return problems
