import csv
import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from measures.models import Measure, MeasureStatus, Priority, Timeframe
from measures.services import measure_cite, progress_record
from tests.factories import (
    ConceptFactory,
    GoalFactory,
    MeasureFactory,
    OrganisationFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    SectionFactory,
    SessionFactory,
    TargetGroupFactory,
    VersionFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/massnahmen/"
CSV_URL = "/massnahmen/export.csv"
FIELDS = ("q", "sortierung", "gruppe", "ziel", "status", "zielgruppe", "zeitraum", "prioritaet")
FIELDS += ("federfuehrung",)


@pytest.fixture
def concept():
    return ConceptFactory(slug="minden", title="Integrationskonzept Minden")


@pytest.fixture
def catalogue(concept):
    """Five measures across two groups, with every facet populated differently."""
    education = WorkingGroupFactory(
        concept=concept, name="Bildung und Erziehung", slug="bildung", position=1
    )
    work = WorkingGroupFactory(
        concept=concept, name="Arbeit und Soziales", slug="arbeit", position=2
    )
    language = GoalFactory(concept=concept, code="B1", title="Sprache fördern")
    jobs = GoalFactory(concept=concept, code="A1", title="Zugang zu Arbeit")
    vhs = OrganisationFactory(name="Volkshochschule Minden")
    city = OrganisationFactory(name="Stadt Minden, Integrationsbüro")
    children = TargetGroupFactory(name="Kinder", slug="kinder")
    parents = TargetGroupFactory(name="Eltern", slug="eltern")

    def make(number, title, group, goal, **kwargs):
        return MeasureFactory(
            concept=concept, number=number, title=title, working_group=group, goal=goal, **kwargs
        )

    measures = {
        1: make(1, "Sprachkurse für Eltern", education, language, lead_organisation=vhs),
        2: make(
            2,
            "Zentrale Anlaufstelle Ausbildung",
            work,
            jobs,
            lead_organisation=city,
            timeframe=Timeframe.LONG,
            priority=Priority.HIGH,
        ),
        3: make(3, "Bücherkisten für Kitas", education, language, priority=Priority.HIGH),
        4: make(4, "Arbeitsmarktlotsen", work, jobs, lead_organisation=city),
        5: make(
            5, "Elterncafés", education, None, lead_organisation=vhs, timeframe=Timeframe.MEDIUM
        ),
    }
    measures[1].target_groups.add(parents)
    measures[3].target_groups.add(children)
    measures[5].target_groups.add(parents, children)
    progress_record(measure=measures[2], status=MeasureStatus.IN_PROGRESS)
    progress_record(measure=measures[4], status=MeasureStatus.IMPLEMENTED)
    progress_record(measure=measures[5], status=MeasureStatus.IN_PROGRESS)
    return {
        "measures": measures,
        "groups": {"bildung": education, "arbeit": work},
        "organisations": {"vhs": vhs, "city": city},
    }


def numbers(response):
    return [measure.number for measure in response.context["measures"]]


def option_labels(response, field):
    return dict(response.context["filter"].form.fields[field].choices)


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# --- the list -----------------------------------------------------------------------------


def test_list_shows_the_current_concepts_measures_with_their_facts(client, catalogue):
    MeasureFactory(title="Maßnahme eines anderen Konzepts", number=99)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert numbers(response) == [1, 2, 3, 4, 5]
    html = response.content.decode()
    assert "Maßnahme eines anderen Konzepts" not in html
    assert html.count("<h1") == 1
    row = re.search(r"<tr>\s*<td[^>]*>2</td>.*?</tr>", html, re.S).group(0)
    for fact in (
        "Zentrale Anlaufstelle Ausbildung",
        "Arbeit und Soziales",
        "A1 Zugang zu Arbeit",
        "in Umsetzung",
        "langfristig",
        "hoch",
        "Stadt Minden, Integrationsbüro",
        'href="/massnahmen/2/"',
    ):
        assert fact in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gruppe=bildung", [1, 3, 5]),
        ("ziel=A1", [2, 4]),
        ("status=in-umsetzung", [2, 5]),
        ("zielgruppe=eltern", [1, 5]),
        ("zeitraum=mittelfristig", [5]),
        ("prioritaet=hoch", [2, 3]),
        ("gruppe=bildung&zielgruppe=kinder", [3, 5]),
        ("gruppe=arbeit&status=umgesetzt", [4]),
    ],
)
def test_facets_filter_the_list(client, catalogue, query, expected):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert numbers(response) == expected


