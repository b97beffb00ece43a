"""A contact's progress report in real Chromium: from "Mein Konto" to the form with an
indicator, the officer's acceptance in the admin, and the public measure page (issue 17)."""

import pytest

from measures.models import Indicator, MeasureContact, ProgressUpdate, ReviewState
from minden_integration.roles import roles_ensure
from tests.factories import ConceptFactory, MeasureFactory, OrganisationFactory, UserFactory

PASSWORD = "Weserufer-Sprachkurse-2012"


@pytest.fixture
def contact(transactional_db, live_server, settings):
    settings.PORTAL_BASE_URL = live_server.url
    roles_ensure()
    measure = MeasureFactory(
        concept=ConceptFactory(slug="minden"), number=37, title="Berufsbezogene Sprachkurse"
    )
    Indicator.objects.create(
        measure=measure, name="Sprachkurse im Jahr", unit="Kurse", baseline=4, target=20
    )
    user = UserFactory(username="kontakt@bildungswerk.example", password=PASSWORD)
    MeasureContact.objects.create(
        measure=measure, user=user, organisation=OrganisationFactory(name="Bildungswerk Weser")
    )
    return user


def test_a_contact_reports_progress_and_the_public_page_shows_it_once_accepted(
    visitor, contact, browser, tmp_path
):
    from tests.browser.conftest import admin_login, assert_valid_html, officer_create

    page = visitor.page
    visitor.goto("/konto/anmelden/")
    page.locator("#id_username").fill(contact.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state("load")
    visitor.goto("/konto/")
    page.get_by_role("link", name="Meine Maßnahmen: Fortschritt melden").click()
    page.wait_for_url("**/konto/massnahmen/")
    visitor.checked()

    page.get_by_role("link", name="Fortschritt zu Maßnahme 37 melden").click()
    page.wait_for_url("**/konto/massnahmen/37/fortschritt/")
    visitor.checked()
    # A wrong number first: the form comes back with the German message, nothing stored.
    page.get_by_label("Umsetzungsstand").select_option(label="in Umsetzung")
    page.get_by_label("Kurzer Bericht").fill("Zwölf Kurse laufen, zwei davon abends.")
    page.get_by_label("Sprachkurse im Jahr (in Kurse)").fill("zwölf")
    page.get_by_role("button", name="Meldung speichern").click()
    page.wait_for_load_state("load")
    assert "Bitte geben Sie eine Zahl ein" in page.content()
    visitor.checked()
    assert not ProgressUpdate.objects.exists()

    page.get_by_label("Sprachkurse im Jahr (in Kurse)").fill("12")
    page.get_by_role("button", name="Meldung speichern").click()
    page.wait_for_url("**/konto/massnahmen/")
    assert "sobald die Integrationsbeauftragte sie geprüft hat" in page.content()
    visitor.checked()
    update = ProgressUpdate.objects.get()
    assert update.review == ReviewState.PENDING

    officer_create()
    admin = admin_login(browser, visitor.base_url)
    admin.goto(visitor.base_url + "/admin/measures/progressupdate/?review__exact=pending")
    admin.locator(f'input[name="_selected_action"][value="{update.pk}"]').check()
    admin.locator('select[name="action"]').select_option("accept")
    admin.locator("button[name=index]").click()
    admin.wait_for_load_state("load")
    update.refresh_from_db()
    assert update.review == ReviewState.PUBLISHED
    admin.context.close()

    visitor.goto("/massnahmen/37/")
    content = page.content()
    assert "<strong>in Umsetzung</strong>" in content
    assert "12 von 20 Kurse" in content
    assert "Zwölf Kurse laufen" in content and "Bildungswerk Weser" in content
    assert contact.username not in content
    visitor.assert_fits_320px(["/konto/massnahmen/", "/konto/massnahmen/37/fortschritt/"])
    assert_valid_html(visitor.html, tmp_path)
