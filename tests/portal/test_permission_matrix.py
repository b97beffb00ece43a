"""Every URL of the project, from the resolver, for every role: the expected status code.

A new URL without an entry in EXPECTED fails `test_every_url_has_an_expected_status`, so nobody
can add a page without deciding who may see it.
"""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from concept.models import ContentLanguage, VersionStatus
from concept.services import amendment_create, amendment_submit, version_transition
from minden_integration.roles import CLERK, MEMBER, OFFICER
from minden_integration.site.pages import pages_ensure
from tests.factories import (
    BodyFactory,
    ConceptFactory,
    MeasureFactory,
    MembershipFactory,
    SectionFactory,
    SessionFactory,
    UserFactory,
    VersionFactory,
    WorkingGroupFactory,
)

ROLES = ["anonymous", "member", "other_member", "officer", "clerk"]
PUBLIC = dict.fromkeys(ROLES, 200)
LOGIN = {"anonymous": 302, "member": 200, "other_member": 200, "officer": 403, "clerk": 403}


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (
                (f"{namespace}:{pattern.name}" if namespace else pattern.name),
                prefix + str(pattern.pattern),
            )


def project_url_names():
    return sorted({name for name, _route in walk(get_resolver().url_patterns)})


@pytest.fixture
def world(db, roles):
    pages_ensure()
    concept = ConceptFactory(slug="minden")
    BodyFactory(concept=concept)
    group = WorkingGroupFactory(concept=concept, slug="bildung")
    other_group = WorkingGroupFactory(concept=concept, slug="arbeit")
    version = VersionFactory(concept=concept, number=1)
    section = SectionFactory(version=version, position=1, key="einleitung")
    ContentLanguage.objects.create(concept=concept, code="tr", position=1)
    version_transition(
        version=version,
        to=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.now() + dt.timedelta(weeks=4),
    )
    VersionFactory(concept=concept, number=2, status=VersionStatus.DRAFT)
    MeasureFactory(concept=concept, working_group=group, number=1)
    session = SessionFactory(
        working_group=group, round=1, minutes="Vertrauliches Protokoll", minutes_public=False
    )

    users = {}
    for role, target in (("member", group), ("other_member", other_group)):
        user = UserFactory(username=f"{role}@minden.example")
        user.groups.add(Group.objects.get(name=MEMBER))
        MembershipFactory(working_group=target, user=user)
        users[role] = user
    for role, group_name in (("officer", OFFICER), ("clerk", CLERK)):
        user = UserFactory(username=f"{role}@minden.example", is_staff=True)
        user.groups.add(Group.objects.get(name=group_name))
        users[role] = user

    draft = amendment_create(
        section=section, author=users["member"], kind="addition", proposed_text="Entwurf"
    )
    submitted = amendment_create(
        section=section, author=users["member"], kind="addition", proposed_text="Eingereicht"
    )
    amendment_submit(
        amendment=submitted,
        by=users["member"],
        organisation_name="VHS",
        working_group_name=group.name,
    )
    return {
        "users": users,
        "session": session,
        "group": group,
        "section": section,
        "draft": draft,
        "submitted": submitted,
    }


