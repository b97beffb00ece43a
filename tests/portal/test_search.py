import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concept.models import BodyKind, VersionStatus
from measures.services import measure_cite
from tests.concept.conftest import bring_to
from tests.factories import (
    BodyFactory,
    ConceptFactory,
    MeasureFactory,
    RecommendationFactory,
    SectionFactory,
    SessionFactory,
    VersionFactory,
    WorkingGroupFactory,
)


def build(size=1):
    concept = ConceptFactory(slug="minden")
    tag = f"{size}-{concept.pk}"
    BodyFactory(concept=concept, kind=BodyKind.ADVISORY)
    version = VersionFactory(concept=concept, number=1)
    for i in range(size * 5):
        SectionFactory(
            version=version,
            position=i + 1,
            key=f"s{i}",
            title=f"Sprachförderung im Stadtteil {i}",
            body="Die Stadt fördert <b>Elterncafés</b> und Übersetzung.",
        )
    bring_to(version, VersionStatus.CONSULTATION)
    group = WorkingGroupFactory(concept=concept, slug=f"bildung-{tag}")
    for i in range(size * 10):
        measure = MeasureFactory(
            concept=concept,
            working_group=group,
            number=i + 1,
            title=f"Sprachfördermaßnahmen {i}",
            description="Kurse für Eltern",
        )
        RecommendationFactory(
            concept=concept, code=f"E{i}-{tag}", text="Sprachförderung stärken"
        ).measures.add(measure)
    measure_cite(measure=measure, sections=[version.sections.first()])
    for i in range(size * 3):
        SessionFactory(working_group=group, round=i + 1, agenda=f"Sprachförderung Runde {i}")
    SessionFactory(
        working_group=group,
        round=99,
        agenda="Haushalt",
        minutes="Geheimwort im Protokoll",
        minutes_public=False,
    )
    return concept


def test_search_groups_results_by_kind_and_links_to_anchors(client, db):
    build()
    response = client.get("/suche/", {"q": "Sprachförderung"})
    content = response.content.decode()
    assert response.status_code == 200
    for heading in ("Abschnitte des Konzepts", "Maßnahmen", "Handlungsempfehlungen", "Sitzungen"):
        assert heading in content
    assert "/konzept/v1/#abschnitt-s0" in content
    assert "/massnahmen/1/" in content
    assert "#empfehlung-" in content
    assert "<mark>Sprachförder" in content


def test_unpublished_minutes_are_never_found(client, db):
    build()
    content = client.get("/suche/", {"q": "Geheimwort"}).content.decode()
    assert "Geheimwort im Protokoll" not in content
    assert "0 Treffer" in content


def test_published_minutes_are_found(client, db):
    build()
    from workgroups.models import Session

    Session.objects.filter(round=99).update(minutes_public=True)
    content = client.get("/suche/", {"q": "Geheimwort"}).content.decode()
    assert "<mark>Geheimwort</mark> im Protokoll" in content


def test_section_text_is_plain_text_before_highlighting(client, db):
    build()
    content = client.get("/suche/", {"q": "Elterncafés"}).content.decode()
    # The raw HTML in the Markdown is dropped as on the section's page, its words kept.
    assert "fördert <mark>Elterncafés</mark> und" in content
    assert "<b>" not in content and "&lt;b&gt;" not in content


def test_draft_sections_are_not_searched(client, db):
    concept = ConceptFactory(slug="minden")
    draft = VersionFactory(concept=concept, number=1)
    SectionFactory(version=draft, title="Entwurfsgeheimnis")
    content = client.get("/suche/", {"q": "Entwurfsgeheimnis"}).content.decode()
    assert "Entwurfsgeheimnis</mark>" not in content


@pytest.mark.parametrize(
    "query",
    [
        "",
        "&|!:()*",
        "...",
        "x" * 10_000,
        "Sprach\x00förderung",
        "'; DROP TABLE measures_measure; --",
        "<script>alert(1)</script>",
        "ü" * 300,
    ],
)
def test_any_input_gives_a_normal_page(client, db, query):
    build()
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content


def test_only_punctuation_explains_itself(client, db):
    build()
    content = client.get("/suche/", {"q": "&|!:()*"}).content.decode()
    assert "mindestens ein Wort" in content


# The page's queries: the concept, the current version (two), the sections' missing search
# data, one per kind (two for the recommendations and their measures), the city (the frame).
PINNED_QUERIES = 10


def test_query_count_does_not_grow_with_the_data(client, db):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/suche/", {"q": "Sprachförderung"}).status_code == 200
        return len(queries)

    build(size=1)
    count()  # the first search writes the sections' search data
    small = count()
    from concept.models import Concept

    Concept.objects.filter(slug="minden").update(slug="frueher")
    build(size=4)
    count()
    assert count() == small == PINNED_QUERIES


