"""The members issue's whole journey in Chromium: the officer invites in the admin, the member
sets a password from the emailed link, logs in, proposes, edits, submits, withdraws another
proposal, sees the public record; then the deadline passes and the form refuses."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from concept.models import Amendment, AmendmentStatus, ConceptVersion, VersionStatus
from tests.browser.conftest import admin_login, assert_valid_html, officer_create

PASSWORD = "Weserufer-Sprachcafe-2011"


@pytest.fixture
def minden(transactional_db, live_server, settings):
    settings.PORTAL_BASE_URL = live_server.url
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
    officer_create()
    return ConceptVersion.objects.get(status=VersionStatus.CONSULTATION)


def test_invite_set_password_propose_edit_submit_withdraw_and_deadline(
    browser, visitor, minden, tmp_path
):
    version = minden
    # The officer invites in the admin (the admin is not a public page: no axe run there).
    officer = admin_login(browser, visitor.base_url)
    officer.goto(visitor.base_url + reverse("admin:workgroups_membership_invite"))
    officer.get_by_label("E-Mail-Adresse").fill("neu.mitglied@example.org")
    officer.get_by_label("Name").fill("Mira Beispiel")
    officer.get_by_label("Arbeitsgruppe").select_option(label="Bildung und Erziehung")
    officer.get_by_role("button", name="Einladung senden").click()
    officer.wait_for_load_state("load")
    officer.context.close()
    invitation = next(m for m in mail.outbox if "neu.mitglied@example.org" in m.to)
    link = re.search(r"https?://\S+/konto/einladung/\S+/", invitation.body).group(0)

    # The member sets a password from the emailed link, logs out and logs in again.
    page = visitor.page
    visitor.goto(link.removeprefix(visitor.base_url))
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Passwort speichern und anmelden").click()
    page.wait_for_url("**/konto/")
    visitor.checked()
    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_url(visitor.base_url + "/")
    visitor.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("neu.mitglied@example.org")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state("load")
    visitor.checked()

    def propose(text):
        visitor.goto(f"/konzept/v{version.number}/")
        page.get_by_role("link", name=re.compile("Änderung vorschlagen")).first.click()
        page.wait_for_url("**/vorschlag/")
        visitor.checked()
        page.get_by_label("Ergänzung").check()
        page.get_by_label("Vorgeschlagener Text").fill(text)
        page.get_by_label("Begründung").fill("Mehr Beteiligung der Familien.")
        page.get_by_role("button", name="Als Entwurf speichern").click()
        page.wait_for_url("**/mitmachen/vorschlaege/**")
        visitor.checked()
        return Amendment.objects.filter(author__username="neu.mitglied@example.org").latest("pk")

    # Propose, edit, submit.
    first = propose("Elterncafés in allen Stadtteilen.")
    visitor.goto(f"/mitmachen/vorschlaege/{first.pk}/")
    page.get_by_label("Vorgeschlagener Text").fill(
        "Elterncafés in allen Stadtteilen, mehrsprachig."
    )
    page.get_by_role("button", name="Änderungen speichern").click()
    page.wait_for_load_state("load")
    visitor.checked()
    first.refresh_from_db()
    assert first.proposed_text.endswith("mehrsprachig.")
    visitor.goto(f"/mitmachen/vorschlaege/{first.pk}/")
    page.get_by_role("button", name="Vorschlag einreichen").click()
    page.wait_for_load_state("load")
    visitor.checked()
    first.refresh_from_db()
    assert first.status == AmendmentStatus.SUBMITTED

    # Withdraw another one.
    second = propose("Ein zweiter Vorschlag, den ich zurückziehe.")
    visitor.goto(f"/mitmachen/vorschlaege/{second.pk}/zurueckziehen/")
    page.get_by_role("button", name="Ja, Vorschlag zurückziehen").click()
    page.wait_for_load_state("load")
    second.refresh_from_db()
    assert second.status == AmendmentStatus.WITHDRAWN

    # The public record shows the submitted proposal, not the withdrawn draft.
    visitor.goto(f"/konzept/v{version.number}/vorschlaege/")
    assert page.locator(f"#vorschlag-{first.pk}").is_visible()
    assert page.locator(f"#vorschlag-{second.pk}").count() == 0
    assert "mehrsprachig" in page.content()

    # The deadline passes: the form refuses.
    ConceptVersion.objects.filter(pk=version.pk).update(
        consultation_ends_at=timezone.now() - dt.timedelta(minutes=1)
    )
    section = version.sections.order_by("position").first()
    visitor.goto(f"/mitmachen/abschnitt/{section.pk}/vorschlag/")
    assert "Die Beteiligungsfrist ist abgelaufen." in page.content()
    assert Amendment.objects.filter(author__username="neu.mitglied@example.org").count() == 2

    assert_valid_html(visitor.html, tmp_path)
