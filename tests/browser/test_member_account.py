"""A member's account in real Chromium: invitation, profile, consent, the information about
their data (Art. 15 DSGVO), logout, throttled login."""

import re

import pytest
from django.core import mail

from minden_integration.roles import roles_ensure
from tests.factories import OrganisationFactory, UserFactory, WorkingGroupFactory
from workgroups.models import Membership
from workgroups.services import member_invite

PASSWORD = "Weserufer-Lesepaten-2011"


@pytest.fixture
def invited(transactional_db, live_server, settings):
    settings.PORTAL_BASE_URL = live_server.url
    roles_ensure()
    group = WorkingGroupFactory(name="Bildung und Erziehung", slug="bildung")
    member_invite(
        email="ayse@example.org",
        name="Ayşe Yılmaz",
        working_group=group,
        organisation=OrganisationFactory(name="Grundschule am Weserufer"),
        invited_by=UserFactory(username="beauftragte@example.org", is_staff=True),
    )
    return re.search(r"(/konto/einladung/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_invited_member_sets_a_password_gives_consent_and_logs_out(visitor, invited, tmp_path):
    from tests.browser.conftest import assert_valid_html

    page = visitor.page
    visitor.goto(invited)
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Passwort speichern und anmelden").click()
    page.wait_for_url("**/konto/")
    assert "Willkommen!" in page.content()
    visitor.checked()

    page.get_by_label("Mein Name darf öffentlich genannt werden.").check()
    page.get_by_role("button", name="Einwilligung speichern").click()
    page.wait_for_url("**/konto/")
    assert Membership.objects.get(user__username="ayse@example.org").consent_to_name
    visitor.checked()

    page.get_by_role("link", name="Auskunft über meine Daten und Kopie herunterladen").click()
    page.wait_for_url("**/konto/auskunft/")
    assert "Mein Name darf öffentlich genannt werden." in page.content()
    visitor.checked()
    with page.expect_download() as download:
        page.get_by_role("link", name="Kopie herunterladen (JSON)").click()
    assert download.value.suggested_filename.startswith("auskunft-")

    visitor.assert_fits_320px(["/konto/", "/konto/passwort/", "/konto/auskunft/"])
    visitor.goto("/konto/passwort/")
    visitor.goto("/konto/loeschen/")

    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(visitor.base_url + "/")
    assert "Sie sind abgemeldet." in page.content()
    assert page.get_by_role("link", name="Anmelden").is_visible()
    assert_valid_html(visitor.html, tmp_path)


def test_login_pages_and_the_lockout_in_the_browser(visitor, invited, tmp_path):
    from tests.browser.conftest import assert_valid_html

    for path in ("/konto/anmelden/", "/konto/passwort-vergessen/", "/en/konto/anmelden/"):
        visitor.goto(path)
    visitor.goto("/konto/einladung/gibt-es-nicht/", expect_status=404)
    visitor.assert_fits_320px(["/konto/anmelden/", "/konto/passwort-vergessen/"])
    page = visitor.page
    visitor.goto("/konto/anmelden/")

    def fail_login(username: str) -> str:
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill("falsch")
        with page.expect_navigation():
            page.get_by_role("button", name="Anmelden", exact=True).last.click()
        return page.content()

    # One account's failures: a growing wait, never a lock.
    for _attempt in range(5):
        if "Bitte warten Sie einen Moment" in fail_login("ayse@example.org"):
            break
    assert "Bitte warten Sie einen Moment" in page.content()
    visitor.checked()
    # Many accounts from one address: the address is locked.
    visitor.goto("/konto/anmelden/")
    for attempt in range(30):
        if "gesperrt" in fail_login(f"person{attempt}@example.org"):
            break
    assert "Anmeldung vorübergehend gesperrt" in page.content()
    visitor.checked()
    assert_valid_html(visitor.html, tmp_path)
