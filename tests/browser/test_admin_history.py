"""The admin's "Änderungsverlauf" with a word diff in real Chromium: valid HTML (Nu checker)
and nothing the portal's Content-Security-Policy blocks (the admin is not a public page: no
axe run, as for the rest of the admin)."""

import pytest
from django.urls import reverse

from concept.models import VersionStatus
from concept.services import amendment_decide, amendment_review_start, amendment_submit
from minden_integration.roles import roles_ensure
from tests.browser.conftest import admin_login, assert_valid_html, officer_create
from tests.concept.conftest import bring_to, version_with_sections
from tests.factories import AmendmentFactory, ConceptFactory

OLD = "Hausaufgabenhilfe an jedem Nachmittag, mit Ehrenamtlichen aus den Vereinen."
NEW = "Hausaufgabenhilfe am Samstagvormittag, mit Ehrenamtlichen aus den Vereinen."


@pytest.fixture
def decided(transactional_db):
    roles_ensure()
    officer = officer_create()
    version = version_with_sections(ConceptFactory(slug="minden"))
    bring_to(version, VersionStatus.CONSULTATION)
    amendment = AmendmentFactory(section=version.sections.first(), proposed_text=OLD)
    amendment = amendment_submit(
        amendment=amendment,
        by=amendment.author,
        organisation_name="Elternverein",
        working_group_name="Bildung und Erziehung",
    )
    amendment.proposed_text = NEW
    amendment.save()
    amendment_review_start(amendment=amendment, by=officer)
    amendment.refresh_from_db()
    reasoning = 'Nein: <script>alert("x")</script>'
    return amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning=reasoning)


def test_the_history_page_is_valid_html_and_keeps_the_csp(browser, live_server, decided, tmp_path):
    page = admin_login(browser, live_server.url)
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    url = live_server.url + reverse("admin:concept_amendment_history", args=[decided.pk])
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.locator("#change-history del").first.inner_text().endswith("an jedem Nachmittag")
    assert page.locator("#change-history ins").first.is_visible()
    # The stylesheet with the diff's marks is loaded: a deletion is struck through.
    decoration = page.locator("#change-history del").first.evaluate(
        "node => getComputedStyle(node).textDecorationLine"
    )
    assert decoration == "line-through"
    assert page.get_by_text('Nein: <script>alert("x")</script>').is_visible()
    page.screenshot(path=str(tmp_path / "history.png"), full_page=True)
    assert_valid_html({url: page.content()}, tmp_path)
    assert not blocked, blocked
