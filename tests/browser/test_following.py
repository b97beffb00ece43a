"""Following a measure in real Chromium: from the measure's page to the subscribe form, the
confirmation link from the mail and its button; axe-core on every page on the way."""

import re

import pytest
from django.core import mail

from minden_integration.following.models import Subscription
from tests.browser.conftest import assert_valid_html
from tests.factories import ConceptFactory, MeasureFactory, ProgressUpdateFactory

ADDRESS = "leserin@example.org"


@pytest.fixture
def measure(transactional_db, live_server, settings):
    settings.PORTAL_BASE_URL = live_server.url
    concept = ConceptFactory(slug="minden", title="Integrationskonzept Minden")
    measure = MeasureFactory(concept=concept, number=12, title="Sprachcafé in der Stadtbibliothek")
    ProgressUpdateFactory(measure=measure, note="Das erste Treffen hat stattgefunden.")
    return measure


def test_subscribing_to_a_measure_from_its_page_and_confirming(visitor, measure, tmp_path):
    page = visitor.page
    visitor.goto("/massnahmen/12/")
    feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed.get_attribute("href") == "/feeds/massnahmen/12/"
    follow = page.get_by_role("region", name="Auf dem Laufenden bleiben")
    follow.get_by_role("link", name="Benachrichtigungen per E-Mail").click()
    page.wait_for_url("**/benachrichtigungen/massnahmen/12/")
    visitor.checked()

    # Bad input first: the German error next to the field, the form again.
    page.get_by_label("E-Mail-Adresse").fill("keine-adresse")
    page.get_by_role("button", name="Benachrichtigungen anfordern").click()
    page.wait_for_load_state("load")
    assert page.get_by_text("Bitte geben Sie eine gültige E-Mail-Adresse ein.").is_visible()
    visitor.checked()

    page.get_by_label("E-Mail-Adresse").fill(ADDRESS)
    page.get_by_role("button", name="Benachrichtigungen anfordern").click()
    page.wait_for_url("**/benachrichtigungen/gesendet/")
    visitor.checked()
    assert "an die angegebene Adresse" in page.get_by_role("main").inner_text()
    assert ADDRESS not in page.content()

    (confirmation,) = mail.outbox
    url = re.search(r"https?://\S+/benachrichtigungen/bestaetigen/\S+/", confirmation.body)[0]
    assert url.startswith(visitor.base_url)
    visitor.goto(url.removeprefix(visitor.base_url))
    assert not Subscription.objects.get().is_confirmed
    page.get_by_role("button", name="Ja, Benachrichtigungen bestätigen").click()
    page.get_by_role("heading", name="Anmeldung bestätigt").wait_for()
    visitor.checked()
    assert Subscription.objects.get().is_confirmed

    unsubscribe = re.search(r"https?://\S+/benachrichtigungen/abmelden/\S+/", confirmation.body)[0]
    visitor.goto(unsubscribe.removeprefix(visitor.base_url))
    assert Subscription.objects.exists()
    assert_valid_html(visitor.html, tmp_path)
