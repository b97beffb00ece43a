"""Every page of the portal a resident or a member can reach, for the small-screens crawl.

`url_routes()` reads every named route from the resolver, the German one and its twins in the
other languages under /en/, /tr/, ... (i18n_patterns). Each route name is either in PUBLIC or
MEMBER, with the concrete pages of Minden's demo data to visit, or in EXCLUDED (or an
EXCLUDED_NAMESPACES namespace) with the reason it is not crawled.
tests/portal/test_crawl_table.py fails when a route is in none of
them, so the crawl cannot fall behind the portal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db.models import Count
from django.db.models.functions import Length
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from concept.models import (
    Amendment,
    AmendmentStatus,
    Concept,
    ConceptVersion,
    IssuedFile,
    VersionStatus,
)
from concept.selectors import current_consultation
from concept.services import amendment_create
from measures.models import Goal, Measure, MeasureContact, TargetGroup
from minden_integration.following.services import subscription_request
from minden_integration.following.tokens import confirm_token, unsubscribe_token
from workgroups.models import Membership, Organisation, Session, WorkingGroup
from workgroups.services import member_invite

# --- the routes -------------------------------------------------------------------------------


def _walk(patterns, prefix: str, namespace: str | None) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            if isinstance(pattern.pattern, LocalePrefixPattern):
                # i18n_patterns: the same routes once per language (German without a prefix).
                for code, _name in settings.LANGUAGES:
                    with translation.override(code):
                        language_prefix = pattern.pattern.language_prefix
                    yield from _walk(pattern.url_patterns, prefix + language_prefix, ns)
            else:
                yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


def url_routes() -> list[tuple[str, str]]:
    """(namespace:name, route) for every named route, in every language it is served in."""
    return sorted(set(_walk(get_resolver().url_patterns, "", None)))


def route_name(path: str) -> str:
    """The route name a path (with its query string) resolves to, in the path's language."""
    path = urlsplit(path).path
    language = next(
        (code for code, _n in settings.LANGUAGES if path.startswith(f"/{code}/")),
        settings.LANGUAGE_CODE,
    )
    with translation.override(language):
        return resolve(path).view_name


# --- the pages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    path: str
    status: int = 200
    # Brings the data into the state the page shows (run just before the visit).
    prepare: Callable[[], None] | None = None


@dataclass(frozen=True)
class Demo:
    """The objects of Minden's demo data the pages are built from."""

    versions: list[int]  # the public versions, one per status
    approved: int  # its issued files are stored
    open_version: int  # in consultation: members propose amendments to it
    section_to_propose: int  # a section of the open version
    # The amendment filters' longest options.
    amendment_filters: str
    groups: list[str]
    # The measure facets' longest options: a select must show them whole.
    longest_facets: str
    public_session: Session
    unpublished_session: Session  # minutes for the group's members only
    session_without_minutes: Session
    measures: list[int]
    own_draft: int
    own_submitted: int
    own_decided: int
    own_withdrawn: int
    invitation: str
    password_reset: str
    # A subscription's signed links (confirmation, unsubscribe): the pages with their button.
    confirm: str
    unsubscribe: str
    contact_measure: int  # the member reports its progress


def demo_member():
    """The first demo member with an account (also the one today's screenshots show)."""
    return Membership.objects.filter(user__isnull=False).order_by("pk").first().user


