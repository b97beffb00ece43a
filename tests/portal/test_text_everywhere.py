"""Issue 14, point 2: what the portal prints is plain, German-addressed and localised. Search
snippets are plain text with the match marked; every facet speaks German slugs in the address
(old English values move there for good); dates and numbers come from Django's localisation."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from concept.models import BodyKind, Section, VersionStatus
from measures.models import Measure, MeasureStatus, Priority, Timeframe
from measures.services import measure_cite, progress_record
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

pytestmark = pytest.mark.django_db

MARKDOWN = """Es gibt **Bedarf an neuen Angeboten**, vor allem:

- *Sprachkurse* für Eltern
- [Elterncafés](https://example.org/cafe) in den __Stadtteilen__

| Ort | Bedarf |
|-----|--------|
| Minden | hoch |

## Bedarf im Einzelnen
"""
MARKERS = ("**", "*", "__", "#", "|", "[", "](", "https://", "<strong>", "<em>", "<li>", "<h")


@pytest.fixture
def concept():
    return ConceptFactory(slug="minden", title="Integrationskonzept Minden")


@pytest.fixture
def texts(concept):
    BodyFactory(concept=concept, kind=BodyKind.ADVISORY)
    version = VersionFactory(concept=concept, number=1)
    SectionFactory(version=version, position=1, key="ausgangslage", title="Lage", body=MARKDOWN)
    bring_to(version, VersionStatus.CONSULTATION)
    group = WorkingGroupFactory(concept=concept, slug="bildung-und-erziehung")
    measure = MeasureFactory(
        concept=concept, working_group=group, number=1, title="Kurse", description=MARKDOWN
    )
    RecommendationFactory(concept=concept, code="E1", text=MARKDOWN).measures.add(measure)
    SessionFactory(working_group=group, round=1, agenda=MARKDOWN)
    return measure


def snippets(content: str) -> list[str]:
    """The text under each search result's title."""
    return re.findall(r'<p class="mb-0" lang="de">(.*?)</p>', content, re.S)


# --- search snippets -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/suche/", "/en/suche/"])
def test_search_snippets_are_plain_text_with_the_match_marked(client, texts, path):
    content = client.get(path, {"q": "Bedarf"}).content.decode()

    found = snippets(content)
    assert len(found) == 4  # a section, a measure, a recommendation, a session
    for snippet in found:
        assert "<mark>Bedarf</mark> an neuen Angeboten, vor allem:" in snippet
        assert "Sprachkurse für Eltern" in snippet and "Elterncafés in den Stadtteilen" in snippet
        without_marks = snippet.replace("<mark>", "").replace("</mark>", "")
        for marker in MARKERS:
            assert marker not in without_marks, (marker, snippet)


def test_the_catalogues_search_excerpt_is_plain_text(client, texts):
    texts.description = "Einleitung. " * 30 + MARKDOWN
    texts.save()

    content = client.get("/massnahmen/", {"q": "Elterncafés"}).content.decode()

    excerpt = re.search(r'<p class="small mb-0" lang="de">(.*?)</p>', content, re.S).group(1)
    assert "<mark>Elterncafés</mark> in den Stadtteilen" in excerpt
    without_marks = excerpt.replace("<mark>", "").replace("</mark>", "")
    for marker in MARKERS:
        assert marker not in without_marks, marker


def test_the_group_list_shows_the_topic_as_plain_text(client, concept):
    WorkingGroupFactory(concept=concept, topic="**Sprache** von der _Kita_ an:\n\n- Schule")

    content = client.get("/arbeitsgruppen/").content.decode()

    assert '<p lang="de">Sprache von der Kita an:\nSchule</p>' in content


def test_recommendations_beside_a_section_are_rendered_not_raw(client, texts):
    measure_cite(measure=texts, sections=[Section.objects.get(key="ausgangslage")])

    content = client.get("/konzept/v1/").content.decode()

    beside = content[content.index('class="section-recommendations"') :]
    assert "<strong>Bedarf an neuen Angeboten</strong>" in beside
    assert "**Bedarf" not in content


# --- one German slug per facet value ---------------------------------------------------------

MEASURE_SLUGS = {
    "status": {
        MeasureStatus.PLANNED: "geplant",
        MeasureStatus.IN_PROGRESS: "in-umsetzung",
        MeasureStatus.IMPLEMENTED: "umgesetzt",
        MeasureStatus.ONGOING: "daueraufgabe",
        MeasureStatus.DEFERRED: "zurueckgestellt",
        MeasureStatus.DROPPED: "entfallen",
    },
    "zeitraum": {
        Timeframe.SHORT: "kurzfristig",
        Timeframe.MEDIUM: "mittelfristig",
        Timeframe.LONG: "langfristig",
    },
    "prioritaet": {Priority.HIGH: "hoch", Priority.MEDIUM: "mittel", Priority.LOW: "niedrig"},
}
OLD_MEASURE_VALUES = [
    (facet, value, slug) for facet, table in MEASURE_SLUGS.items() for value, slug in table.items()
]


@pytest.fixture
def catalogue(concept):
    group = WorkingGroupFactory(concept=concept, slug="bildung-und-erziehung")
    done = MeasureFactory(
        concept=concept,
        working_group=group,
        number=1,
        timeframe=Timeframe.SHORT,
        priority=Priority.HIGH,
    )
    MeasureFactory(
        concept=concept,
        working_group=group,
        number=2,
        timeframe=Timeframe.LONG,
        priority=Priority.LOW,
    )
    progress_record(measure=done, status=MeasureStatus.IMPLEMENTED)
    return group


def numbers(response):
    return [measure.number for measure in response.context["measures"]]


def test_the_six_statuses_have_their_slugs():
    assert set(MEASURE_SLUGS["status"]) == set(MeasureStatus.values)
    assert len(MeasureStatus.values) == 6


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "umgesetzt"}, [1]),
        ({"status": "geplant"}, [2]),
        ({"zeitraum": "langfristig"}, [2]),
        ({"prioritaet": "hoch"}, [1]),
        ({"gruppe": "bildung-und-erziehung", "prioritaet": "niedrig"}, [2]),
    ],
)
def test_german_slugs_filter_in_both_languages(client, catalogue, prefix, query, expected):
    response = client.get(f"{prefix}/massnahmen/", query)

    assert response.status_code == 200
    assert numbers(response) == expected


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize(("facet", "old", "slug"), OLD_MEASURE_VALUES)
def test_old_english_values_move_for_good_to_the_slug(client, catalogue, prefix, facet, old, slug):
    response = client.get(f"{prefix}/massnahmen/?q=Kurs&{facet}={old}&sortierung=titel&seite=2")

    assert response.status_code == 301
    assert response["Location"] == (
        f"{prefix}/massnahmen/?q=Kurs&{facet}={slug}&sortierung=titel&seite=2"
    )


