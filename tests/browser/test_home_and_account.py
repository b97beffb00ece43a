"""What is open, in real Chromium: the running consultation above the fold of the home page on
a phone and on a desktop screen, and a member's account page with proposals and decisions."""

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import assert_valid_html

PASSWORD = "Weserufer-Elterncafe-2011"
DEMO_MEMBER = "beispiel.mitglied1@minden.invalid"


@pytest.fixture
def minden(transactional_db, live_server, settings):
    settings.PORTAL_BASE_URL = live_server.url
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())


@pytest.mark.parametrize("size", [(375, 667), (1280, 800)])
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_open_consultation_is_above_the_fold(visitor, minden, size, path):
    width, height = size
    visitor.page.set_viewport_size({"width": width, "height": height})
    visitor.goto(path)
    box = visitor.page.locator(".consultation-open")
    assert box.get_by_role("heading", level=2).is_visible()
    for part in (box.locator("time"), box.locator(".days-left"), box.locator(".btn-primary")):
        bounds = part.bounding_box()
        assert bounds is not None
        assert bounds["y"] + bounds["height"] <= height, (path, size, part)


def test_a_members_account_page_with_proposals_and_decisions(visitor, minden, tmp_path):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=DEMO_MEMBER)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    page = visitor.page
    visitor.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(DEMO_MEMBER)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state("load")
    visitor.goto("/konto/")
    main = page.get_by_role("main")
    assert main.get_by_role("heading", name="Jetzt in Beteiligung: Version 2").is_visible()
    assert main.get_by_role("heading", name="Meine Änderungsvorschläge").is_visible()
    assert main.get_by_role("heading", name="Entscheidungen über Ihre Vorschläge").is_visible()
    main.get_by_role("link", name="Version 2 lesen und Änderungen vorschlagen").click()
    page.wait_for_url("**/konzept/v2/")
    visitor.goto("/en/konto/")
    visitor.goto("/")
    visitor.assert_fits_320px(["/", "/konto/"])
    assert_valid_html(visitor.html, tmp_path)
