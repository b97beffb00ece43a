"""The Atom feeds: they parse as Atom, hold what happened with stable ids and updated times,
show only what the public pages show, are advertised on their pages, and are served from the
page cache until the content changes."""

import datetime as dt
import re

import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from measures.progress_models import ProgressUpdate
from tests.factories import ProgressUpdateFactory


def parsed(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


def ids(feed) -> list[str]:
    return [entry.id for entry in feed.entries]


def test_concept_feed_holds_versions_consultations_amendments_and_results(client, world):
    feed = parsed(client, "/feeds/konzept/")
    version, amendment, result = world["version"], world["amendment"], world["result"]
    assert feed.feed.title == "Integrationskonzept Minden: Neuigkeiten"
    assert feed.feed.id.startswith("tag:")
    assert feed.feed.language == "de"
    titles = {entry.id.split(":", 2)[2]: entry.title for entry in feed.entries}
    assert titles == {
        "version/1/consultation/opened": "Version 1: Beteiligung eröffnet",
        "version/1/consultation/ended": "Version 1: Beteiligung beendet",
        f"amendment/{amendment.pk}/decision": "Vorschlag 1 zu Version 1: Angenommen",
        f"consultation/{result.pk}/result/recommended": ("Integrationsrat: empfohlen (Version 1)"),
    }
    by_key = {entry.id.split(":", 2)[2]: entry for entry in feed.entries}
    ended = by_key["version/1/consultation/ended"]
    assert ended.link == f"http://testserver/konzept/v{version.number}/"
    assert ended.updated_parsed[:6] == version.consultation_closed_at.utctimetuple()[:6]
    assert by_key[f"amendment/{amendment.pk}/decision"].link.endswith(
        f"/konzept/v1/vorschlaege/#vorschlag-{amendment.pk}"
    )
    # Stable: the same ids on the next request.
    assert ids(parsed(client, "/feeds/konzept/")) == ids(feed)


def test_a_draft_version_is_in_no_feed(client, world):
    from tests.factories import VersionFactory

    VersionFactory(concept=world["concept"], number=2)
    assert not any("version/2" in entry_id for entry_id in ids(parsed(client, "/feeds/konzept/")))


def test_progress_feeds_hold_only_published_updates_of_their_scope(client, world):
    published, pending, elsewhere = world["published"], world["pending"], world["elsewhere"]

    def keys(path):
        return {entry_id.split(":", 2)[2] for entry_id in ids(parsed(client, path))}

    assert keys("/feeds/fortschritt/") == {f"progress/{published.pk}", f"progress/{elsewhere.pk}"}
    assert keys("/feeds/arbeitsgruppen/bildung/") == {f"progress/{published.pk}"}
    assert keys("/feeds/massnahmen/7/") == {f"progress/{published.pk}"}
    assert keys("/feeds/massnahmen/8/") == {f"progress/{elsewhere.pk}"}

    # Published after review: it appears, under the time of its review.
    ProgressUpdate.objects.filter(pk=pending.pk).update(
        review="published", reviewed_at=timezone.now() + dt.timedelta(minutes=1)
    )
    feed = parsed(client, "/feeds/massnahmen/7/")
    assert ids(feed)[0].endswith(f"progress/{pending.pk}")
    assert f"progress/{published.pk}" in ids(feed)[1]
    entry = feed.entries[1]
    assert entry.title == "Maßnahme 7: in Umsetzung"
    assert entry.link == "http://testserver/massnahmen/7/#progress-heading"
    assert "Läuft." in entry.summary


def test_unknown_scopes_are_404(client, world):
    assert client.get("/feeds/massnahmen/999/").status_code == 404
    assert client.get("/feeds/arbeitsgruppen/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize(
    ("path", "feeds", "follow"),
    [
        ("/", ["/feeds/konzept/", "/feeds/fortschritt/"], "/benachrichtigungen/"),
        ("/konzept/v1/", ["/feeds/konzept/"], "/benachrichtigungen/"),
        (
            "/arbeitsgruppen/bildung/",
            ["/feeds/arbeitsgruppen/bildung/"],
            "/benachrichtigungen/arbeitsgruppen/bildung/",
        ),
        ("/massnahmen/7/", ["/feeds/massnahmen/7/"], "/benachrichtigungen/massnahmen/7/"),
    ],
)
def test_pages_advertise_their_feeds(client, world, path, feeds, follow):
    content = client.get(path).content.decode()
    head = content.split("</head>")[0]
    advertised = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head
    )
    assert advertised == feeds
    assert f'href="{follow}"' in content


def test_pages_of_other_kinds_advertise_none(client, world):
    content = client.get("/impressum/").content.decode()
    assert "application/atom+xml" not in content
    assert "/benachrichtigungen/" not in content


@pytest.fixture
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600


@pytest.mark.django_db(transaction=True)
def test_a_feed_comes_from_the_page_cache_until_the_content_changes(page_cache, world):
    client = Client()
    first = client.get("/feeds/massnahmen/7/")
    assert first["X-Page-Cache"] == "miss"
    second = client.get("/feeds/massnahmen/7/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # A new published update renews the generation: the feed is made afresh and holds it.
    update = ProgressUpdateFactory(measure=world["measure"])
    third = client.get("/feeds/massnahmen/7/")
    assert third["X-Page-Cache"] == "miss"
    assert f"progress/{update.pk}" in third.content.decode()
    assert client.get("/feeds/massnahmen/7/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_pages_with_the_subscribe_form_are_never_stored(page_cache, world):
    client = Client()
    for _ in range(2):
        response = client.get("/benachrichtigungen/massnahmen/7/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    # The page with the follow box holds no form: it stays cacheable.
    client.get("/massnahmen/7/")
    assert client.get("/massnahmen/7/")["X-Page-Cache"] == "hit"


def test_a_version_presented_to_the_bodies_appears_with_its_status(client, world):
    from concept.models import Body, BodyKind, ConsultationRole, VersionStatus
    from concept.services import version_transition
    from tests.factories import SectionFactory, VersionFactory

    Body.objects.filter(concept=world["concept"]).update(
        default_step=1, default_role=ConsultationRole.PRELIMINARY
    )
    Body.objects.create(
        concept=world["concept"],
        name="Rat der Stadt",
        kind=BodyKind.COUNCIL,
        default_step=2,
        default_role=ConsultationRole.DECISION,
    )
    version = VersionFactory(concept=world["concept"], number=2, title="Fortschreibung")
    SectionFactory(version=version)
    version_transition(
        version=version, to=VersionStatus.COUNCIL_REVIEW, council_paper_reference="DS 1/2026"
    )
    version.refresh_from_db()
    feed = parsed(client, "/feeds/konzept/")
    entry = feed.entries[0]
    assert entry.id.endswith(":version/2/status/council_review")
    assert entry.title == "Version 2: In Beratung der Gremien"
    assert entry.summary == "Fortschreibung"
    assert entry.updated_parsed[:6] == version.status_changed_at.utctimetuple()[:6]


@pytest.mark.parametrize("path", ["/feeds/konzept/", "/feeds/fortschritt/"])
def test_a_feeds_queries_do_not_grow_with_its_entries(client, world, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import AmendmentFactory

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    before = count()
    section = world["amendment"].section
    for _ in range(5):
        ProgressUpdateFactory(measure=world["other"])
        AmendmentFactory(
            section=section,
            status="rejected",
            submitted_at=timezone.now() - dt.timedelta(days=2),
            decided_at=timezone.now(),
            decision_reasoning="Passt nicht.",
        )
    assert count() == before