def demo_world() -> Demo:
    """Reads the demo data and adds what it lacks for some pages: a draft of the member's own,
    an open invitation, a password-reset link."""
    member = demo_member()
    versions = list(
        ConceptVersion.objects.public().order_by("number").values_list("number", "status")
    )
    assert len({status for _n, status in versions}) == len(versions) >= 2, versions
    open_version = current_consultation(Concept.objects.current())
    section = open_version.sections.order_by("-position").first()
    draft = amendment_create(
        section=section,
        author=member,
        kind="addition",
        passage=section.body[:200],
        proposed_text="Ein Sprachcafé in jeder Stadtteilbibliothek, auch samstags.",
        rationale="Viele Eltern arbeiten werktags.",
    )
    own = Amendment.objects.filter(author=member)
    decided = own.filter(
        status__in=[AmendmentStatus.ACCEPTED, AmendmentStatus.PARTIALLY_ACCEPTED]
    ).first()
    oldest = ConceptVersion.objects.public().order_by("number").first()
    measures = Measure.objects.order_by("number")
    # The measure with the most to show: recommendations, progress, partners.
    busiest = (
        measures.annotate(updates=Count("progress_updates", distinct=True))
        .exclude(recommendations=None)
        .order_by("-updates", "number")
        .first()
    )

    groups = WorkingGroup.objects.order_by("pk")
    sessions = Session.objects.select_related("working_group").order_by("pk")
    member_groups = Membership.objects.filter(user=member).values("working_group")
    mail.outbox = []
    invited = member_invite(
        email="neu.mitglied@minden.invalid",
        name="Beispiel Neues Mitglied",
        working_group=member.memberships.first().working_group,
        organisation=None,
        invited_by=None,
    )
    assert invited.pk
    link = re.search(r"(/konto/einladung/[^/\s]+/)", mail.outbox[-1].body).group(1)
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    # The member reports progress for a measure with indicators, too.
    counted = measures.exclude(indicators=None).first()
    MeasureContact.objects.get_or_create(
        measure=counted,
        user=member,
        defaults={"organisation": counted.lead_organisation or Organisation.objects.first()},
    )
    subscription = subscription_request(
        email="leserin@minden.invalid", concept=Concept.objects.current(), measure=busiest
    )
    return Demo(
        versions=[number for number, _s in versions],
        approved=ConceptVersion.objects.get(status=VersionStatus.APPROVED).number,
        open_version=open_version.number,
        section_to_propose=section.pk,
        amendment_filters=urlencode(
            {
                "status": "teilweise-angenommen",
                "abschnitt": _longest(oldest.sections.all(), "title").key,
                "gruppe": _longest(
                    oldest.amendments.exclude(working_group_name=""), "working_group_name"
                ).working_group_name,
            }
        ),
        groups=list(groups.values_list("slug", flat=True)),
        longest_facets=urlencode(
            {
                "gruppe": _longest(groups, "name").slug,
                "ziel": _longest(Goal.objects.all(), "title").code,
                "zielgruppe": _longest(TargetGroup.objects.exclude(measures=None), "name").slug,
                "federfuehrung": _longest(
                    Organisation.objects.exclude(led_measures=None), "name"
                ).pk,
            }
        ),
        public_session=sessions.filter(minutes_public=True).exclude(minutes="").first(),
        unpublished_session=sessions.filter(working_group__in=member_groups, minutes_public=False)
        .exclude(minutes="")
        .first(),
        session_without_minutes=sessions.filter(minutes="").first(),
        measures=sorted({1, busiest.number}),
        own_draft=draft.pk,
        own_submitted=own.filter(status=AmendmentStatus.SUBMITTED).first().pk,
        own_decided=decided.pk,
        own_withdrawn=own.filter(status=AmendmentStatus.WITHDRAWN).first().pk,
        invitation=link,
        password_reset=f"/konto/passwort-neu/{uid}/{default_token_generator.make_token(member)}/",
        confirm=f"/benachrichtigungen/bestaetigen/{confirm_token(subscription.key)}/",
        unsubscribe=f"/benachrichtigungen/abmelden/{unsubscribe_token(subscription.key)}/",
        contact_measure=counted.number,
    )


def _longest(queryset, field: str):
    return queryset.annotate(length=Length(field)).order_by("-length", "pk").first()


def _withhold_issued_file():
    """An issued file the issuing task has not stored yet (it answers "wird erstellt")."""
    IssuedFile.objects.filter(
        version__status=VersionStatus.APPROVED, document="version", format="json"
    ).delete()


