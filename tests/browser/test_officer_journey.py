"""The moderation issue's whole journey in Chromium: the officer decides in the admin (one
amendment alone, two together), the member sees the decision and has the email, the officer
creates the next version, works the accepted amendment in and moves it through the bodies to
the council's approval; the public pages then show the Beratungsfolge, the frozen checksum,
the comparison with the amendment that explains the change, and the synopsis."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from concept.models import Amendment, AmendmentStatus, ConceptVersion, VersionStatus
from concept.services import amendment_create, amendment_submit
from minden_integration.roles import MEMBER
from tests.browser.conftest import (
    OFFICER_USERNAME,
    admin_login,
    assert_valid_html,
    officer_create,
)
from tests.factories import MembershipFactory, UserFactory
from workgroups.models import WorkingGroup

MEMBER_PASSWORD = "Weserufer-Sprachcafe-2011"
WORKED_IN = "Sprachcafés in allen Stadtteilen, mehrsprachig und offen für alle."


@pytest.fixture
def minden(transactional_db, live_server, settings):
    settings.PORTAL_BASE_URL = live_server.url
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
    officer_create()
    member = UserFactory(
        username="mira@example.org", email="mira@example.org", password=MEMBER_PASSWORD
    )
    member.groups.add(Group.objects.get(name=MEMBER))
    group = WorkingGroup.objects.get(slug="bildung-und-erziehung")
    MembershipFactory(user=member, working_group=group, consent_to_name=True)
    version = ConceptVersion.objects.get(status=VersionStatus.CONSULTATION)
    sections = list(version.sections.in_order()[:3])
    amendments = []
    for section, text in zip(
        sections,
        ["Sprachcafés in allen Stadtteilen.", "Ein zweiter Vorschlag.", "Ein dritter."],
        strict=True,
    ):
        draft = amendment_create(
            section=section, author=member, kind="addition", proposed_text=text
        )
        amendments.append(
            amendment_submit(
                amendment=draft,
                by=member,
                organisation_name="Elternverein Minden",
                working_group_name=group.name,
                author_name="Mira Beispiel",
            )
        )
    return version, amendments


def record_move(officer, base_url, version, label, *, date, reference):
    officer.goto(base_url + reverse("admin:concept_conceptversion_change", args=[version.pk]))
    officer.get_by_role("link", name=label).click()
    officer.get_by_label(re.compile(r"^Datum:?$")).fill(date)
    officer.get_by_label("Drucksache").fill(reference)
    officer.get_by_role("button", name=label).click()
    officer.wait_for_url(re.compile(r".*/admin/concept/conceptversion/\d+/change/$"))


def test_decide_notify_next_version_work_in_and_through_the_bodies(
    browser, visitor, minden, tmp_path
):
    version, (single, bulk_one, bulk_two) = minden
    base = visitor.base_url
    officer = admin_login(browser, base)

    # The start page shows what waits.
    assert "Was ansteht" in officer.content()
    assert re.search(rf"Version {version.number}: \d+ Vorschläge", officer.content())

    # One decision, with its reasoning.
    officer.goto(base + reverse("admin:concept_amendment_decide", args=[single.pk]))
    officer.get_by_label("Angenommen", exact=True).check()
    officer.get_by_label("Begründung (öffentlich)").fill("Passt zu Maßnahme 12 und wird ergänzt.")
    officer.get_by_role("button", name="Entscheidung speichern").click()
    officer.wait_for_url("**/admin/concept/amendment/?moderation=offen")

    # Two decisions together, with one reasoning.
    for amendment in (bulk_one, bulk_two):
        officer.locator(f"input[name=_selected_action][value='{amendment.pk}']").check()
    officer.locator("select[name=action]").select_option("decide_many")
    officer.locator("button[name=index]").click()
    officer.get_by_label("Abgelehnt", exact=True).check()
    officer.get_by_label("Gemeinsame Begründung (öffentlich)").fill(
        "Bereits in den Maßnahmen der AG enthalten."
    )
    officer.get_by_role("button", name="Entscheidung speichern").click()
    officer.wait_for_load_state("load")
    assert "2 Vorschläge sind entschieden." in officer.content()
    statuses = dict(
        Amendment.objects.values_list("pk", "status").filter(
            pk__in=[single.pk, bulk_one.pk, bulk_two.pk]
        )
    )
    assert statuses == {
        single.pk: AmendmentStatus.ACCEPTED,
        bulk_one.pk: AmendmentStatus.REJECTED,
        bulk_two.pk: AmendmentStatus.REJECTED,
    }

    # The member has the emails and sees the decisions.
    decided = [m for m in mail.outbox if m.to == ["mira@example.org"]]
    assert len(decided) == 3
    assert any("Passt zu Maßnahme 12" in m.body for m in decided)
    page = visitor.page
    visitor.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("mira@example.org")
    page.get_by_label("Passwort").fill(MEMBER_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state("load")
    visitor.goto("/mitmachen/vorschlaege/")
    assert "Angenommen" in page.content()
    assert "Abgelehnt" in page.content()
    visitor.goto(f"/konzept/v{version.number}/vorschlaege/")
    assert (
        "Passt zu Maßnahme 12 und wird ergänzt."
        in page.locator(f"#vorschlag-{single.pk}").inner_text()
    )

    # The next version: the accepted amendment beside its section, worked in.
    officer.goto(base + reverse("admin:concept_conceptversion_change", args=[version.pk]))
    officer.get_by_role("link", name="Nächste Version anlegen").click()
    officer.get_by_role("button", name="Nächste Version anlegen").click()
    officer.wait_for_url(re.compile(r".*/admin/concept/conceptversion/\d+/change/$"))
    successor = ConceptVersion.objects.get(status=VersionStatus.DRAFT)
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTATION_CLOSED
    officer.get_by_role("link", name="einarbeiten").click()
    body = officer.get_by_label("Neuer Text des Abschnitts (Markdown)")
    body.fill(body.input_value() + "\n\n" + WORKED_IN)
    officer.get_by_role("button", name="Text speichern und als eingearbeitet vermerken").click()
    officer.wait_for_url(re.compile(r".*/admin/concept/conceptversion/\d+/change/$"))
    single.refresh_from_db()
    assert single.incorporated_in == successor

    # Through the bodies, each step a milestone with date and council paper.
    steps = [
        ("Dem Integrationsrat vorlegen", "2026-12-01", "IR 4/2026"),
        ("Verabschiedung festhalten", "2026-12-01", "IR 4/2026"),
        ("An die Gremien weiterleiten", "2026-12-03", "DS 210/2026"),
        ("Ratsbeschluss festhalten", "2026-12-17", "DS 210/2026"),
    ]
    for label, date, reference in steps:
        record_move(officer, base, successor, label, date=date, reference=reference)
    successor.refresh_from_db()
    assert successor.status == VersionStatus.APPROVED
    assert ConceptVersion.objects.filter(status=VersionStatus.APPROVED).count() == 1
    assert ConceptVersion.objects.filter(status=VersionStatus.SUPERSEDED).exists()

    # The audit trail shows the decision with its user.
    officer.goto(base + reverse("admin:concept_amendment_history", args=[single.pk]))
    trail = officer.content()
    assert OFFICER_USERNAME in trail
    assert "Angenommen" in trail
    officer.context.close()

    # The public pages.
    visitor.goto(f"/konzept/v{successor.number}/")
    milestones = page.locator("#beratungsfolge ~ * table, section.version-milestones table")
    history = milestones.first.inner_text()
    assert "DS 210/2026" in history and "IR 4/2026" in history
    assert "Vom Rat beschlossen" in page.content()
    assert successor.checksum in page.locator("code.checksum").inner_text()
    assert WORKED_IN in page.content()

    visitor.goto(f"/konzept/vergleich/?von={version.number}&zu={successor.number}")
    assert WORKED_IN in page.content()
    attribution = page.get_by_role(
        "link", name=f"Vorschlag {single.pk} zu Version {version.number}"
    )
    assert attribution.get_attribute("href").endswith(
        f"/konzept/v{version.number}/vorschlaege/#vorschlag-{single.pk}"
    )

    visitor.goto(f"/konzept/v{version.number}/synopse/")
    synopsis = page.content()
    assert "Passt zu Maßnahme 12 und wird ergänzt." in synopsis
    assert "Bereits in den Maßnahmen der AG enthalten." in synopsis
    assert "Mira Beispiel" in synopsis

    visitor.goto("/konzept/versionen/")
    assert "Abgelöst" in page.content()

    assert_valid_html(visitor.html, tmp_path)
