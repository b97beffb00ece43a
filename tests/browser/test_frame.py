"""The frame every page shares, in real Chromium: accessible, valid, CSP-clean, reflowing."""

import pytest
from django.core.management import call_command


@pytest.fixture
def minden(transactional_db):
    call_command("load_minden", "--demo", verbosity=0)


def test_service_pages_pass_axe_vnu_and_reflow(visitor, minden, tmp_path):
    from tests.browser.conftest import assert_valid_html

    paths = ["/", "/impressum/", "/datenschutz/", "/leichte-sprache/", "/barrierefreiheit/"]
    for path in paths:
        visitor.goto(path)
    visitor.goto("/gibt-es-nicht/", expect_status=404)
    visitor.assert_fits_320px(paths)
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
