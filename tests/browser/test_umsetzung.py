"""/umsetzung/ in real Chromium with Minden's demo data, at 375 and 1280 CSS pixels: filtered
through its form, axe-core without violations at both widths, every chart an image with a name
(as Chromium's accessibility tree computes it), nothing scrolling sideways on a phone."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from measures.models import Indicator, IndicatorValue, Measure, ProgressUpdate
from tests.browser.conftest import assert_valid_html

WIDTHS = [375, 1280]

CHART_NAMES = {
    "chart-status": "Umsetzungsstand",
    "chart-arbeitsgruppe": "Umsetzungsstand nach Arbeitsgruppe",
    "chart-ziel": "Umsetzungsstand nach Ziel",
    "chart-zielgruppe": "Umsetzungsstand nach Zielgruppe",
    "chart-begun": "Begonnene Maßnahmen im Zeitverlauf",
    "chart-indicators": "Indikatoren: Fortschritt zum Ziel",
}

NAMES = """() => [...document.querySelectorAll('svg')].map(svg => ({
  id: svg.id,
  role: svg.getAttribute('role'),
  hidden: svg.getAttribute('aria-hidden'),
  name: (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
    .map(id => (document.getElementById(id) || {textContent: ''}).textContent.trim()).join(' '),
}))"""


@pytest.fixture
def minden(transactional_db, settings):
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
    # Deadlines already passed for the short and medium time frames: the overdue list shows.
    settings.PORTAL_TIMEFRAME_YEARS = {"short": 0, "medium": 0, "long": 10}
    # Indicators for two measures, one with a published value.
    for number, value in ((1, Decimal(12)), (2, None)):
        measure = Measure.objects.get(number=number)
        indicator = Indicator.objects.create(
            measure=measure, name="Sprachkurse für Eltern", unit="Kurse", target=20
        )
        update = ProgressUpdate.objects.filter(measure=measure, review="published").first()
        if value is not None and update is not None:
            IndicatorValue.objects.create(indicator=indicator, update=update, value=value)


def assert_charts_named(page, *, every: bool = True):
    """Every SVG an image named by its heading; with `every`, all six charts are there."""
    found = page.evaluate(NAMES)
    ids = {svg["id"] for svg in found}
    assert ids == set(CHART_NAMES) if every else ids <= set(CHART_NAMES), found
    for svg in found:
        assert svg["role"] == "img" and svg["name"] == CHART_NAMES[svg["id"]], svg
        # The name as Chromium's accessibility tree computes it.
        assert page.get_by_role("img", name=CHART_NAMES[svg["id"]], exact=True).count() == 1


def assert_no_sideways_scrolling(page):
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def test_a_resident_filters_the_implementation_overview_on_a_phone_and_a_desktop(
    visitor, minden, tmp_path
):
    page = visitor.page
    visitor.widths = WIDTHS
    visitor.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Umsetzung"
    ).click()
    page.wait_for_url(re.compile("/umsetzung/$"))
    visitor.checked()
    assert_charts_named(page)
    total = Measure.objects.count()
    assert page.get_by_role("status").inner_text().startswith(f"{total} Maßnahmen ausgewählt")
    assert page.locator(".overdue-table tbody tr").count() > 0

    # On the phone: unfold the filters, choose, apply; the choice is in the address.
    page.set_viewport_size({"width": 375, "height": 800})
    assert_no_sideways_scrolling(page)
    page.locator("summary", has_text="Maßnahmen auswählen").click()
    page.get_by_label("Arbeitsgruppe", exact=True).select_option("bildung-und-erziehung")
    page.get_by_label("Zeitraum", exact=True).select_option("kurzfristig")
    page.get_by_role("button", name="Anwenden").click()
    page.wait_for_url(re.compile("gruppe=bildung-und-erziehung.*zeitraum=kurzfristig"))
    visitor.checked()
    assert_charts_named(page, every=False)
    assert_no_sideways_scrolling(page)
    chosen = Measure.objects.filter(
        working_group__slug="bildung-und-erziehung", timeframe="short"
    ).count()
    assert 0 < chosen < total
    assert page.get_by_role("status").inner_text().startswith(f"{chosen} Maßnahme")
    assert "Aktive Filter:" in page.locator("search.monitoring-filter").inner_text()

    # The same numbers as CSV, as filtered.
    link = page.get_by_role("link", name="Alle Zahlen dieser Seite als CSV")
    assert "gruppe=bildung-und-erziehung" in link.get_attribute("href")
    response = page.request.get(visitor.base_url + link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith("\ufeff".encode())

    # The English page, and back to everything.
    visitor.goto("/en/umsetzung/?zeitraum=mittelfristig")
    assert page.locator("html").get_attribute("lang") == "en"
    page.set_viewport_size({"width": 1280, "height": 900})
    visitor.goto("/umsetzung/")
    assert_valid_html(visitor.html, tmp_path)