# name -> (how to build the path from the world, expected status per role)
EXPECTED = {
    "set_language": (lambda w: "/i18n/setlang/", dict.fromkeys(ROLES, 302)),
    "robots": (lambda w: "/robots.txt", PUBLIC),
    "sitemap": (lambda w: "/sitemap.xml", PUBLIC),
    "security-txt": (lambda w: "/.well-known/security.txt", PUBLIC),
    "home": (lambda w: "/", PUBLIC),
    "concept:version-current": (lambda w: "/konzept/", PUBLIC),
    "concept:version-list": (lambda w: "/konzept/versionen/", PUBLIC),
    "concept:version-compare": (lambda w: "/konzept/vergleich/", PUBLIC),
    "concept:version-detail": (lambda w: "/konzept/v1/", PUBLIC),
    "workgroups:group-list": (lambda w: "/arbeitsgruppen/", PUBLIC),
    "workgroups:group-detail": (lambda w: "/arbeitsgruppen/bildung/", PUBLIC),
    "workgroups:session-detail": (lambda w: w["session"].get_absolute_url(), PUBLIC),
    "measures:measure-list": (lambda w: "/massnahmen/", PUBLIC),
    "measures:measure-csv": (lambda w: "/massnahmen/export.csv", PUBLIC),
    "measures:measure-detail": (lambda w: "/massnahmen/1/", PUBLIC),
    "monitoring:overview": (lambda w: "/umsetzung/", PUBLIC),
    "monitoring:overview-csv": (lambda w: "/umsetzung/zahlen.csv", PUBLIC),
    "participate": (lambda w: "/mitmachen/", PUBLIC),
    "search": (lambda w: "/suche/?q=Protokoll", PUBLIC),
    "imprint": (lambda w: "/impressum/", PUBLIC),
    "privacy": (lambda w: "/datenschutz/", PUBLIC),
    "easy-language": (lambda w: "/leichte-sprache/", PUBLIC),
    "sign-language": (lambda w: "/gebaerdensprache/", PUBLIC),
    "city-css": (lambda w: "/stadt.css", PUBLIC),
    # No coat of arms is stored in this world.
    "city-logo": (lambda w: "/stadt-wappen/", dict.fromkeys(ROLES, 404)),
    "accessibility": (lambda w: "/barrierefreiheit/", PUBLIC),
    # For the load balancer's address or the monitoring's token, not for any role.
    "health": (lambda w: "/health/", dict.fromkeys(ROLES, 404)),
    # No sign-language video is stored in this world (tests/operations/test_public_media.py).
    "explanation-file": (lambda w: "/media/videos/inhalt.mp4", dict.fromkeys(ROLES, 404)),
}
# The members' account pages under /konto/ (no registration: the officer invites).
SIGNED_IN = {"anonymous": 302, "member": 200, "other_member": 200, "officer": 200, "clerk": 200}
EXPECTED.update(
    {
        "accounts:login": (
            lambda w: "/konto/anmelden/",
            {**dict.fromkeys(ROLES, 302), "anonymous": 200},
        ),
        "accounts:logout": (lambda w: "/konto/abmelden/", dict.fromkeys(ROLES, 405)),
        "accounts:profile": (lambda w: "/konto/", SIGNED_IN),
        # A measure's contacts report its progress; nobody here is one: an empty list, and 404
        # for the form of a measure one does not report for.
        "accounts:contact-measure-list": (lambda w: "/konto/massnahmen/", SIGNED_IN),
        "accounts:progress-create": (
            lambda w: "/konto/massnahmen/1/fortschritt/",
            {**dict.fromkeys(ROLES, 404), "anonymous": 302},
        ),
        "accounts:password-change": (lambda w: "/konto/passwort/", SIGNED_IN),
        "accounts:password-change-done": (lambda w: "/konto/passwort/geaendert/", SIGNED_IN),
        "accounts:password-reset": (lambda w: "/konto/passwort-vergessen/", PUBLIC),
        "accounts:password-reset-done": (lambda w: "/konto/passwort-vergessen/gesendet/", PUBLIC),
        "accounts:password-reset-confirm": (lambda w: "/konto/passwort-neu/MQ/x-y/", PUBLIC),
        "accounts:password-reset-complete": (lambda w: "/konto/passwort-neu/fertig/", PUBLIC),
        "accounts:invitation-accept": (
            lambda w: "/konto/einladung/unbekannt/",
            dict.fromkeys(ROLES, 404),
        ),
        "accounts:consent-update": (
            lambda w: "/konto/einwilligung/1/",
            {**dict.fromkeys(ROLES, 405), "anonymous": 302},
        ),
        "accounts:account-delete": (lambda w: "/konto/loeschen/", SIGNED_IN),
        # Everyone signed in reads and downloads what is held about themselves (Art. 15 DSGVO).
        "accounts:personal-data": (lambda w: "/konto/auskunft/", SIGNED_IN),
        "accounts:personal-data-download": (lambda w: "/konto/auskunft.json", SIGNED_IN),
        # The second factor is staff's: members are sent on; staff here have passed it, so the
        # code page sends them on too, and they may set up a new app or new recovery codes.
        "accounts:second-factor": (lambda w: "/konto/zweiter-faktor/", dict.fromkeys(ROLES, 302)),
        "accounts:second-factor-setup": (
            lambda w: "/konto/zweiter-faktor/einrichten/",
            {**dict.fromkeys(ROLES, 302), "officer": 200, "clerk": 200},
        ),
        "accounts:recovery-codes": (
            lambda w: "/konto/zweiter-faktor/wiederherstellungscodes/",
            {**dict.fromkeys(ROLES, 302), "officer": 200, "clerk": 200},
        ),
        "accounts:saved-forms": (lambda w: "/konto/gespeicherte-eingaben/", SIGNED_IN),
        "accounts:saved-form-drop": (
            lambda w: "/konto/gespeicherte-eingaben/verwerfen/",
            {**dict.fromkeys(ROLES, 405), "anonymous": 302},
        ),
    }
)
# The public record of amendments, and proposing under /mitmachen/ (members only; another
# member's amendment is a 404, like one that does not exist).
OWN_AMENDMENT = {**LOGIN, "other_member": 404}
EXPECTED.update(
    {
        "concept:amendment-list": (lambda w: "/konzept/v1/vorschlaege/", PUBLIC),
        "concept:version-synopsis": (lambda w: "/konzept/v1/synopse/", PUBLIC),
        "participation:amendment-create": (
            lambda w: f"/mitmachen/abschnitt/{w['section'].pk}/vorschlag/",
            LOGIN,
        ),
        "participation:amendment-list": (lambda w: "/mitmachen/vorschlaege/", LOGIN),
        "participation:amendment-edit": (
            lambda w: f"/mitmachen/vorschlaege/{w['draft'].pk}/",
            OWN_AMENDMENT,
        ),
        "participation:amendment-submit": (
            lambda w: f"/mitmachen/vorschlaege/{w['draft'].pk}/einreichen/",
            {**LOGIN, "member": 405, "other_member": 405},
        ),
        "participation:amendment-withdraw": (
            lambda w: f"/mitmachen/vorschlaege/{w['draft'].pk}/zurueckziehen/",
            OWN_AMENDMENT,
        ),
    }
)


