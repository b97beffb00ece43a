"""The information and copy of Art. 15 DSGVO: a member's own from "Mein Konto", the officer's for
anyone in the admin (participants without an account included), never the clerks'."""

import json

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concept.models import AmendmentStatus
from minden_integration.accounts.personal_data import personal_data_for_user
from minden_integration.site.models import AccessibilityFeedback, FeedbackReply
from tests.accounts.conftest import assert_sound_page
from tests.factories import (
    AmendmentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkingGroupFactory,
)
from workgroups.consents import ConsentHow
from workgroups.services import membership_consent_give, membership_consent_withdraw

PAGE = "/konto/auskunft/"
DOWNLOAD = "/konto/auskunft.json"


@pytest.fixture
def ayse(member, group):
    """A member with two memberships, a consent given, withdrawn and given again and one
    entered by the administration, a draft and a submitted amendment, a failed login and an
    accessibility feedback."""
    member.first_name, member.last_name, member.email = "Ayşe", "Yılmaz", "ayse@example.org"
    member.save()
    first = MembershipFactory(
        working_group=group,
        user=member,
        name="Ayşe Yılmaz",
        organisation=OrganisationFactory(name="Moscheeverein Minden"),
    )
    second = MembershipFactory(
        working_group=WorkingGroupFactory(name="Arbeit und Soziales"), user=member, name="Ayşe"
    )
    membership_consent_give(membership=first, how=ConsentHow.FORM, by=member)
    membership_consent_withdraw(membership=first, how=ConsentHow.FORM, by=member)
    membership_consent_give(membership=first, how=ConsentHow.FORM, by=member)
    membership_consent_give(membership=second, how=ConsentHow.ADMIN, by=None)
    AmendmentFactory(author=member, proposed_text="Mehr Sprachkurse am Abend")
    AmendmentFactory(
        author=member,
        proposed_text="Elterncafé in jeder Kita",
        status=AmendmentStatus.SUBMITTED,
        submitted_at=timezone.now(),
        number=7,
    )
    AccessAttempt.objects.create(
        username="AYSE@example.org",
        user_agent="Mozilla/5.0 Testbrowser",
        ip_address="198.51.100.23",
        http_accept="*/*",
        path_info="/konto/anmelden/",
        get_data="",
        post_data="",
        failures_since_start=2,
    )
    feedback = AccessibilityFeedback.objects.create(
        message="Die Schrift ist zu klein.", email="Ayse@Example.org"
    )
    FeedbackReply.objects.create(
        feedback=feedback,
        kind="interim",
        text="Wir prüfen das.",
        answer_by=timezone.localdate(),
        sent_at=timezone.now(),
        to_address="ayse@example.org",
    )
    return member


@pytest.fixture
def someone_else(group):
    other = UserFactory(username="max@example.org", first_name="Max", last_name="Geheim")
    membership = MembershipFactory(
        working_group=group, user=other, name="Max Geheim", organisation=None
    )
    membership_consent_give(membership=membership, how=ConsentHow.FORM, by=other)
    AmendmentFactory(author=other, proposed_text="Fremder Vorschlag")
    AccessibilityFeedback.objects.create(message="Fremde Rückmeldung", email="max@example.org")
    return other


def test_the_member_downloads_everything_held_about_them(client, ayse, someone_else):
    client.force_login(ayse)

    response = client.get(DOWNLOAD)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="auskunft-')
    assert "no-store" in response["Cache-Control"]
    raw = response.content.decode("utf-8")
    assert "Ayşe Yılmaz" in raw  # UTF-8, not escaped
    report = json.loads(raw)
    sections = {section["key"]: section for section in report["sections"]}

    account = sections["account"]["records"][0]
    assert account["email"] == "ayse@example.org"
    assert "Hash" in account["password"] and ayse.password not in raw
    groups = {row["working_group"] for row in sections["memberships"]["records"]}
    assert groups == {"Bildung und Erziehung", "Arbeit und Soziales"}
    consents = sections["consent_records"]["records"]
    assert len(consents) == 3
    assert all(
        row["text"].startswith("Mein Name darf öffentlich genannt werden.") for row in consents
    )
    assert sum(1 for row in consents if row["withdrawn_at"]) == 1
    assert {row["given_by"] for row in consents} == {"Sie selbst", "–"}
    amendments = {row["proposed_text"]: row for row in sections["amendments"]["records"]}
    assert set(amendments) == {"Mehr Sprachkurse am Abend", "Elterncafé in jeder Kita"}
    assert amendments["Elterncafé in jeder Kita"]["number"] == "Vorschlag 7"
    assert amendments["Mehr Sprachkurse am Abend"]["number"] == "Entwurf"
    attempt = sections["throttling"]["records"][0]
    assert (attempt["ip_address"], attempt["user_agent"]) == (
        "198.51.100.23",
        "Mozilla/5.0 Testbrowser",
    )
    feedback = sections["accessibility_feedback"]["records"][0]
    assert feedback["message"] == "Die Schrift ist zu klein."
    assert feedback["replies"][0]["text"] == "Wir prüfen das."

    # Another member's data is not in it.
    for foreign in ("Max Geheim", "Fremder Vorschlag", "Fremde Rückmeldung", "max@example.org"):
        assert foreign not in raw

    # Art. 15 Abs. 1 Buchst. a–h from the register: purposes, legal bases, recipients, periods.
    processings = {entry["key"]: entry for entry in report["processings"]}
    assert {"accounts", "memberships", "amendments", "throttling", "feedback"} <= set(processings)
    assert "nach 30 Tagen gelöscht" in processings["throttling"]["retention"]
    assert "Art. 6 Abs. 1 Buchst. a DSGVO" in processings["memberships"]["legal_basis"]
    assert any("Art. 15 DSGVO" in right for right in report["rights"])
    assert report["complaint"]["email"] == "poststelle@ldi.nrw.de"


