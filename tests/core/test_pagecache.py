"""Whole pages from the cache for anonymous readers: what is stored, what never is, and that a
hit is the page a fresh render would give (minden_integration.core.pagecache)."""

import gzip

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.test import Client, RequestFactory
from django.urls import resolve

from minden_integration.core.pagecache import STATUS_HEADER, _answer, _may_store
from tests.factories import ConceptFactory, MeasureFactory, WorkingGroupFactory

CACHED = "X-Page-Cache"
assert CACHED == STATUS_HEADER


@pytest.fixture
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def concept(transactional_db, page_cache):
    """Committed rows (transactional): inside a test's open transaction the generation names
    that transaction's writes, and such pages are never stored."""
    return ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")


def cached(response) -> str | None:
    return response.headers.get(CACHED)


def test_an_anonymous_page_is_stored_once_and_then_served_whole(
    client, concept, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200 and cached(first) == "miss"
    # A hit: the generation and, in this process's memory, the page; nothing else.
    with django_assert_num_queries(1):
        second = client.get("/")
    assert cached(second) == "hit" and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The outer middleware still adds the security headers and the policy to the hit.
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert second[header] == first[header]
    assert second["X-Frame-Options"] == "DENY" and second["Content-Language"] == "de"
    assert set(second["Vary"].split(", ")) == set(first["Vary"].split(", ")) >= {"Cookie"}
    assert cached(client.head("/")) == "hit"


def test_public_pages_use_no_csp_nonce(client, concept):
    """A nonce sent twice protects nothing: the public pages need none, so they can be stored."""
    for path in ("/", "/konzept/", "/massnahmen/", "/suche/?q=Sprache", "/impressum/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "nonce-" not in response["Content-Security-Policy"], path
        assert cached(response) == "miss", path


def test_a_write_is_visible_with_the_next_request(client, concept):
    from measures.services import progress_record

    group = WorkingGroupFactory(concept=concept, slug="bildung")
    measure = MeasureFactory(concept=concept, working_group=group, title="Sprachkurse")
    path = f"/massnahmen/{measure.number}/"
    assert cached(client.get(path)) == "miss"
    assert cached(client.get(path)) == "hit"
    progress_record(measure=measure, status="in_progress", note="Erste Kurse laufen im März")
    response = client.get(path)
    assert cached(response) == "miss" and "Erste Kurse laufen im März" in response.text


def test_a_page_with_a_form_is_never_served_from_the_cache(client, concept, settings):
    # The accessibility statement carries the feedback form (POST, with its CSRF token).
    for _ in range(2):
        response = client.get("/barrierefreiheit/")
        assert response.status_code == 200 and cached(response) is None
        assert 'name="csrfmiddlewaretoken"' in response.text
    # The login page is excluded by name, and would be refused for its token without that.
    settings.PORTAL_PAGE_CACHE_EXCLUDED = frozenset()
    for _ in range(2):
        response = Client().get("/konto/anmelden/")
        assert response.status_code == 200 and cached(response) is None
    # A search form sends GET and carries no token: the search page is stored.
    client.get("/suche/?q=Sprache")
    assert cached(client.get("/suche/?q=Sprache")) == "hit"
    assert cached(client.get("/suche/?q=Arbeit")) == "miss"


def test_anonymous_and_signed_in_readers_never_share_a_page(client, concept, member):
    signed_in = Client()
    signed_in.force_login(member)
    page = signed_in.get("/")
    assert "Abmelden" in page.text and cached(page) is None
    anonymous = client.get("/")
    assert cached(anonymous) == "miss" and "Abmelden" not in anonymous.text
    assert cached(client.get("/")) == "hit"
    page = signed_in.get("/")
    assert "Abmelden" in page.text and cached(page) is None


def test_a_message_is_never_stored_nor_served_a_stored_page(client, concept):
    assert cached(client.get("/")) == "miss"
    sent = client.post("/barrierefreiheit/", {"message": "Die Tabelle hat keine Kopfzeile."})
    assert sent.status_code == 302
    # The next page shows the message: made afresh, not stored.
    page = client.get("/")
    assert "Vielen Dank! Ihre Rückmeldung ist eingegangen" in page.text
    assert cached(page) is None
    # The feedback was a write: the page after the message is a new one, without it.
    after = client.get("/")
    assert cached(after) == "miss" and "Vielen Dank" not in after.text
    assert cached(client.get("/")) == "hit"


def test_the_languages_are_stored_apart(client, concept):
    german, english = client.get("/"), client.get("/en/")
    assert (cached(german), cached(english)) == ("miss", "miss")
    german, english = client.get("/"), client.get("/en/")
    assert (cached(german), cached(english)) == ("hit", "hit")
    assert '<html lang="de" dir="ltr">' in german.text and german["Content-Language"] == "de"
    assert '<html lang="en" dir="ltr">' in english.text and english["Content-Language"] == "en"
    # Every address without a prefix is German, whatever the browser asks for.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").content == german.content


def test_a_public_page_answers_gzip_when_asked_and_stores_it_compressed(client, concept):
    plain = client.get("/massnahmen/")
    packed = client.get("/massnahmen/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    again = client.get("/massnahmen/", HTTP_ACCEPT_ENCODING="gzip")
    assert cached(again) == "hit" and again.content == packed.content
    assert cached(client.get("/massnahmen/")) == "hit"
    assert "Content-Encoding" not in client.get("/massnahmen/")


def test_a_stored_page_still_answers_a_conditional_request():
    request = RequestFactory().get("/", HTTP_IF_NONE_MATCH='"abc"')
    response = _answer(request, b"<p>Seite</p>", [("ETag", '"abc"'), ("Content-Type", "text/html")])
    assert response.status_code == 304
    request = RequestFactory().get("/", HTTP_IF_NONE_MATCH='"old"')
    assert _answer(request, b"<p>Seite</p>", [("ETag", '"abc"')]).status_code == 200


def stored(response, **meta) -> bool:
    request = RequestFactory().get("/", **meta)
    request.resolver_match = resolve("/")
    ContentSecurityPolicyMiddleware(lambda r: response).process_request(request)
    return _may_store(request, response)


def test_only_plain_public_answers_are_stored():
    assert stored(HttpResponse("<p>Seite</p>"))
    assert not stored(HttpResponse("<p>fehlt</p>", status=404))
    assert not stored(StreamingHttpResponse(iter([b"a"])))
    private = HttpResponse("<p>Seite</p>", headers={"Cache-Control": "private"})
    assert not stored(private)
    assert not stored(HttpResponse("<p>Seite</p>", headers={"Cache-Control": "no-store"}))
    with_cookie = HttpResponse("<p>Seite</p>")
    with_cookie.set_cookie("anything", "1")
    assert not stored(with_cookie)
    assert not stored(HttpResponse('<form method="POST" action="/x/"></form>'))
    assert stored(HttpResponse('<form method="get" action="/suche/"></form>'))
    assert not stored(HttpResponse("<p>Seite</p>"), CSRF_COOKIE_NEEDS_UPDATE=True)


def test_a_page_that_shows_a_message_of_its_own_request_is_not_stored():
    response = HttpResponse("<p>Gespeichert.</p>")
    request = RequestFactory().get("/")
    request.resolver_match = resolve("/")
    request._messages = CookieStorage(request)
    assert _may_store(request, response)
    messages.success(request, "Gespeichert.")
    list(request._messages)  # the template showed it: no cookie is left to set
    assert not response.cookies and not _may_store(request, response)


def test_a_page_that_used_the_csp_nonce_is_not_stored():
    response = HttpResponse("<p>Seite</p>")
    request = RequestFactory().get("/")
    request.resolver_match = resolve("/")
    ContentSecurityPolicyMiddleware(lambda r: response).process_request(request)
    assert _may_store(request, response)
    str(request._csp_nonce)  # a template rendered {{ csp_nonce }}
    assert not _may_store(request, response)


def test_a_miss_reads_the_generation_once_for_the_whole_page(client, concept):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/konzept/")
    assert cached(response) == "miss"
    reads = [q for q in ctx.captured_queries if "core_contentgeneration" in q["sql"]]
    assert len(reads) == 1, reads
    assert getattr(connection, "content_generation_pinned", None) is None
