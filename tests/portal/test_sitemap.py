from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from minden_integration.site.sitemaps import STATIC_PAGES
from tests.factories import ConceptFactory, MeasureFactory, SessionFactory, VersionFactory


def test_sitemap_lists_public_pages_only(client, db):
    concept = ConceptFactory(slug="minden")
    VersionFactory(concept=concept, number=1)  # a draft: never listed
    measure = MeasureFactory(concept=concept, number=7)
    SessionFactory(working_group=measure.working_group, round=1)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    content = response.content.decode()
    assert "/massnahmen/7/" in content
    assert f"/arbeitsgruppen/{measure.working_group.slug}/sitzungen/" in content
    assert "/konzept/v1/" not in content
    assert "/barrierefreiheit/" in content


def sitemap_queries(client):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_sitemap_queries_do_not_grow_with_the_data(client, db):
    concept = ConceptFactory(slug="minden")
    VersionFactory(concept=concept, number=1, status="consultation_closed")
    for number in range(1, 4):
        measure = MeasureFactory(concept=concept, number=number)
        SessionFactory(working_group=measure.working_group, round=1)
    small, content = sitemap_queries(client)
    assert content.count("<url>") == len(STATIC_PAGES) + 1 + 3 + 3 + 3

    for number in range(4, 60):
        measure = MeasureFactory(concept=concept, number=number)
        SessionFactory(working_group=measure.working_group, round=1)
        SessionFactory(working_group=measure.working_group, round=2)
    VersionFactory(concept=concept, number=2, status="consultation_closed")
    large, content = sitemap_queries(client)

    assert content.count("<url>") == len(STATIC_PAGES) + 2 + 59 + 59 * 2 - 3 + 59
    assert small == large <= 12


def test_sitemap_gives_german_addresses_with_dates_and_escapes_them(client, db):
    concept = ConceptFactory(slug="minden")
    measure = MeasureFactory(concept=concept, number=12)
    session = SessionFactory(working_group=measure.working_group, round=3)
    content = client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert content.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns=')
    assert "/en/" not in content
    day = timezone.localdate(measure.updated_at).isoformat()
    assert (
        f"<url><loc>http://testserver/massnahmen/12/</loc><lastmod>{day}</lastmod></url>" in content
    )
    slug = measure.working_group.slug
    assert f"http://testserver/arbeitsgruppen/{slug}/sitzungen/{session.pk}/</loc>" in content
    assert "<loc>http://testserver/</loc><changefreq>monthly</changefreq>" in content