def test_the_readable_page_shows_the_same(client, ayse, someone_else):
    client.force_login(ayse)

    response = client.get(PAGE)

    content = response.content.decode()
    assert response.status_code == 200
    for value in (
        "Elterncafé in jeder Kita",
        "Vorschlag 7",
        "Moscheeverein Minden",
        "Mein Name darf öffentlich genannt werden.",
        "198.51.100.23",
        "Die Schrift ist zu klein.",
        "Art. 77 DSGVO",
        f'href="{DOWNLOAD}"',
    ):
        assert value in content, value
    assert "Max Geheim" not in content
    assert_sound_page(content)


def test_my_account_links_to_the_report(client, ayse):
    client.force_login(ayse)
    assert f'href="{PAGE}"' in client.get("/konto/").content.decode()


@pytest.mark.parametrize("path", [PAGE, DOWNLOAD])
def test_anonymous_visitors_are_sent_to_the_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


def test_the_query_count_does_not_grow_with_the_data(ayse, group):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            personal_data_for_user(user=ayse).as_json()
        return len(captured)

    few = queries()
    for number in range(3):
        membership = MembershipFactory(
            working_group=WorkingGroupFactory(name=f"Gruppe {number}"), user=ayse, name="Ayşe"
        )
        membership_consent_give(membership=membership, how=ConsentHow.FORM, by=ayse)
        AmendmentFactory(author=ayse, proposed_text=f"Vorschlag {number}")
        reply_to = AccessibilityFeedback.objects.create(message="Noch was", email=ayse.email)
        FeedbackReply.objects.create(
            feedback=reply_to,
            kind="interim",
            text="Danke",
            answer_by=timezone.localdate(),
            sent_at=timezone.now(),
        )
    assert queries() == few


# --- in the admin: the officer's, for anyone; never the clerks' -------------------------------


def report_url(obj, suffix="") -> str:
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_personal_data{suffix}"
    return reverse(name, args=[obj.pk])


def test_the_officer_produces_the_report_for_a_member(client, officer, ayse):
    client.force_login(officer)

    change = client.get(reverse("admin:auth_user_change", args=[ayse.pk])).content.decode()
    page = client.get(report_url(ayse))
    download = client.get(report_url(ayse, "_download"))

    assert f'href="{report_url(ayse)}"' in change
    assert page.status_code == 200
    assert "Elterncafé in jeder Kita" in page.content.decode()
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(download.content)["subject"]["email"] == "ayse@example.org"
    # Who produced a report, and when, is logged on the account.
    assert LogEntry.objects.filter(user=officer, object_id=str(ayse.pk)).count() == 2


def test_the_officer_produces_it_for_a_participant_without_an_account(client, officer, group):
    participant = MembershipFactory(
        working_group=group,
        user=None,
        name="Hanna Beispiel",
        organisation=OrganisationFactory(name="Kirchengemeinde St. Marien"),
    )
    membership_consent_give(membership=participant, how=ConsentHow.ADMIN, by=officer)
    MembershipFactory(working_group=group, user=None, name="Jemand Anderes")
    client.force_login(officer)

    change = client.get(reverse("admin:workgroups_membership_change", args=[participant.pk]))
    page = client.get(report_url(participant))
    report = json.loads(client.get(report_url(participant, "_download")).content)

    assert f'href="{report_url(participant)}"' in change.content.decode()
    content = page.content.decode()
    assert page.status_code == 200
    assert "Hanna Beispiel" in content and "Kirchengemeinde St. Marien" in content
    assert "Jemand Anderes" not in content
    assert report["subject"] == {
        "kind": "participant",
        "name": "Hanna Beispiel",
        "working_group": "Bildung und Erziehung",
    }
    sections = {section["key"]: section for section in report["sections"]}
    assert sections["memberships"]["records"][0]["organisation"] == "Kirchengemeinde St. Marien"
    consent = sections["consent_records"]["records"][0]
    assert consent["given_how"] == "von der Verwaltung erfasst"
    assert consent["given_by"] == "die Verwaltung"


def test_the_clerk_cannot_produce_it_for_anyone(client, clerk, ayse, group):
    participant = MembershipFactory(working_group=group, user=None, name="Hanna Beispiel")
    client.force_login(clerk)

    for obj in (ayse, participant):
        assert client.get(report_url(obj)).status_code == 403
        assert client.get(report_url(obj, "_download")).status_code == 403
    change = client.get(reverse("admin:workgroups_membership_change", args=[participant.pk]))
    assert change.status_code == 200
    assert report_url(participant) not in change.content.decode()


def test_the_officer_cannot_produce_it_for_an_account_of_the_administration(client, officer, clerk):
    client.force_login(officer)
    assert client.get(report_url(clerk)).status_code == 403
    staff_membership = MembershipFactory(user=clerk)
    assert client.get(report_url(staff_membership)).status_code == 403


def test_a_superuser_produces_it_for_a_staff_account(client, clerk):
    client.force_login(UserFactory(username="root@example.org", is_staff=True, is_superuser=True))
    report = json.loads(client.get(report_url(clerk, "_download")).content)
    sections = {section["key"]: section for section in report["sections"]}
    assert sections["account"]["processing"] == "staff"
    assert sections["account"]["records"][0]["roles"] == "Ratsbüro"
