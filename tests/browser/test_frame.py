"""The frame every page shares, in real Chromium: accessible, valid, CSP-clean, reflowing."""

import pytest
from django.core.management import call_command


@pytest.fixture
def minden(transactional_db):
    call_command("load_minden", "--demo", verbosity=0)


SERVICE_PAGES = [
    "/",
    "/impressum/",
    "/datenschutz/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
    "/barrierefreiheit/",
]


def test_service_pages_pass_axe_vnu_and_reflow(visitor, minden, tmp_path):
    """As a city first sees them: every law page lists what is still missing."""
    from tests.browser.conftest import assert_valid_html

    for path in SERVICE_PAGES:
        visitor.goto(path)
    visitor.goto("/gibt-es-nicht/", expect_status=404)
    visitor.assert_fits_320px(SERVICE_PAGES)
    assert_valid_html(visitor.html, tmp_path)


LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 24">'
    b'<path d="M0 0h20v14c0 5-5 8-10 10C5 22 0 19 0 14z" fill="#1b5e20"/></svg>'
)


@pytest.fixture
def other_city(minden, settings, tmp_path):
    """Another city with its coat of arms and colours, every fact filled in, and one video."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from minden_integration.site.city import CitySettings
    from minden_integration.site.explanations import Explanation, ExplanationTopic
    from minden_integration.site.services import city_settings_save
    from tests.portal.test_law_pages import CAPTIONS, COMPLETE, VIDEO

    settings.MEDIA_ROOT = tmp_path / "media"
    record = CitySettings(**COMPLETE)
    record.name = "Beispielstadt"
    record.colour_primary, record.colour_accent = "#1b5e20", "#6a1b9a"
    record.logo = SimpleUploadedFile("wappen.svg", LOGO, content_type="image/svg+xml")
    record.logo_alt = "Wappen der Stadt Beispielstadt"
    city_settings_save(record=record)
    Explanation.objects.create(
        topic=ExplanationTopic.NAVIGATION,
        video=SimpleUploadedFile("navigation.mp4", VIDEO, content_type="video/mp4"),
        captions=SimpleUploadedFile("navigation.vtt", CAPTIONS, content_type="text/vtt"),
        duration=dt.timedelta(minutes=1, seconds=30),
    )
    return record


def test_another_citys_pages_pass_axe_vnu_and_show_its_colours(visitor, other_city, tmp_path):
    from tests.browser.conftest import assert_valid_html

    for path in [*SERVICE_PAGES, "/massnahmen/1/", "/konzept/"]:
        visitor.goto(path)
        page = visitor.page
        assert page.locator(".site-city").inner_text().lower() == "stadt beispielstadt"
        assert page.title().endswith("– Stadt Beispielstadt")
        logo = page.locator("img.site-logo")
        assert logo.get_attribute("alt") == "Wappen der Stadt Beispielstadt"
        assert page.evaluate("document.querySelector('img.site-logo').naturalWidth") > 0
        # The generated style sheet reaches the page despite the CSP: the links take its colour.
        link = page.evaluate("getComputedStyle(document.querySelector('footer a')).color")
        assert link == "rgb(27, 94, 32)", (path, link)
    visitor.assert_fits_320px(SERVICE_PAGES)
    assert_valid_html(visitor.html, tmp_path)


def test_skip_link_moves_focus_to_the_content(visitor, minden):
    visitor.goto("/")
    page = visitor.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_accessibility_feedback_form_in_the_browser(visitor, minden):
    from minden_integration.site.models import AccessibilityFeedback

    visitor.goto("/barrierefreiheit/")
    page = visitor.page
    page.get_by_label("Ihre Nachricht").fill("Die Tabelle der Maßnahmen ist schwer lesbar.")
    page.get_by_role("button", name="Rückmeldung senden").click()
    page.wait_for_url("**/barrierefreiheit/")
    assert "Vielen Dank" in page.content()
    visitor.checked()
    assert AccessibilityFeedback.objects.filter(message__contains="Tabelle").exists()