def _report_issued() -> None:
    """The last closed year's implementation report, and a berichtigte Fassung of it: the first
    edition's page then says that it was superseded."""
    from django.utils import timezone

    from measures.models import ImplementationReport
    from measures.report_issuing import report_correct, report_issue

    concept, year = Concept.objects.current(), timezone.localdate().year - 1
    if not ImplementationReport.objects.filter(concept=concept, year=year).exists():
        report_issue(concept=concept, year=year, by=None)
        report_correct(concept=concept, year=year, note="Eine Meldung nachgetragen.", by=None)


def _report_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year - 1


# Route name -> the pages of it a visitor (not logged in) can see. Visited in this order.
PUBLIC: dict[str, Callable[[Demo], list[Visit | str]]] = {
    "home": lambda d: ["/"],
    "concept:version-current": lambda d: ["/konzept/"],
    "concept:version-detail": lambda d: [f"/konzept/v{n}/" for n in d.versions],
    "concept:version-list": lambda d: ["/konzept/versionen/"],
    "concept:version-compare": lambda d: [
        "/konzept/vergleich/",
        f"/konzept/vergleich/?von={d.versions[0]}&zu={d.versions[-1]}",
    ],
    "concept:version-synopsis": lambda d: [f"/konzept/v{n}/synopse/" for n in d.versions],
    # The status takes the English values today (no German slugs for it yet).
    "concept:amendment-list": lambda d: [
        *[f"/konzept/v{n}/vorschlaege/" for n in d.versions],
        f"/konzept/v{d.versions[0]}/vorschlaege/?{d.amendment_filters}",
    ],
    "exports:authenticity": lambda d: ["/echtheit/"],
    "measures:measure-list": lambda d: [
        "/massnahmen/",
        f"/massnahmen/?{d.longest_facets}",
        "/massnahmen/?gruppe=bildung-und-erziehung&zielgruppe=eltern&prioritaet=hoch",
        "/massnahmen/?status=in-umsetzung&zeitraum=kurzfristig&sortierung=titel&seite=2",
        "/massnahmen/?q=Sprache",
        "/massnahmen/?q=Quokka",
    ],
    "measures:measure-detail": lambda d: [f"/massnahmen/{n}/" for n in d.measures],
    "monitoring:overview": lambda d: [
        "/umsetzung/",
        f"/umsetzung/?{d.longest_facets}",
        "/umsetzung/?zeitraum=kurzfristig&prioritaet=hoch",
    ],
    "reports:report-detail": lambda d: [
        Visit(f"/umsetzung/bericht/{_report_year()}/", prepare=_report_issued),
        Visit(f"/umsetzung/bericht/{_report_year() - 50}/", status=404),
    ],
    # Visited last, after the report is issued (`_report_issued` runs once).
    "reports:report-edition": lambda d: [
        Visit(f"/umsetzung/bericht/{_report_year()}/fassung/0/", prepare=_report_issued)
    ],
    "reports:report-list": lambda d: [Visit("/umsetzung/berichte/", prepare=_report_issued)],
    "workgroups:group-list": lambda d: ["/arbeitsgruppen/"],
    "workgroups:group-detail": lambda d: [f"/arbeitsgruppen/{slug}/" for slug in d.groups],
    "workgroups:session-detail": lambda d: [
        d.public_session.get_absolute_url(),
        d.unpublished_session.get_absolute_url(),
        d.session_without_minutes.get_absolute_url(),
    ],
    "participate": lambda d: ["/mitmachen/"],
    "following:subscribe-concept": lambda d: ["/benachrichtigungen/"],
    "following:subscribe-group": lambda d: [f"/benachrichtigungen/arbeitsgruppen/{d.groups[0]}/"],
    "following:subscribe-measure": lambda d: [
        f"/benachrichtigungen/massnahmen/{n}/" for n in d.measures
    ],
    "following:subscribe-sent": lambda d: ["/benachrichtigungen/gesendet/"],
    # GET shows the button and changes nothing: the unsubscribe page still finds the
    # subscription after the confirmation page was seen.
    "following:confirm": lambda d: [
        d.confirm,
        Visit("/benachrichtigungen/bestaetigen/veraendert:1:x/", status=400),
    ],
    "following:unsubscribe": lambda d: [
        d.unsubscribe,
        Visit("/benachrichtigungen/abmelden/veraendert:1:x/", status=400),
    ],
    "search": lambda d: ["/suche/?q=Sprache", "/suche/?q=Quokka", "/suche/"],
    "imprint": lambda d: ["/impressum/"],
    "privacy": lambda d: ["/datenschutz/"],
    "accessibility": lambda d: ["/barrierefreiheit/"],
    "easy-language": lambda d: ["/leichte-sprache/"],
    "sign-language": lambda d: ["/gebaerdensprache/"],
    "accounts:login": lambda d: ["/konto/anmelden/"],
    # The demo's example Turkish translation of version 1, and Arabic (right to left, nothing
    # translated yet: the German with its notice).
    "concept:version-translation": lambda d: [
        "/konzept/v1/tr/",
        "/konzept/v1/ar/",
        Visit("/konzept/v1/xx/", status=404),
    ],
    "accounts:password-reset": lambda d: ["/konto/passwort-vergessen/"],
    "accounts:password-reset-done": lambda d: ["/konto/passwort-vergessen/gesendet/"],
    "accounts:password-reset-confirm": lambda d: [
        d.password_reset,
        f"/konto/passwort-neu/{urlsafe_base64_encode(b'0')}/abgelaufen-123/",
    ],
    "accounts:password-reset-complete": lambda d: ["/konto/passwort-neu/fertig/"],
    "accounts:invitation-accept": lambda d: [
        d.invitation,
        Visit("/konto/einladung/unbekannt/", status=404),
    ],
    # A download answers with a page only while an issued file is being made. Visited last: the
    # reading view then shows that state too.
    "exports:version-download": lambda d: [
        Visit(f"/konzept/v{d.approved}/download/json/", status=202, prepare=_withhold_issued_file)
    ],
}

