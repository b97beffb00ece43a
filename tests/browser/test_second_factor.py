"""A new officer's first sign-in in Chromium: the password, then setting up the app from the
key typed off the page (as someone does who cannot scan), the ten recovery codes, the admin;
the next sign-in with a recovery code. axe-core and the strict CSP on every page of it."""

from __future__ import annotations

import time
from base64 import b32decode

import pytest
from django_otp.oath import hotp

from minden_integration.roles import OFFICER, roles_ensure
from tests.browser.conftest import assert_valid_html
from tests.factories import UserFactory

USERNAME = "neu.beauftragt@minden.example"
PASSWORD = "Kleiner-Domhof-Minden-2011"


@pytest.fixture
def new_officer(transactional_db):
    officer = UserFactory(username=USERNAME, is_staff=True, password=PASSWORD)
    officer.groups.add(roles_ensure()[OFFICER])
    return officer


def sign_in(visitor):
    page = visitor.page
    page.goto(visitor.base_url + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse oder Benutzername").fill(USERNAME)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    # The strict tab (the portal's CSP enforced) shares the session from here on.
    visitor.strict.context.add_cookies(visitor.context.cookies())


def test_a_new_officer_sets_up_the_app_and_signs_in_later_with_a_recovery_code(
    visitor, new_officer, tmp_path
):
    page = visitor.page
    sign_in(visitor)
    page.wait_for_url("**/konto/zweiter-faktor/einrichten/**")
    visitor.checked()
    assert page.get_by_role("img", name="QR-Code zum Einrichten der App").is_visible()

    # Typed off the page instead of scanned: the key in groups of four.
    key = page.locator(".secret-key-value").inner_text().replace(" ", "")
    code = str(hotp(b32decode(key + "=" * (-len(key) % 8)), int(time.time()) // 30)).zfill(6)
    page.get_by_label("Code aus der App").fill(code)
    page.get_by_role("button", name="Bestätigen").click()

    page.wait_for_url("**/konto/zweiter-faktor/wiederherstellungscodes/**")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    visitor.checked()
    assert len(codes) == 10
    page.get_by_role("link", name="Ich habe die Codes aufbewahrt – weiter").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", name="Übersicht").is_visible()

    page.context.clear_cookies()
    sign_in(visitor)
    page.wait_for_url("**/konto/zweiter-faktor/?next=*")
    visitor.checked()
    page.get_by_label("Wiederherstellungscode").fill(codes[0])
    page.get_by_role("button", name="Mit Wiederherstellungscode anmelden").click()
    page.wait_for_url("**/admin/")
    assert "Es bleiben 9 Codes" in page.content()
    assert_valid_html(visitor.html, tmp_path)