def test_lead_organisation_facet_filters_by_its_key(client, catalogue):
    city = catalogue["organisations"]["city"]

    response = client.get(LIST_URL, {"federfuehrung": city.pk})

    assert numbers(response) == [2, 4]


def test_facet_counts_ignore_the_facets_own_selection(client, catalogue):
    response = client.get(LIST_URL, {"gruppe": "bildung", "status": "in-umsetzung"})

    assert numbers(response) == [5]
    # Status counts: within "bildung" only (1, 3 planned; 5 in progress), not narrowed by status.
    assert option_labels(response, "status")["geplant"] == "geplant (2)"
    assert option_labels(response, "status")["in-umsetzung"] == "in Umsetzung (1)"
    assert option_labels(response, "status")["umgesetzt"] == "umgesetzt (0)"
    # Group counts: within "in progress" only (2 arbeit, 5 bildung), not narrowed by group.
    assert option_labels(response, "gruppe")["bildung"] == "Bildung und Erziehung (1)"
    assert option_labels(response, "gruppe")["arbeit"] == "Arbeit und Soziales (1)"
    # Other facets count under both selections: only measure 5 remains.
    assert option_labels(response, "zeitraum")["mittelfristig"] == "mittelfristig (1)"
    assert option_labels(response, "zeitraum")["kurzfristig"] == "kurzfristig (0)"
    assert option_labels(response, "zielgruppe")["kinder"] == "Kinder (1)"


def test_facet_counts_follow_the_search(client, catalogue):
    response = client.get(LIST_URL, {"q": "Eltern"})

    assert numbers(response) == [1, 5]
    assert option_labels(response, "gruppe")["bildung"] == "Bildung und Erziehung (2)"
    assert option_labels(response, "gruppe")["arbeit"] == "Arbeit und Soziales (0)"


def test_facet_counts_are_shown_next_to_each_option(client, catalogue):
    html = client.get(LIST_URL).content.decode()

    assert re.search(r'<option value="geplant">geplant \(2\)</option>', html)
    assert re.search(r'<option value="bildung">Bildung und Erziehung \(3\)</option>', html)
    assert re.search(r'<option value="" selected>alle</option>', html)
    assert 'method="get"' in html
    for field in FIELDS:
        assert re.search(rf'<label\s+for="id_{field}"', html)
        assert f'name="{field}"' in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("nummer", [1, 2, 3, 4, 5]),
        ("titel", [4, 3, 5, 1, 2]),
        ("status", [1, 3, 2, 5, 4]),
        ("gruppe", [1, 3, 5, 2, 4]),
    ],
)
def test_list_sorts(client, catalogue, sort, expected):
    response = client.get(LIST_URL, {"sortierung": sort})

    assert numbers(response) == expected


def test_search_sorts_by_relevance_unless_asked_otherwise(client, catalogue):
    catalogue["measures"][4].description = "Begleitung von Eltern zu Ämtern."
    catalogue["measures"][4].save()

    by_relevance = client.get(LIST_URL, {"q": "Eltern"})
    by_number = client.get(LIST_URL, {"q": "Eltern", "sortierung": "nummer"})

    # Title hits (1: "…für Eltern", 5: "Elterncafés") before the description hit (4).
    assert numbers(by_relevance)[-1] == 4
    assert sorted(numbers(by_relevance)) == [1, 4, 5]
    assert 'value="relevanz" selected' in by_relevance.content.decode()
    assert numbers(by_number) == [1, 4, 5]