# Route name -> the pages of it the member (logged in, see `demo_member`) sees.
MEMBER: dict[str, Callable[[Demo], list[Visit | str]]] = {
    "participate": lambda d: ["/mitmachen/"],
    "concept:version-detail": lambda d: [f"/konzept/v{d.open_version}/"],
    "participation:amendment-create": lambda d: [
        f"/mitmachen/abschnitt/{d.section_to_propose}/vorschlag/"
    ],
    "participation:amendment-list": lambda d: ["/mitmachen/vorschlaege/"],
    "participation:amendment-edit": lambda d: [
        f"/mitmachen/vorschlaege/{pk}/"
        for pk in (d.own_draft, d.own_submitted, d.own_decided, d.own_withdrawn)
    ],
    "participation:amendment-withdraw": lambda d: [
        f"/mitmachen/vorschlaege/{d.own_draft}/zurueckziehen/",
        f"/mitmachen/vorschlaege/{d.own_decided}/zurueckziehen/",
    ],
    "workgroups:session-detail": lambda d: [d.unpublished_session.get_absolute_url()],
    "accounts:profile": lambda d: ["/konto/"],
    "accounts:password-change": lambda d: ["/konto/passwort/"],
    "accounts:password-change-done": lambda d: ["/konto/passwort/geaendert/"],
    "accounts:account-delete": lambda d: ["/konto/loeschen/"],
    "accounts:personal-data": lambda d: ["/konto/auskunft/"],
    "accounts:saved-forms": lambda d: ["/konto/gespeicherte-eingaben/"],
    "accounts:contact-measure-list": lambda d: ["/konto/massnahmen/"],
    "accounts:progress-create": lambda d: [f"/konto/massnahmen/{d.contact_measure}/fortschritt/"],
}