def test_the_csv_download_moves_old_values_too(client, catalogue):
    response = client.get("/massnahmen/export.csv?status=implemented&prioritaet=high")

    assert response.status_code == 301
    assert response["Location"] == "/massnahmen/export.csv?status=umgesetzt&prioritaet=hoch"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_form_and_the_active_filters_speak_slugs(client, catalogue, prefix):
    content = client.get(
        f"{prefix}/massnahmen/", {"status": "umgesetzt", "zeitraum": "kurzfristig"}
    ).content.decode()

    for slug in ("geplant", "in-umsetzung", "umgesetzt", "zurueckgestellt", "mittelfristig"):
        assert f'<option value="{slug}"' in content
    for old in ("implemented", "planned", "in_progress", "short", "high"):
        assert f'value="{old}"' not in content
        assert f"={old}" not in content
    assert f'href="{prefix}/massnahmen/?zeitraum=kurzfristig"' in content
    assert f'href="{prefix}/massnahmen/?status=umgesetzt"' in content
    assert "export.csv?status=umgesetzt&amp;zeitraum=kurzfristig" in content


@pytest.mark.parametrize(
    "query", ["status=fertig", "zeitraum=bald", "prioritaet=egal", "status=umgesetzt%00"]
)
def test_unknown_values_are_still_explained_in_german_with_400(client, catalogue, query):
    response = client.get(f"/massnahmen/?{query}")

    assert response.status_code == 400
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()
    assert numbers(response) == [1, 2]


def test_an_old_value_beside_an_unknown_one_moves_then_is_explained(client, catalogue):
    response = client.get("/massnahmen/?status=implemented&prioritaet=egal")
    assert response["Location"] == "/massnahmen/?status=umgesetzt&prioritaet=egal"

    assert client.get(response["Location"]).status_code == 400


# --- dates and times through Django's localisation -------------------------------------------

DEADLINE = dt.datetime(2099, 3, 14, 15, 23, tzinfo=ZoneInfo("Europe/Berlin"))


def test_the_english_pages_use_a_24_hour_clock_and_no_double_full_stop(client, concept):
    VersionFactory(
        concept=concept,
        number=2,
        status=VersionStatus.CONSULTATION,
        consultation_ends_at=DEADLINE,
    )

    english = client.get("/en/").content.decode()
    german = client.get("/").content.decode()

    assert "14 March 2099, 15:23</time>" in english
    assert "14. März 2099 15:23</time>" in german
    for content in (english, german):
        text = re.sub(r"<[^>]+>", "", content)
        for twelve_hour in ("a.m.", "p.m.", "noon", "midnight"):
            assert twelve_hour not in text
        assert not re.search(r"\d\.\.", text)


@pytest.mark.parametrize(("prefix", "day"), [("", "07.04.2011"), ("/en", "07/04/2011")])
def test_a_progress_date_is_localised(client, catalogue, prefix, day):
    measure = Measure.objects.get(number=2)
    progress_record(measure=measure, status=MeasureStatus.IN_PROGRESS, date=dt.date(2011, 4, 7))

    content = client.get(f"{prefix}/massnahmen/2/").content.decode()

    assert f'<time datetime="2011-04-07">{day}</time>' in content