def test_relevance_without_a_search_sorts_by_number(client, catalogue):
    response = client.get(LIST_URL, {"sortierung": "relevanz"})

    assert response.status_code == 200
    assert numbers(response) == [1, 2, 3, 4, 5]


def test_list_paginates_by_25_and_links_keep_every_parameter(client, concept):
    group = WorkingGroupFactory(concept=concept, slug="bildung")
    for number in range(1, 61):
        MeasureFactory(concept=concept, working_group=group, number=number, title="Sprachkurs")

    response = client.get(LIST_URL, {"gruppe": "bildung", "q": "Sprachkurs", "seite": "2"})

    assert numbers(response) == list(range(26, 51))
    html = response.content.decode()
    for page in (1, 3):
        assert f'href="?gruppe=bildung&amp;q=Sprachkurs&amp;seite={page}"' in html
    assert 'aria-current="page"' in html
    assert "Seite 2 von 3" in html


@pytest.mark.parametrize(("page", "expected_first"), [("abc", 1), ("99999", 51), ("-1", 51)])
def test_odd_page_numbers_show_the_first_or_last_page(client, concept, page, expected_first):
    group = WorkingGroupFactory(concept=concept)
    for number in range(1, 61):
        MeasureFactory(concept=concept, working_group=group, number=number)

    response = client.get(LIST_URL, {"seite": page})

    assert response.status_code == 200
    assert numbers(response)[0] == expected_first


@pytest.mark.parametrize(
    "params",
    [
        {"status": "foo"},
        {"gruppe": "nope"},
        {"ziel": "Z999"},
        {"zielgruppe": "niemand"},
        {"zeitraum": "bald"},
        {"prioritaet": "egal"},
        {"federfuehrung": "999999"},
        {"sortierung": "zufall"},
        {"status": "geplant\x00"},
    ],
)
def test_unknown_filter_values_are_ignored_with_a_german_message_and_400(client, catalogue, params):
    response = client.get(LIST_URL, params)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte eine gültige Auswahl treffen." in html
    assert "Einige Angaben in der Adresse sind ungültig" in html
    assert numbers(response) == [1, 2, 3, 4, 5]


def test_an_unknown_value_leaves_the_other_filters_working(client, catalogue):
    response = client.get(LIST_URL, {"status": "foo", "gruppe": "arbeit"})

    assert response.status_code == 400
    assert numbers(response) == [2, 4]


@pytest.mark.parametrize(
    "query",
    [
        "!!! ??? ...",
        "&|!:()*",
        "x" * 10_000,
        "Sprach\x00kurse",
        "\x00",
        "'; DROP TABLE measures_measure; --",
        "<script>alert(1)</script>",
        "a:* & !b | (c",
    ],
)
def test_odd_searches_never_fail(client, catalogue, query):
    response = client.get(LIST_URL, {"q": query})

    assert response.status_code == 200
    assert Measure.objects.count() == 5


def test_search_in_the_list_combines_with_facets_and_ranks(client, catalogue):
    catalogue["measures"][4].description = "Begleitung von ELTERN zu Ämtern."
    catalogue["measures"][4].save()

    response = client.get(LIST_URL, {"q": "eltern", "gruppe": "arbeit"})

    assert numbers(response) == [4]
    assert option_labels(response, "gruppe")["bildung"] == "Bildung und Erziehung (2)"
    ranked = client.get(LIST_URL, {"q": "eltern"})
    assert numbers(ranked)[-1] == 4  # the description hit after the title hits


def test_a_search_of_punctuation_only_lists_everything(client, catalogue):
    response = client.get(LIST_URL, {"q": "&|!:()*"})

    assert numbers(response) == [1, 2, 3, 4, 5]


def test_nul_bytes_in_a_search_are_dropped(client, catalogue):
    response = client.get(f"{LIST_URL}?q=%00Eltern%00")

    assert response.status_code == 200
    assert numbers(response) == [1, 5]
    assert 'value="Eltern"' in response.content.decode()