def _report(world):
    """Last year's implementation report of the world's concept (issued on first use; its
    files are only queued, so a download says that it is being made)."""
    from measures.models import ImplementationReport
    from measures.report_issuing import report_issue

    concept, year = world["group"].concept, timezone.localdate().year - 1
    found = ImplementationReport.objects.filter(concept=concept, year=year).first()
    return found or report_issue(concept=concept, year=year, by=None)


# The annual implementation report: public, and its OParl Paper too.
EXPECTED.update(
    {
        "reports:report-list": (lambda w: "/umsetzung/berichte/", PUBLIC),
        "reports:report-detail": (lambda w: f"/umsetzung/bericht/{_report(w).year}/", PUBLIC),
        "reports:report-edition": (lambda w: _report(w).get_absolute_url(), PUBLIC),
        "reports:report-download": (
            lambda w: f"{_report(w).get_absolute_url()}download/pdf/",
            dict.fromkeys(ROLES, 202),
        ),
        "oparl:paper-report": (
            lambda w: f"/oparl/v1.1/paper/umsetzungsbericht/{_report(w).pk}/",
            PUBLIC,
        ),
        "oparl:file-report": (
            lambda w: "/oparl/v1.1/file/umsetzungsbericht/999999/",
            dict.fromkeys(ROLES, 404),
        ),
        "oparl:consultation-report": (
            lambda w: "/oparl/v1.1/consultation/umsetzungsbericht/999999/",
            dict.fromkeys(ROLES, 404),
        ),
    }
)