def test_each_group_shows_the_best_twenty_and_counts_every_hit(db):
    from minden_integration.site.search import LIMIT, site_search

    build(size=3)  # 15 sections, 30 measures, 30 recommendations, 9 sessions match
    groups = {group["key"]: group for group in site_search("Sprachförderung")["groups"]}
    assert (groups["measures"]["count"], len(groups["measures"]["results"])) == (30, LIMIT)
    assert (groups["recommendations"]["count"], len(groups["recommendations"]["results"])) == (
        30,
        LIMIT,
    )
    assert (groups["sessions"]["count"], len(groups["sessions"]["results"])) == (9, 9)
    assert site_search("Sprachförderung")["total"] == 15 + 30 + 30 + 9


# --- sections: PostgreSQL's full-text search over their derived search data --------------------


def section_urls(query):
    from minden_integration.site.search import site_search

    groups = {group["key"]: group for group in site_search(query)["groups"]}
    return [result["url"].rsplit("#", 1)[1] for result in groups["sections"]["results"]]


def consultation_with(*sections, status=VersionStatus.CONSULTATION):
    concept = ConceptFactory(slug="minden")
    BodyFactory(concept=concept, kind=BodyKind.ADVISORY)
    version = VersionFactory(concept=concept, number=1)
    for position, (key, title, body, summary) in enumerate(sections, start=1):
        SectionFactory(
            version=version,
            position=position,
            key=key,
            title=title,
            body=body,
            easy_language_summary=summary,
        )
    return bring_to(version, status)


def test_a_word_begun_finds_sections_by_title_text_and_leichte_sprache(client, db):
    consultation_with(
        ("text", "Elternarbeit", "Die **Sprachförderung** beginnt früh.", ""),
        ("titel", "Sprachförderung im Stadtteil", "Kurse für alle.", ""),
        ("leicht", "Übersicht", "", "Wir helfen beim Lernen: Sprachförderung."),
        ("anders", "Sport", "Vereine öffnen sich.", ""),
    )

    # The title hit first; the text hit above the Leichte Sprache hit (weights A, B, C).
    assert section_urls("sprachförder") == [
        "abschnitt-titel",
        "abschnitt-text",
        "abschnitt-leicht",
    ]
    content = client.get("/suche/", {"q": "sprachförder"}).content.decode()
    assert "Die <mark>Sprachförder</mark>ung beginnt früh." in content  # plain text, no **
    assert "Wir helfen beim Lernen: <mark>Sprachförder</mark>ung." in content


def test_sections_written_without_save_are_found_after_their_first_search(db):
    from concept.models import Section, SectionSearchEntry

    version = consultation_with(("eins", "Elterncafés", "", ""))
    new = Section(version=version, position=2, key="neu", number="2", title="Sprachkurse")
    Section.objects.bulk_create([new])  # no save(): no search data yet
    assert not SectionSearchEntry.objects.filter(section__key="neu").exists()

    assert section_urls("Sprachkurs") == ["abschnitt-neu"]

    # A change made in bulk (with its time stamp) is searched anew too.
    Section.objects.filter(key="neu").update(title="Hausaufgabenhilfe", updated_at=timezone.now())
    assert section_urls("Sprachkurs") == []
    assert section_urls("Hausaufgaben") == ["abschnitt-neu"]


def test_a_frozen_versions_sections_are_searched(db):
    version = consultation_with(
        ("eins", "Sprachförderung", "", ""), status=VersionStatus.COUNCIL_REVIEW
    )
    assert version.is_frozen

    assert section_urls("Sprachförderung") == ["abschnitt-eins"]


def test_a_draft_section_written_by_the_service_has_its_search_data_at_once(db):
    from concept.models import SectionSearchEntry
    from concept.services.sections import section_create, section_update

    draft = VersionFactory(concept=ConceptFactory(slug="minden"), number=1)
    section = section_create(version=draft, title="Sprachkurse", number="1", body="**fett**")
    entry = SectionSearchEntry.objects.get(section=section)
    assert (entry.title, entry.body) == ("Sprachkurse", "fett")

    section_update(section=section, title="Elterncafés")
    entry.refresh_from_db()
    assert entry.title == "Elterncafés"


@pytest.mark.parametrize(
    "query",
    ['"', '"unclosed', "NEAR(a b)", "a:* & !b | (c", "-", "OR OR", "sprach*", "-sprach", "\\'"],
)
def test_hostile_queries_give_a_normal_page(client, db, query):
    build()
    assert client.get("/suche/", {"q": query}).status_code == 200