def test_a_script_tag_is_never_reflected_unescaped(client, catalogue):
    payload = "<script>alert(1)</script>"

    searched = client.get(LIST_URL, {"q": payload}).content.decode()
    filtered = client.get(LIST_URL, {"status": payload}).content.decode()
    exported = client.get(CSV_URL, {"status": payload})

    for html in (searched, filtered):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert exported["Content-Type"] == "text/plain; charset=utf-8"
    assert "<script>alert" not in exported.content.decode()


def test_search_highlights_matches_after_escaping(client, catalogue):
    catalogue["measures"][3].title = "<b>Bücher</b>kisten für Kitas"
    catalogue["measures"][3].save()

    html = client.get(LIST_URL, {"q": "bücher"}).content.decode()

    assert "&lt;b&gt;<mark>Bücher</mark>&lt;/b&gt;kisten" in html
    assert "<b>Bücher" not in html


def test_a_description_hit_is_shown_as_a_highlighted_excerpt(client, catalogue):
    catalogue["measures"][4].description = "Lotsen begleiten Zugewanderte zu Betrieben."
    catalogue["measures"][4].save()

    html = client.get(LIST_URL, {"q": "Betrieben"}).content.decode()

    assert "Lotsen begleiten Zugewanderte zu <mark>Betrieben</mark>." in html


def test_example_rows_carry_a_badge_and_the_page_a_notice(client, catalogue):
    plain = client.get(LIST_URL).content.decode()
    Measure.objects.filter(number=2).update(is_example=True)
    marked = client.get(LIST_URL).content.decode()

    assert "badge-example" not in plain and "example-note" not in plain
    row = re.search(r"<tr>\s*<td[^>]*>2</td>.*?</tr>", marked, re.S).group(0)
    assert "badge-example" in row
    assert marked.count("badge-example") == 1
    assert 'class="example-note"' in marked


def test_list_links_to_the_csv_of_the_same_result(client, catalogue):
    html = client.get(LIST_URL, {"gruppe": "bildung", "q": "Eltern", "seite": "1"}).content.decode()
    invalid = client.get(LIST_URL, {"status": "foo"}).content.decode()

    assert 'href="/massnahmen/export.csv?gruppe=bildung&amp;q=Eltern"' in html
    assert "Ergebnis als CSV herunterladen" in html
    # The download would refuse the invalid value: no link until the form is corrected.
    assert "export.csv" not in invalid


@pytest.mark.parametrize("url", [LIST_URL, f"{LIST_URL}?q=Eltern&status=foo", "/massnahmen/1/"])
def test_pages_are_csp_ready(client, detailed, url):
    html = client.get(url).content.decode()

    assert "<script" not in html
    assert "style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


def test_list_without_a_concept_is_empty_not_an_error(client):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert numbers(response) == []


# --- CSV ------------------------------------------------------------------------------------


def test_csv_is_utf8_with_bom_semicolons_and_german_headers(client, catalogue):
    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    first_line = response.content.decode("utf-8-sig").splitlines()[0]
    assert first_line == (
        "Nummer;Titel;Beschreibung;Arbeitsgruppe;Ziel;Federführung;Partner;Zielgruppen;"
        "Zeitraum;Priorität;Umsetzungsstand;Stand;Empfehlungen;Zitiert in Abschnitten;"
        "Beispielinhalt"
    )
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="massnahmen-{today}.csv"'


def test_csv_round_trips_with_umlauts_and_every_column(client, catalogue):
    measure = catalogue["measures"][5]
    measure.description = "Treffen; mit „Anführungszeichen“ und\nZeilenumbruch – Übersicht"
    measure.save()
    measure.partners.add(catalogue["organisations"]["city"], catalogue["organisations"]["vhs"])
    RecommendationFactory(concept=measure.concept, code="E2").measures.add(measure)
    RecommendationFactory(concept=measure.concept, code="E1").measures.add(measure)

    rows = csv_rows(client.get(CSV_URL, {"gruppe": "bildung"}))

    assert [row[0] for row in rows[1:]] == ["1", "3", "5"]
    stand = rows[3].pop(11)
    assert rows[3] == [
        "5",
        "Elterncafés",
        "Treffen; mit „Anführungszeichen“ und\nZeilenumbruch – Übersicht",
        "Bildung und Erziehung",
        "",
        "Volkshochschule Minden",
        "Stadt Minden, Integrationsbüro, Volkshochschule Minden",
        "Eltern, Kinder",
        "mittelfristig",
        "mittel",
        "in Umsetzung",
        "E1, E2",
        "",
        "nein",
    ]
    assert stand.startswith(f"aktueller Umsetzungsstand vom {timezone.localdate():%d.%m.%Y}, ")
    assert rows[1][4] == "B1 Sprache fördern"