# The English pages visited too: the first page of each of these PUBLIC routes, under /en/.
ENGLISH = [
    "home",
    "concept:version-current",
    "measures:measure-list",
    "measures:measure-detail",
    "monitoring:overview",
    "workgroups:group-list",
    "search",
    "imprint",
    "accessibility",
]

# Pages that are not a route's: the error page for an unknown address.
ERRORS = [Visit("/gibt-es-nicht/", status=404), Visit("/en/gibt-es-nicht/", status=404)]

EXCLUDED_NAMESPACES = {
    "admin": "the admin: tests/browser/test_admin_crawl.py crawls it",
    "oparl": "OParl: JSON",
}
EXCLUDED = {
    "set_language": "POST only: switches the language and redirects",
    "robots": "robots.txt: text",
    "sitemap": "sitemap.xml: XML",
    "city-css": "the city's colours: CSS",
    "city-logo": "the city's coat of arms: an image",
    "exports:synopsis-download": "PDF, DOCX, ODT (its 'wird erstellt' page: version-download)",
    "exports:resolution-download": "PDF, DOCX, ODT (its 'wird erstellt' page: version-download)",
    "exports:issued-file": "a stored file: PDF, DOCX, ODT, JSON, CSV, XLSX",
    "measures:measure-csv": "CSV",
    "reports:report-download": "a stored file of an issued report: PDF, DOCX, ODT",
    "measures:opendata-download": "CSV, XLSX, JSON",
    "measures:opendata-table-download": "CSV of the progress updates or the indicators",
    "monitoring:overview-csv": "CSV",
    "participation:amendment-submit": "POST only: its form is on the amendment's page",
    "accounts:logout": "POST only: its button is in the header",
    "accounts:consent-update": "POST only: its form is on the profile",
    "accounts:personal-data-download": "JSON: the copy of Art. 15 DSGVO",
    "accounts:saved-form-drop": "POST only: its button is on the kept entries' page",
    "accounts:second-factor": "staff only (members are sent on): test_second_factor.py",
    "accounts:second-factor-setup": "staff only (members are sent on): test_second_factor.py",
    "accounts:recovery-codes": "staff only (members are sent on): test_second_factor.py",
    "explanation-file": "a sign-language video or its captions",
    "translations:overview": "translators only: tests/concept/test_translations_pages.py",
    "translations:section-list": "translators only: tests/concept/test_translations_pages.py",
    "translations:section-edit": "translators only: tests/concept/test_translations_pages.py",
    "translations:issue": "POST only, translators only: tests/concept/test_translations_pages.py",
    "translations:measure-list": "translators only: tests/concept/test_translations_pages.py",
    "translations:measure-edit": "translators only: tests/concept/test_translations_pages.py",
    "health": "JSON for the load balancer and the monitoring",
    "security-txt": "text (RFC 9116)",
    "following:feed-concept": "an Atom feed: XML (tests/following/test_feeds.py)",
    "following:feed-progress": "an Atom feed: XML (tests/following/test_feeds.py)",
    "following:feed-group": "an Atom feed: XML (tests/following/test_feeds.py)",
    "following:feed-measure": "an Atom feed: XML (tests/following/test_feeds.py)",
}


def visits(table: dict[str, Callable[[Demo], list[Visit | str]]], demo: Demo):
    """(route name, Visit) for every page of the table, in its order."""
    for name, pages in table.items():
        for page in pages(demo):
            yield name, page if isinstance(page, Visit) else Visit(page)


def english_visits(demo: Demo) -> list[tuple[str, Visit]]:
    return [
        (name, Visit("/en" + next(visits({name: PUBLIC[name]}, demo))[1].path)) for name in ENGLISH
    ]