# Translations: the public reading view, and the translators' pages under /konto/ (only the
# group Übersetzung, which no one in this world is in: tests/concept/test_translations_pages.py).
TRANSLATORS_ONLY = {**dict.fromkeys(ROLES, 403), "anonymous": 302}
EXPECTED.update(
    {
        "concept:version-translation": (lambda w: "/konzept/v1/tr/", PUBLIC),
        "translations:overview": (lambda w: "/konto/uebersetzungen/", TRANSLATORS_ONLY),
        "translations:section-list": (
            lambda w: "/konto/uebersetzungen/v1/tr/",
            TRANSLATORS_ONLY,
        ),
        "translations:issue": (
            lambda w: "/konto/uebersetzungen/v1/tr/ausstellen/",
            dict.fromkeys(ROLES, 405),
        ),
        "translations:measure-list": (
            lambda w: "/konto/uebersetzungen/massnahmen/tr/",
            TRANSLATORS_ONLY,
        ),
        "translations:measure-edit": (
            lambda w: "/konto/uebersetzungen/massnahmen/tr/1/",
            TRANSLATORS_ONLY,
        ),
        "translations:section-edit": (
            lambda w: "/konto/uebersetzungen/v1/tr/einleitung/",
            TRANSLATORS_ONLY,
        ),
    }
)
# The admin's own URLs are checked per registered model below.
ADMIN_NAMESPACE = "admin"


@pytest.mark.parametrize("role", ROLES)
def test_draft_versions_are_for_staff_only(client, world, role):
    login(client, world, role)
    expected = 200 if role in {"officer", "clerk"} else 404
    assert client.get("/konzept/v2/").status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_minutes_only_for_the_groups_members(client, world, role):
    login(client, world, role)
    content = client.get(world["session"].get_absolute_url()).content.decode()
    assert ("Vertrauliches Protokoll" in content) == (role == "member")