def test_csv_holds_exactly_the_filtered_searched_and_sorted_rows_on_every_page(client, concept):
    group = WorkingGroupFactory(concept=concept, slug="bildung")
    other = WorkingGroupFactory(concept=concept, slug="arbeit")
    for number in range(1, 41):
        MeasureFactory(concept=concept, working_group=group, number=number, title=f"Kurs {number}")
    MeasureFactory(concept=concept, working_group=other, number=41, title="Kurs 41")
    MeasureFactory(concept=concept, working_group=group, number=42, title="Beratung")

    rows = csv_rows(
        client.get(CSV_URL, {"gruppe": "bildung", "q": "Kurs", "sortierung": "titel", "seite": 2})
    )

    exported = [int(row[0]) for row in rows[1:]]
    assert sorted(exported) == list(range(1, 41))
    assert exported[:3] == [1, 10, 11]  # by title: "Kurs 1", "Kurs 10", "Kurs 11"


def test_csv_neutralises_formulas(client, catalogue):
    measure = catalogue["measures"][1]
    measure.title = '=HYPERLINK("http://evil.example","klick")'
    measure.description = "-2+3"
    measure.save()
    OrganisationFactory(name="+49 571 1234")
    catalogue["organisations"]["vhs"].name = "@SUMME(A1)"
    catalogue["organisations"]["vhs"].save()

    row = csv_rows(client.get(CSV_URL, {"ziel": "B1"}))[1]

    assert row[1] == '\'=HYPERLINK("http://evil.example","klick")'
    assert row[2] == "'-2+3"
    assert row[5] == "'@SUMME(A1)"
    assert row[0] == "1"


def test_csv_marks_example_content(client, catalogue):
    Measure.objects.filter(number=3).update(is_example=True)

    rows = csv_rows(client.get(CSV_URL))

    assert {row[0]: row[14] for row in rows[1:]} == {
        "1": "nein",
        "2": "nein",
        "3": "ja",
        "4": "nein",
        "5": "nein",
    }


