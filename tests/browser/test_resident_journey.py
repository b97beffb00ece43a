"""A resident's journey through the public portal, in real Chromium, with Minden's demo data.

Every page visited passes axe-core (WCAG 2.1 A/AA) and keeps to the portal's CSP; the journey's
pages reflow at 320 CSS pixels and are valid HTML for the Nu checker (all in one call).
"""

import csv
import io
import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_valid_html


@pytest.fixture
def minden(transactional_db):
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())


def test_a_resident_reads_compares_filters_downloads_searches_and_reports(
    visitor, minden, tmp_path, tasks_run
):
    """The downloads of live documents are rendered by the worker: here it runs at once."""
    page = visitor.page
    journey = []

    def arrived(expected_path_part: str):
        page.wait_for_load_state("load")
        assert expected_path_part in page.url, page.url
        visitor.checked()
        journey.append(page.url.removeprefix(visitor.base_url))

    # Home: what the concept is and where the process stands.
    visitor.goto("/")
    journey.append("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Integrationskonzept")
    assert "Herbst 2010" in page.content()

    # The concept, and a section through its permanent anchor from the table of contents.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Konzept"
    ).click()
    arrived("/konzept/")
    toc = page.get_by_role("navigation", name="Inhaltsverzeichnis")
    toc.get_by_role("link", name=re.compile("Bildung und Erziehung")).first.click()
    page.wait_for_url(re.compile("#abschnitt-"))
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()

    # Compare the two demo versions.
    visitor.goto("/konzept/versionen/")
    journey.append("/konzept/versionen/")
    page.get_by_label("Ältere Fassung (von)").select_option("1")
    page.get_by_label("Neuere Fassung (zu)").select_option("2")
    page.get_by_role("button", name="Vergleichen").click()
    arrived("/konzept/vergleich/")
    assert page.locator("ins").count() > 0 and page.locator("del").count() > 0

    # A working group and one of its sessions.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Arbeitsgruppen"
    ).click()
    arrived("/arbeitsgruppen/")
    page.get_by_role("link", name="Arbeit und Soziales").click()
    arrived("/arbeitsgruppen/arbeit-und-soziales/")
    page.get_by_role("link", name="1. Sitzungsrunde").first.click()
    arrived("/sitzungen/")

    # Measures filtered by group, then searched.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Maßnahmen"
    ).click()
    arrived("/massnahmen/")
    filters = page.locator("summary", has_text="Maßnahmen suchen und filtern")
    filters.click()
    page.get_by_label("Arbeitsgruppe").select_option("bildung-und-erziehung")
    page.get_by_role("button", name="Anwenden").click()
    arrived("gruppe=bildung-und-erziehung")
    filters.click()
    page.get_by_label("Suchbegriff", exact=True).fill("Sprachförderung")
    page.get_by_role("button", name="Anwenden").click()
    arrived("q=Spr")
    assert page.locator("main mark").count() > 0

    # The CSV download of exactly that result.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ergebnis als CSV herunterladen").click()
    raw = download_info.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Nummer", "Titel"] and len(rows) > 1

    # A measure's detail page.
    page.locator("main table a[href*='/massnahmen/']").first.click()
    arrived("/massnahmen/")
    assert page.get_by_role("heading", name="Fortschritt").is_visible()

    # The search box in the header.
    page.get_by_label("Im ganzen Portal suchen").fill("Sprache")
    page.get_by_role("search").first.get_by_role("button", name="Suchen").click()
    arrived("/suche/")
    assert page.get_by_role("heading", name=re.compile("Maßnahmen")).count() >= 1

    # The accessibility feedback form.
    page.get_by_role("link", name="Barrierefreiheit").click()
    arrived("/barrierefreiheit/")
    page.get_by_label("Ihre Nachricht").fill("Die Vergleichsansicht ist am Telefon schwer lesbar.")
    page.get_by_role("button", name="Rückmeldung senden").click()
    arrived("/barrierefreiheit/")
    assert "Vielen Dank" in page.content()

    visitor.assert_fits_320px(journey)
    assert_valid_html(visitor.html, tmp_path)


def test_the_english_pages_pass_too(visitor, minden):
    for path in [
        "/en/",
        "/en/konzept/",
        "/en/arbeitsgruppen/",
        "/en/massnahmen/",
        "/en/suche/?q=Sprache",
    ]:
        visitor.goto(path)
        assert 'lang="en"' in visitor.page.content()
