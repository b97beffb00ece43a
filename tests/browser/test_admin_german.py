"""The admin's date widget in Chromium speaks German: its scripts read the admin's jsi18n
catalogue, which carries locale_django's German for the strings Django leaves English."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from minden_integration.roles import roles_ensure
from tests.browser.conftest import admin_login, officer_create


@pytest.fixture
def officer_tab(browser, transactional_db, live_server):
    roles_ensure()
    officer_create()
    page = admin_login(browser, live_server.url)
    yield page
    page.context.close()


def test_date_widget_labels_its_links_in_german(officer_tab, live_server):
    page = officer_tab
    page.goto(live_server.url + reverse("admin:workgroups_session_add"))
    with translation.override("de"):
        today = date_format(timezone.localdate(), "j. F Y")

    today_link = page.locator(".datetimeshortcuts a", has_text="Heute")
    assert today_link.get_attribute("aria-label") == f"Heute ({today})"

    page.locator(".datetimeshortcuts button").first.click()
    calendar = page.locator(".calendarbox").first
    calendar.wait_for(state="visible")
    labels = calendar.locator("[aria-label]").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('aria-label'))"
    )
    assert f"{today} (heute)" in labels
    assert any(label.startswith("Voriger Monat (") for label in labels)
    assert any(label.startswith("Nächster Monat (") for label in labels)
    assert not [label for label in labels if "today" in label or "Previous" in label]
