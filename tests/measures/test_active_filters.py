"""The catalogue's filter form is folded; the filters in force stay visible and removable."""

import re
from html import unescape

import pytest

from tests.factories import ConceptFactory, MeasureFactory, OrganisationFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/massnahmen/"


@pytest.fixture
def catalogue():
    concept = ConceptFactory(slug="minden")
    education = WorkingGroupFactory(concept=concept, name="Bildung und Erziehung", slug="bildung")
    work = WorkingGroupFactory(concept=concept, name="Arbeit und Soziales", slug="arbeit")
    vhs = OrganisationFactory(name="Volkshochschule Minden")
    MeasureFactory(
        concept=concept,
        number=1,
        title="Sprachkurse für Eltern",
        working_group=education,
        lead_organisation=vhs,
    )
    MeasureFactory(concept=concept, number=2, title="Arbeitsmarktlotsen", working_group=work)
    return {"vhs": vhs}


def removal_links(html: str) -> dict[str, str]:
    """Each active filter's visible text -> the address that removes it."""
    links = re.findall(
        r'<a class="btn btn-sm btn-outline-secondary active-filter" href="([^"]*)">(.*?)</a>',
        html,
        re.S,
    )
    return {" ".join(re.sub(r"<[^>]+>", " ", text).split()): unescape(href) for href, text in links}


def test_no_filter_no_active_list_and_the_form_is_folded(client, catalogue):
    html = client.get(LIST_URL).content.decode()

    assert '<details class="filter-disclosure card">' in html
    assert "Aktive Filter" not in html
    assert "aktiv</span>" not in html


def test_each_active_filter_is_listed_with_a_link_that_drops_only_it(client, catalogue):
    vhs = catalogue["vhs"].pk
    html = client.get(
        LIST_URL, {"q": "Sprache", "gruppe": "bildung", "federfuehrung": vhs, "seite": "2"}
    ).content.decode()

    assert '<details class="filter-disclosure card">' in html
    assert ">3 aktiv</span>" in html
    drop = "Filter entfernen: "
    assert removal_links(html) == {
        drop + "Suchbegriff: Sprache ×": f"/massnahmen/?gruppe=bildung&federfuehrung={vhs}",
        drop
        + "Arbeitsgruppe: Bildung und Erziehung ×": f"/massnahmen/?q=Sprache&federfuehrung={vhs}",
        drop + "Federführung: Volkshochschule Minden ×": "/massnahmen/?q=Sprache&gruppe=bildung",
    }


def test_the_last_filter_removed_leads_back_to_the_plain_catalogue(client, catalogue):
    html = client.get(LIST_URL, {"status": "geplant"}).content.decode()

    assert removal_links(html) == {"Filter entfernen: Umsetzungsstand: geplant ×": "/massnahmen/"}
    # A translated label is not marked as German content.
    assert "<span>geplant</span>" in html


def test_a_removal_link_leaves_out_the_empty_fields_of_a_submitted_form(client, catalogue):
    query = "q=&sortierung=titel&gruppe=arbeit&ziel=&status=&zeitraum=&prioritaet=&seite=2"
    html = client.get(f"{LIST_URL}?{query}").content.decode()

    assert removal_links(html) == {
        "Filter entfernen: Arbeitsgruppe: Arbeit und Soziales ×": "/massnahmen/?sortierung=titel"
    }


def test_invalid_input_unfolds_the_form_to_show_the_hints(client, catalogue):
    response = client.get(LIST_URL, {"gruppe": "gibt-es-nicht", "q": "Eltern"})
    html = response.content.decode()

    assert response.status_code == 400
    assert '<details class="filter-disclosure card" open>' in html
    # The valid part still counts and can be removed.
    assert list(removal_links(html)) == ["Filter entfernen: Suchbegriff: Eltern ×"]
