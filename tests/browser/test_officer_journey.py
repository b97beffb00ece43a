"""The officer's whole journey in Chromium: ending the consultation early (the members are
emailed once), deciding in the admin (amendments alone and two together), the member sees the
decisions, the next version with two amendments worked in by „Übernehmen“, presented to the
Integrationsrat, two committees in parallel and the council, each result recorded with its past
date; the public pages then show the Beratungsfolge with the bodies' dates, the frozen
checksum, the comparison and the synopsis, and a clerk downloads the beschlossene Fassung and
checks it at /echtheit/. axe-core runs on every public page visited."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

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
WORKED_IN = "Sprachcafés in allen Stadtteilen."
ALSO_WORKED_IN = "Ein zweiter Vorschlag."


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
    # Example versions email nobody; this journey's consultation is a real one.
    ConceptVersion.objects.filter(pk=version.pk).update(is_example=False)
    version.refresh_from_db()
    sections = list(version.sections.in_order()[:4])
    amendments = []
    for section, text in zip(
        sections,
        [WORKED_IN, ALSO_WORKED_IN, "Ein dritter.", "Ein vierter."],
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


def change_page(officer, base_url, version):
    officer.goto(base_url + reverse("admin:concept_conceptversion_change", args=[version.pk]))


def record_next_result(officer, base_url, version, *, day: dt.date, result: str):
    """„Ergebnis festhalten“ on the first Beratung still planned."""
    change_page(officer, base_url, version)
    officer.get_by_role("link", name="Ergebnis festhalten").first.click()
    officer.get_by_label("beraten am").fill(day.isoformat())
    officer.get_by_label(result, exact=True).check()
    officer.get_by_role("button", name="Ergebnis festhalten").click()
    officer.wait_for_url(re.compile(r".*/admin/concept/conceptversion/\d+/change/$"))


def test_end_early_decide_work_in_and_through_the_bodies(browser, visitor, minden, tmp_path):
    version, (first, second, bulk_one, bulk_two) = minden
    base = visitor.base_url
    officer = admin_login(browser, base)
    today = timezone.localdate()

    # The start page shows what waits.
    assert "Was ansteht" in officer.content()
    assert re.search(rf"Version {version.number}: \d+ Vorschläge", officer.content())

    # The consultation ends early: a confirmed step naming the days left and what is open.
    change_page(officer, base, version)
    officer.get_by_role("link", name="Beteiligung vorzeitig beenden").click()
    confirmation = officer.locator("#content").inner_text()
    assert re.search(r"\d+ Tage", confirmation)
    assert str(first) in confirmation
    officer.get_by_role("button", name="Beteiligung vorzeitig beenden").click()
    officer.wait_for_url(re.compile(r".*/admin/concept/conceptversion/\d+/change/$"))
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTATION_CLOSED
    ended = [m for m in mail.outbox if "beendet" in m.subject.lower()]
    assert ended and len([m for m in ended if m.to == ["mira@example.org"]]) == 1

    # Two decisions alone, with their reasoning.
    for amendment in (first, second):
        officer.goto(base + reverse("admin:concept_amendment_decide", args=[amendment.pk]))
        officer.get_by_label("Angenommen", exact=True).check()
        officer.get_by_label("Begründung (öffentlich)").fill(
            "Passt zu Maßnahme 12 und wird ergänzt."
        )
        officer.get_by_role("button", name="Entscheidung speichern").click()
        officer.wait_for_url("**/admin/concept/amendment/?moderation=offen")

    # The rest decided together, with one reasoning: nothing undecided goes to the bodies.
    undecided = Amendment.objects.undecided().count()
    officer.locator("#action-toggle").check()
    officer.locator("select[name=action]").select_option("decide_many")
    officer.locator("button[name=index]").click()
    officer.get_by_label("Abgelehnt", exact=True).check()
    officer.get_by_label("Gemeinsame Begründung (öffentlich)").fill(
        "Bereits in den Maßnahmen der AG enthalten."
    )
    officer.get_by_role("button", name="Entscheidung speichern").click()
    officer.wait_for_load_state("load")
    assert f"{undecided} Vorschläge sind entschieden." in officer.content()
    assert not Amendment.objects.undecided().exists()
    statuses = dict(
        Amendment.objects.values_list("pk", "status").filter(
            pk__in=[first.pk, second.pk, bulk_one.pk, bulk_two.pk]
        )
    )
    assert statuses == {
        first.pk: AmendmentStatus.ACCEPTED,
        second.pk: AmendmentStatus.ACCEPTED,
        bulk_one.pk: AmendmentStatus.REJECTED,
        bulk_two.pk: AmendmentStatus.REJECTED,
    }

    # The member has the emails and sees the decisions.
    decided = [m for m in mail.outbox if m.to == ["mira@example.org"] and m not in ended]
    assert len(decided) == 4
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
        in page.locator(f"#vorschlag-{first.pk}").inner_text()
    )

    # The next version: both accepted amendments worked in with „Übernehmen“.
    change_page(officer, base, version)
    officer.get_by_role("link", name="Nächste Version anlegen").click()
    officer.get_by_role("button", name="Nächste Version anlegen").click()
    officer.wait_for_url(re.compile(r".*/admin/concept/conceptversion/\d+/change/$"))
    successor = ConceptVersion.objects.get(status=VersionStatus.DRAFT)
    for amendment in (first, second):
        officer.goto(base + reverse("admin:concept_amendment_adopt", args=[amendment.pk]))
        assert "Eingefügt" in officer.content()
        officer.get_by_role("button", name="Übernehmen und als eingearbeitet vermerken").click()
        officer.wait_for_url(re.compile(r".*/admin/concept/conceptversion/\d+/change/$"))
        amendment.refresh_from_db()
        assert amendment.incorporated_in == successor
    bodies = "\n".join(successor.sections.values_list("body", flat=True))
    assert WORKED_IN in bodies and ALSO_WORKED_IN in bodies

    # Presented with the usual plan: the Integrationsrat, two committees in parallel, the council.
    presented_on = today - dt.timedelta(days=20)
    change_page(officer, base, successor)
    officer.get_by_role("link", name="Den Gremien vorlegen").click()
    officer.get_by_label("Drucksache").fill("DS 210/2026")
    officer.get_by_label("vorgelegt am").fill(presented_on.isoformat())
    officer.get_by_role("button", name="Den Gremien vorlegen").click()
    officer.wait_for_url(re.compile(r".*/admin/concept/conceptversion/\d+/change/$"))
    successor.refresh_from_db()
    assert successor.status == VersionStatus.COUNCIL_REVIEW
    plan = [(c.step, c.body.kind) for c in successor.consultations.in_order()]
    assert plan == [(1, "advisory"), (2, "committee"), (2, "committee"), (3, "council")]

    # A date in the future is refused at the field.
    change_page(officer, base, successor)
    officer.get_by_role("link", name="Ergebnis festhalten").first.click()
    officer.get_by_label("beraten am").fill((today + dt.timedelta(days=3)).isoformat())
    officer.get_by_label("empfohlen", exact=True).check()
    officer.get_by_role("button", name="Ergebnis festhalten").click()
    assert "stattgefunden" in officer.locator(".errorlist").first.inner_text()

    # Each result with the day the body met.
    held = [
        (today - dt.timedelta(days=15), "empfohlen"),
        (today - dt.timedelta(days=10), "empfohlen"),
        (today - dt.timedelta(days=10), "empfohlen"),
        (today - dt.timedelta(days=5), "beschlossen"),
    ]
    for day, result in held:
        record_next_result(officer, base, successor, day=day, result=result)
    successor.refresh_from_db()
    assert successor.status == VersionStatus.APPROVED
    assert successor.status_since == today - dt.timedelta(days=5)
    assert ConceptVersion.objects.filter(status=VersionStatus.APPROVED).count() == 1
    assert ConceptVersion.objects.filter(status=VersionStatus.SUPERSEDED).exists()

    # The audit trail shows the decision with its user.
    officer.goto(base + reverse("admin:concept_amendment_history", args=[first.pk]))
    trail = officer.content()
    assert OFFICER_USERNAME in trail
    assert "Angenommen" in trail
    officer.context.close()

    # The public pages: the bodies' dates, not the day they were typed in.
    visitor.goto(f"/konzept/v{successor.number}/")
    history = page.locator("#beratungsfolge").locator("xpath=..").inner_text()
    assert "DS 210/2026" in history
    assert "Ausschuss für Schule, Kultur und Sport (Beispiel)" in history
    held_dates = page.locator("#beratungsfolge ~ table time, section:has(#beratungsfolge) time")
    shown = set(held_dates.evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))"))
    assert {day.isoformat() for day, _ in held} <= shown
    assert today.isoformat() not in shown
    assert "Vom Rat beschlossen" in page.content()
    assert successor.checksum in page.locator("code.checksum").inner_text()
    assert WORKED_IN in page.content()
    assert page.get_by_role(
        "link", name=re.compile(f"Wie die Vorschläge zu Version {version.number}")
    ).count()

    visitor.goto(f"/konzept/vergleich/?von={version.number}&zu={successor.number}")
    assert WORKED_IN in page.content()
    first.refresh_from_db()
    attribution = page.get_by_role(
        "link", name=f"Vorschlag {first.number} zu Version {version.number}"
    )
    assert attribution.get_attribute("href").endswith(
        f"/konzept/v{version.number}/vorschlaege/#vorschlag-{first.pk}"
    )

    visitor.goto(f"/konzept/v{version.number}/synopse/")
    synopsis = page.content()
    assert "Passt zu Maßnahme 12 und wird ergänzt." in synopsis
    assert "Bereits in den Maßnahmen der AG enthalten." in synopsis

    visitor.goto("/konzept/versionen/")
    assert "Abgelöst" in page.content()
    visitor.goto("/")

    # The task worker renders the files the decision queued (off the request path, as in
    # production); then the clerk downloads the beschlossene Fassung and checks it.
    call_command("issue_files", "--version", str(successor.number), "--now", stdout=io.StringIO())
    clerk_checks_the_beschlossene_fassung(visitor, successor, tmp_path)

    assert_valid_html(visitor.html, tmp_path)


def clerk_checks_the_beschlossene_fassung(visitor, version, tmp_path):
    page = visitor.page
    visitor.goto(f"/konzept/v{version.number}/")
    heading = page.get_by_role("heading", name="Beschlossene Fassung herunterladen")
    link = page.locator("section.downloads", has=heading).get_by_role("link", name="PDF")
    with page.expect_download() as download:
        link.click()
    stored = tmp_path / download.value.suggested_filename
    download.value.save_as(stored)
    assert stored.read_bytes().startswith(b"%PDF")
    visitor.goto("/echtheit/")
    page.locator("#id_datei").set_input_files(stored)
    page.get_by_role("button", name="Prüfen").click()
    page.wait_for_load_state("load")
    visitor.checked()
    answer = page.locator("main").inner_text()
    assert f"Version {version.number}" in answer and "Beschlossene Fassung" in answer
    assert "wurde verändert" not in answer
