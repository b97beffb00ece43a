"""The annual implementation report in Chromium: its page at 375 px and 1280 px with axe-core,
the chart's accessible name, the earlier edition's notice and the authenticity check of its
PDF, which stays valid after the berichtigte Fassung."""

import pytest

from measures.report_issuing import report_correct, report_issue
from tests.browser.conftest import assert_valid_html
from tests.report_data import last_closed_year, report_world


@pytest.fixture
def reports(transactional_db, live_server, settings, tmp_path, tasks_run):
    settings.MEDIA_ROOT = tmp_path / "media"
    year = last_closed_year()
    world = report_world(year)
    # Outside a test transaction: the files are rendered as each edition commits.
    first = report_issue(concept=world["concept"], year=year, by=None)
    second = report_correct(
        concept=world["concept"], year=year, note="Meldung der Schule nachgetragen.", by=None
    )
    return {"year": year, "first": first, "second": second}


def test_the_report_pages_and_the_check_of_a_superseded_edition(visitor, reports, tmp_path):
    year, page = reports["year"], visitor.page
    visitor.widths = [375, 1280]
    visitor.goto(f"/umsetzung/bericht/{year}/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Umsetzungsbericht {year}, berichtigte Fassung 1"
    )
    chart = page.get_by_role("img", name=f"Maßnahmen nach Umsetzungsstand am 31. Dezember {year}")
    assert chart.count() == 1
    downloads = page.locator("section[aria-labelledby=downloads-heading]")
    assert downloads.get_by_role("link", name="PDF").get_attribute("href") == (
        f"/umsetzung/bericht/{year}/fassung/1/download/pdf/"
    )
    page.get_by_role("link", name=f"Umsetzungsbericht {year}", exact=True).click()
    page.wait_for_load_state("load")
    visitor.checked()
    assert "ersetzt durch" in page.locator("main").inner_text()
    visitor.goto("/umsetzung/berichte/")

    stored = tmp_path / "bericht.pdf"
    stored.write_bytes(reports["first"].files.get(format="pdf").file.read())
    visitor.widths = []
    visitor.goto("/echtheit/")
    page.locator("#id_datei").set_input_files(stored)
    page.get_by_role("button", name="Prüfen").click()
    page.wait_for_load_state("load")
    visitor.checked()
    answer = page.locator("main").inner_text()
    assert "Diese Datei hat die Stadt Minden ausgestellt" in answer
    assert f"Umsetzungsbericht {year}, berichtigte Fassung 1" in answer
    assert_valid_html(visitor.html, tmp_path)