ADMIN_EXPECTED = {
    "anonymous": 302,
    "member": 302,
    "other_member": 302,
    "officer": 200,
    "clerk": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_admin_changelists_per_role(client, world, role):
    login(client, world, role)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        status = client.get(url).status_code
        if model._meta.app_label == "auth":
            continue  # the accounts admin has its own matrix below
        if model._meta.app_label == "django_tasks_database":
            # The task queue (issuing files) is the operators' (superusers') alone.
            assert status == {**ADMIN_EXPECTED, "officer": 403, "clerk": 403}[role]
            continue
        assert status == ADMIN_EXPECTED[role], (model, role, status)


# The accounts admin: only superusers manage accounts, groups and permissions; the officer sees
# the members' accounts read-only (a staff account's page is refused), the clerk none.
STAFF_ONLY = {"anonymous": 302, "member": 302, "other_member": 302}
SUPERUSER_ONLY = {**STAFF_ONLY, "officer": 403, "clerk": 403, "superuser": 200}
AUTH_ADMIN_EXPECTED = {
    "user-changelist": (
        lambda w: reverse("admin:auth_user_changelist"),
        {**SUPERUSER_ONLY, "officer": 200},
    ),
    "user-change-member": (
        lambda w: reverse("admin:auth_user_change", args=[w["users"]["member"].pk]),
        {**SUPERUSER_ONLY, "officer": 200},
    ),
    "user-change-staff": (
        lambda w: reverse("admin:auth_user_change", args=[w["users"]["clerk"].pk]),
        SUPERUSER_ONLY,
    ),
    "user-password-member": (
        lambda w: reverse("admin:auth_user_password_change", args=[w["users"]["member"].pk]),
        SUPERUSER_ONLY,
    ),
    "user-password-staff": (
        lambda w: reverse("admin:auth_user_password_change", args=[w["users"]["officer"].pk]),
        SUPERUSER_ONLY,
    ),
    "user-add": (lambda w: reverse("admin:auth_user_add"), SUPERUSER_ONLY),
    "user-delete-member": (
        lambda w: reverse("admin:auth_user_delete", args=[w["users"]["member"].pk]),
        SUPERUSER_ONLY,
    ),
    # The second factor of the administration's accounts: the officer resets another's (never
    # their own); the clerk has no such page.
    "second-factor-staff": (
        lambda w: reverse("admin:second-factor-staff"),
        {**SUPERUSER_ONLY, "officer": 200},
    ),
    "second-factor-reset-clerk": (
        lambda w: reverse("admin:second-factor-reset", args=[w["users"]["clerk"].pk]),
        {**SUPERUSER_ONLY, "officer": 200},
    ),
    "second-factor-reset-officer": (
        lambda w: reverse("admin:second-factor-reset", args=[w["users"]["officer"].pk]),
        SUPERUSER_ONLY,
    ),
    "group-changelist": (lambda w: reverse("admin:auth_group_changelist"), SUPERUSER_ONLY),
    "group-add": (lambda w: reverse("admin:auth_group_add"), SUPERUSER_ONLY),
    "group-change": (
        lambda w: reverse("admin:auth_group_change", args=[Group.objects.get(name=OFFICER).pk]),
        SUPERUSER_ONLY,
    ),
}


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
@pytest.mark.parametrize("name", sorted(AUTH_ADMIN_EXPECTED))
def test_auth_admin_per_role(client, world, name, role):
    build, expected = AUTH_ADMIN_EXPECTED[name]
    if role == "superuser":
        client.force_login(
            UserFactory(username="root@minden.example", is_staff=True, is_superuser=True)
        )
    else:
        login(client, world, role)
    response = client.get(build(world))
    assert response.status_code == expected[role], (name, role, response.status_code)


OPARL_BODY = "/oparl/v1.1/body/{}/"
NOT_FOUND = dict.fromkeys(ROLES, 404)
EXPECTED.update(
    {
        "oparl:system": (lambda w: "/oparl/v1.1/", PUBLIC),
        "oparl:body-list": (lambda w: "/oparl/v1.1/body/", PUBLIC),
        "oparl:body-detail": (lambda w: OPARL_BODY.format(w["group"].concept_id), PUBLIC),
        **{
            f"oparl:body-{n}s": (
                lambda w, n=n: OPARL_BODY.format(w["group"].concept_id) + f"{n}/",
                PUBLIC,
            )
            for n in (
                "organization",
                "person",
                "meeting",
                "paper",
                "agendaitem",
                "file",
                "consultation",
                "membership",
            )
        },
        "oparl:organization-body": (
            lambda w: f"/oparl/v1.1/organization/gremium/{w['group'].concept.bodies.get().pk}/",
            PUBLIC,
        ),
        "oparl:organization-group": (
            lambda w: f"/oparl/v1.1/organization/arbeitsgruppe/{w['group'].pk}/",
            PUBLIC,
        ),
        # Without consent to be named the person answers `deleted: true`, still 200.
        "oparl:person-detail": (
            lambda w: f"/oparl/v1.1/person/{w['users']['member'].memberships.get().pk}/",
            PUBLIC,
        ),
        "oparl:membership-detail": (
            lambda w: f"/oparl/v1.1/membership/{w['users']['member'].memberships.get().pk}/",
            PUBLIC,
        ),
        "oparl:meeting-session": (
            lambda w: f"/oparl/v1.1/meeting/sitzung/{w['session'].pk}/",
            PUBLIC,
        ),
        "oparl:location-session": (
            lambda w: f"/oparl/v1.1/location/sitzung/{w['session'].pk}/",
            PUBLIC,
        ),
        # Unpublished minutes answer `deleted: true`.
        "oparl:file-minutes": (
            lambda w: f"/oparl/v1.1/file/protokoll/{w['session'].pk}/",
            PUBLIC,
        ),
        "oparl:paper-detail": (lambda w: f"/oparl/v1.1/paper/{w['section'].version_id}/", PUBLIC),
        "oparl:meeting-milestone": (lambda w: "/oparl/v1.1/meeting/meilenstein/999999/", NOT_FOUND),
        "oparl:location-milestone": (
            lambda w: "/oparl/v1.1/location/meilenstein/999999/",
            NOT_FOUND,
        ),
        "oparl:consultation-milestone": (lambda w: "/oparl/v1.1/consultation/999999/", NOT_FOUND),
        "oparl:consultation-beratung": (
            lambda w: "/oparl/v1.1/consultation/beratung/999999/",
            NOT_FOUND,
        ),
        "oparl:meeting-beratung": (lambda w: "/oparl/v1.1/meeting/beratung/999999/", NOT_FOUND),
        "oparl:agendaitem-beratung": (
            lambda w: "/oparl/v1.1/agendaitem/beratung/999999/",
            NOT_FOUND,
        ),
        "oparl:file-detail": (lambda w: "/oparl/v1.1/file/999999/", NOT_FOUND),
    }
)

EXPECTED.update(
    {
        "exports:version-download": (lambda w: "/konzept/v1/download/json/", PUBLIC),
        "exports:synopsis-download": (lambda w: "/konzept/v1/synopse/download/docx/", PUBLIC),
        # No version of the world is decided: there is no beschlossene Fassung.
        "exports:resolution-download": (
            lambda w: "/konzept/v1/beschlossene-fassung/download/pdf/",
            NOT_FOUND,
        ),
        "measures:opendata-download": (lambda w: "/massnahmen/daten/csv/", PUBLIC),
        "measures:opendata-table-download": (
            lambda w: "/massnahmen/daten/fortschritt/csv/",
            PUBLIC,
        ),
        # The world has no frozen version, hence no issued file.
        "exports:issued-file": (lambda w: "/dateien/1/", NOT_FOUND),
        "exports:authenticity": (lambda w: "/echtheit/", PUBLIC),
    }
)


# Following without an account: the feeds and the subscription pages are everyone's; a link
# from a subscription's mail that was altered is a 400 for everyone.
ALTERED_LINK = dict.fromkeys(ROLES, 400)
EXPECTED.update(
    {
        "following:feed-concept": (lambda w: "/feeds/konzept/", PUBLIC),
        "following:feed-progress": (lambda w: "/feeds/fortschritt/", PUBLIC),
        "following:feed-group": (lambda w: "/feeds/arbeitsgruppen/bildung/", PUBLIC),
        "following:feed-measure": (lambda w: "/feeds/massnahmen/1/", PUBLIC),
        "following:subscribe-concept": (lambda w: "/benachrichtigungen/", PUBLIC),
        "following:subscribe-group": (
            lambda w: "/benachrichtigungen/arbeitsgruppen/bildung/",
            PUBLIC,
        ),
        "following:subscribe-measure": (lambda w: "/benachrichtigungen/massnahmen/1/", PUBLIC),
        "following:subscribe-sent": (lambda w: "/benachrichtigungen/gesendet/", PUBLIC),
        "following:confirm": (lambda w: "/benachrichtigungen/bestaetigen/x:1:y/", ALTERED_LINK),
        "following:unsubscribe": (lambda w: "/benachrichtigungen/abmelden/x:1:y/", ALTERED_LINK),
    }
)


# Last: the parametrised list below is read when the module is imported, after every
# EXPECTED.update above.
def test_every_url_has_an_expected_status():
    missing = [
        name
        for name in project_url_names()
        if name not in EXPECTED and not name.startswith(f"{ADMIN_NAMESPACE}:")
    ]
    assert not missing, f"URLs without an entry in the permission matrix: {missing}"


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status_for_every_url_and_role(client, world, name, role):
    build, expected = EXPECTED[name]
    login(client, world, role)
    response = client.get(build(world))
    assert response.status_code == expected[role], (name, role, response.status_code)