def test_csv_with_unknown_filter_values_is_a_400_with_a_german_message(client, catalogue):
    response = client.get(CSV_URL, {"status": "foo"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Ungültige Filterangaben: Umsetzungsstand" in response.content.decode()


# --- detail ---------------------------------------------------------------------------------


@pytest.fixture
def detailed(concept, catalogue):
    measure = catalogue["measures"][1]
    session = SessionFactory(
        working_group=measure.working_group, round=2, date_text="Winter 2010/11"
    )
    measure.origin_session = session
    measure.description = "Kurse **am Vormittag** mit Kinderbetreuung.\n\n<script>alert(1)</script>"
    measure.save()
    measure.partners.add(OrganisationFactory(name="Familienzentrum Bärenkämpen"))
    RecommendationFactory(
        concept=concept, code="E3", title="Sprachbildung", text="Elternkurse *ausbauen*."
    ).measures.add(measure)
    old = VersionFactory(concept=concept, number=1, status="consultation_closed")
    current = VersionFactory(concept=concept, number=2, status="consultation_closed")
    VersionFactory(concept=concept, number=3)  # a draft: not public
    cited_old = SectionFactory(version=old, key="sprache", number="3.1", title="Alt")
    cited = SectionFactory(version=current, key="sprache", number="3.1", title="Sprache")
    draft_section = SectionFactory(version=current, key="eltern", number="3.2", title="Eltern")
    measure_cite(measure=measure, sections=[cited_old, cited])
    progress_record(measure=measure, status="in_progress", note="Start", date=dt.date(2011, 9, 1))
    progress_record(
        measure=measure, status="ongoing", note="Läuft weiter", date=dt.date(2012, 3, 1)
    )
    return {"measure": measure, "session": session, "cited": cited, "uncited": draft_section}


def test_detail_shows_everything_about_a_measure(client, detailed):
    measure = detailed["measure"]

    response = client.get(f"/massnahmen/{measure.number}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for fact in (
        "Sprachkurse für Eltern",
        "Kurse <strong>am Vormittag</strong> mit Kinderbetreuung.",
        "Bildung und Erziehung",
        "B1 Sprache fördern",
        "Volkshochschule Minden",
        "Familienzentrum Bärenkämpen",
        "Eltern",
        "kurzfristig",
        "mittel",
        "Daueraufgabe",
        "E3 Sprachbildung",
        "Elternkurse <em>ausbauen</em>.",
        "2. Sitzungsrunde",
        "Winter 2010/11",
    ):
        assert fact in html
    assert "<script>alert" not in html


def test_detail_links_group_session_and_the_citing_sections_of_the_current_version(
    client, detailed
):
    measure, session = detailed["measure"], detailed["session"]

    html = client.get(measure.get_absolute_url()).content.decode()

    group_url = reverse("workgroups:group-detail", args=[measure.working_group.slug])
    session_url = reverse(
        "workgroups:session-detail", args=[measure.working_group.slug, session.pk]
    )
    section_url = reverse("concept:version-detail", args=[2]) + "#abschnitt-sprache"
    assert f'href="{group_url}"' in html
    assert f'href="{session_url}"' in html
    assert f'href="{section_url}"' in html
    assert "3.1 Sprache" in html
    assert "3.1 Alt" not in html  # version 1 is not the current version
    assert "3.2 Eltern" not in html  # not cited


def test_detail_prefers_the_approved_version(client, concept, detailed):
    measure = detailed["measure"]
    approved = VersionFactory(concept=concept, number=4)
    SectionFactory(version=approved, key="sprache", number="9.9", title="Beschlossen")
    measure_cite(measure=measure, sections=list(approved.sections.all()))
    # Status and frozen fields move together (a check constraint); set them as freezing would.
    type(approved).objects.filter(pk=approved.pk).update(
        status="approved", frozen_at=timezone.now(), snapshot="{}", checksum="0" * 64
    )

    html = client.get(measure.get_absolute_url()).content.decode()

    assert "9.9 Beschlossen" in html
    assert "3.1 Sprache" not in html
    assert reverse("concept:version-detail", args=[4]) + "#abschnitt-sprache" in html


def test_detail_lists_progress_newest_first(client, detailed):
    html = client.get(detailed["measure"].get_absolute_url()).content.decode()

    assert html.index("01.03.2012") < html.index("01.09.2011")
    assert html.index("Läuft weiter") < html.index("Start")


def test_detail_marks_german_content_on_english_pages(client, detailed):
    measure = detailed["measure"]

    html = client.get(f"/en/massnahmen/{measure.number}/").content.decode()

    assert '<html lang="en" dir="ltr">' in html
    assert '<span lang="de">Sprachkurse für Eltern</span>' in html
    assert '<div lang="de"><p>Kurse <strong>am Vormittag</strong>' in html


def test_list_marks_german_content_on_english_pages(client, catalogue):
    html = client.get("/en/massnahmen/").content.decode()

    assert '<html lang="en" dir="ltr">' in html
    assert 'action="/en/massnahmen/"' in html
    assert '<a href="/en/massnahmen/1/" lang="de">Sprachkurse für Eltern</a>' in html


def test_detail_of_example_content_shows_badge_and_notice(client, detailed):
    plain = client.get(detailed["measure"].get_absolute_url()).content.decode()
    ProgressUpdateFactory(measure=detailed["measure"], is_example=True, note="Beispiel")
    noted = client.get(detailed["measure"].get_absolute_url()).content.decode()
    Measure.objects.filter(pk=detailed["measure"].pk).update(is_example=True)
    marked = client.get(detailed["measure"].get_absolute_url()).content.decode()

    assert "example-note" not in plain and "badge-example" not in plain
    assert 'class="example-note"' in noted
    assert 'class="example-note"' in marked and "badge-example" in marked


def test_unknown_measure_numbers_are_404(client, catalogue):
    other = MeasureFactory(number=77)  # another concept's measure

    assert client.get("/massnahmen/999/").status_code == 404
    assert client.get(f"/massnahmen/{other.number}/").status_code == 404
    assert client.get("/massnahmen/abc/").status_code == 404
    assert client.get("/massnahmen/1/").status_code == 200


def test_measure_url_is_its_number_under_massnahmen(catalogue):
    assert catalogue["measures"][4].get_absolute_url() == "/massnahmen/4/"


# --- query counts -----------------------------------------------------------------------------


def grow(concept, *, first, count):
    """`count` more measures, each with partners, target groups, recommendations, progress
    updates and citations, so a page that walks relations per row would need more queries."""
    group = WorkingGroupFactory(concept=concept)
    goal = GoalFactory(concept=concept)
    session = SessionFactory(working_group=group)
    organisations = [OrganisationFactory() for _ in range(3)]
    target_groups = [TargetGroupFactory() for _ in range(2)]
    version = concept.versions.order_by("-number").first() or VersionFactory(
        concept=concept, number=1, status="consultation_closed"
    )
    section = SectionFactory(version=version)
    for number in range(first, first + count):
        measure = MeasureFactory(
            concept=concept,
            working_group=group,
            goal=goal,
            origin_session=session,
            lead_organisation=organisations[0],
            number=number,
            title=f"Sprachkurs {number}",
            description="Sprachkurse für Eltern und Kinder.",
        )
        measure.partners.add(*organisations)
        measure.target_groups.add(*target_groups)
        RecommendationFactory(concept=concept, text="Sprachkurse ausbauen.").measures.add(measure)
        measure.cited_sections.add(section)
        ProgressUpdateFactory(measure=measure, status="in_progress", note="läuft")
        ProgressUpdateFactory(measure=measure, status="ongoing", note="weiter")


def query_count(client, url, params=None):
    """The queries of one request with every cache empty (the cold path)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


# The ceiling of every catalogue page with the cache empty (issue 16).
COLD_QUERIES_MAX = 12


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (LIST_URL, {}),
        (LIST_URL, {"status": "geplant", "zeitraum": "kurzfristig", "sortierung": "gruppe"}),
        (LIST_URL, {"q": "Sprachkurs Eltern", "prioritaet": "mittel"}),
        (LIST_URL, {"q": "Sprachkurs", "seite": "2"}),
        (LIST_URL, "every facet"),
        ("/en/massnahmen/", {"zeitraum": "kurzfristig"}),
        (CSV_URL, {}),
        (CSV_URL, {"q": "Sprachkurs", "status": "geplant"}),
        ("/massnahmen/1/", {}),
    ],
)
def test_query_count_does_not_grow_with_the_data(client, concept, url, params):
    grow(concept, first=1, count=10)
    if params == "every facet":
        first = Measure.objects.get(concept=concept, number=1)
        params = {
            "gruppe": first.working_group.slug,
            "ziel": first.goal.code,
            "status": "geplant",
            "zielgruppe": first.target_groups.first().slug,
            "zeitraum": "kurzfristig",
            "prioritaet": "mittel",
            "federfuehrung": first.lead_organisation_id,
            "q": "Sprachkurs",
            "sortierung": "titel",
        }
    small = query_count(client, url, params)

    grow(concept, first=11, count=90)
    # The measure on the detail page gains relations too.
    measure = Measure.objects.get(concept=concept, number=1)
    measure.partners.add(*[OrganisationFactory() for _ in range(5)])
    measure.target_groups.add(*[TargetGroupFactory() for _ in range(5)])
    for _ in range(5):
        RecommendationFactory(concept=concept).measures.add(measure)
        ProgressUpdateFactory(measure=measure)
        measure.cited_sections.add(SectionFactory(version=concept.versions.get()))
    large = query_count(client, url, params)

    assert small == large
    # The CSV (a download, not a page) also reads the open data's columns and the version.
    assert large <= (COLD_QUERIES_MAX if url != CSV_URL else 18)


def test_the_cached_filter_form_shows_new_counts_at_once(client, db):
    from tests.factories import ConceptFactory, MeasureFactory, WorkingGroupFactory

    concept = ConceptFactory(slug="minden")
    group = WorkingGroupFactory(concept=concept, slug="zaehlung", name="Zählgruppe")
    MeasureFactory(concept=concept, working_group=group, number=1)
    assert "Zählgruppe (1)" in client.get("/massnahmen/").content.decode()
    MeasureFactory(concept=concept, working_group=group, number=2)
    assert "Zählgruppe (2)" in client.get("/massnahmen/").content.decode()


def test_facets_are_counted_once_per_content_generation(client, concept):
    grow(concept, first=1, count=30)
    params = {"status": "geplant", "q": "Sprachkurs"}
    cold = query_count(client, LIST_URL, params)
    with CaptureQueriesContext(connection) as warm:
        client.get(LIST_URL, params)
    # The options and the counts come from the cache: neither UNION nor the facets' read.
    assert len(warm) <= cold - 2
    assert not [q for q in warm.captured_queries if "UNION" in q["sql"]]
    assert not [q for q in warm.captured_queries if "measure_target_groups" in q["sql"]]
    # The English page shares the counts (they are numbers, not words).
    with CaptureQueriesContext(connection) as english:
        client.get("/en" + LIST_URL, params)
    assert not [q for q in english.captured_queries if "measure_target_groups" in q["sql"]]


# --- one source for every count ---------------------------------------------------------------


def shown_counts(response) -> dict[str, dict[str, int]]:
    """Every option's count as the form shows it ("geplant (2)")."""
    shown = {}
    for name in ("gruppe", "ziel", "status", "zielgruppe", "zeitraum", "prioritaet"):
        shown[name] = {}
        for value, label in response.context["filter"].form.fields[name].choices:
            if value:
                shown[name][value] = int(re.search(r"\((\d+)\)$", str(label)).group(1))
    return shown


@pytest.mark.parametrize(
    "base",
    [
        {},
        {"q": "Eltern"},
        {"gruppe": "bildung"},
        {"status": "in-umsetzung", "zeitraum": "mittelfristig"},
    ],
)
def test_a_count_shown_is_the_number_of_results_when_that_option_is_chosen(client, catalogue, base):
    shown = shown_counts(client.get(LIST_URL, base))
    checked = 0
    for name, options in shown.items():
        for value, count in options.items():
            response = client.get(LIST_URL, {**base, name: value})
            # Counted apart from the tally: the database's own filter, and the rows listed.
            assert response.context["filter"].qs.count() == count, (name, value)
            assert response.context["paginator"].count == count, (name, value)
            assert len(numbers(response)) == min(count, 25)
            checked += 1
    assert checked >= 15


def test_counts_agree_with_the_list_at_more_than_a_page(client, concept):
    grow(concept, first=1, count=40)
    measures = Measure.objects.filter(concept=concept).order_by("number")
    progress_record(measure=measures[0], status=MeasureStatus.IMPLEMENTED)
    progress_record(measure=measures[3], status=MeasureStatus.IMPLEMENTED)
    shown = shown_counts(client.get(LIST_URL, {"q": "Sprachkurs"}))
    assert shown["status"]["umgesetzt"] == 2
    assert shown["status"]["geplant"] == 38
    for value, count in shown["status"].items():
        response = client.get(LIST_URL, {"q": "Sprachkurs", "status": value})
        assert response.context["paginator"].count == count
        assert response.context["filter"].qs.count() == count
