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
