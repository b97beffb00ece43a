"""The officer's moderation in the admin: the queue, single and bulk decisions with a public
reasoning, the author's email after commit, working amendments into the next draft, the start
page's worklist and the audit trail."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from concept.models import Amendment, AmendmentStatus, ConceptVersion, Section, VersionStatus
from concept.services import (
    amendment_decide,
    amendment_review_start,
    amendment_submit,
    amendments_forget_author_name,
    version_create_next,
    version_present,
    version_transition,
)
from minden_integration.roles import OFFICER
from tests.concept.conftest import bring_to, version_with_sections
from tests.factories import AmendmentFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/concept/amendment/"


def submitted(version, *, section=None, text="Elterncafés in allen Stadtteilen.", email=None):
    section = section or version.sections.first()
    author = UserFactory(email=email or f"autor{Amendment.objects.count()}@example.org")
    amendment = AmendmentFactory(section=section, author=author, proposed_text=text)
    return amendment_submit(
        amendment=amendment,
        by=author,
        organisation_name="Elternverein",
        working_group_name="Bildung und Erziehung",
        author_name="Ayşe Demir",
    )


@pytest.fixture
def consultation(concept):
    version = version_with_sections(concept)
    bring_to(version, VersionStatus.CONSULTATION)
    return version


def next_after_closing(version):
    """The next version is drafted once the consultation has ended (its own step)."""
    version_transition(version=version, to=VersionStatus.CONSULTATION_CLOSED)
    return version_create_next(version=version)


def decide_url(amendment):
    return reverse("admin:concept_amendment_decide", args=[amendment.pk])


# --- single decisions -------------------------------------------------------------------------


def test_officer_decides_an_amendment_and_the_author_is_emailed_after_commit(
    officer_client, officer, consultation, django_capture_on_commit_callbacks
):
    amendment = submitted(consultation, email="ayse@example.org")
    page = officer_client.get(decide_url(amendment))
    assert page.status_code == 200
    assert "Elterncafés in allen Stadtteilen." in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = officer_client.post(
            decide_url(amendment),
            {
                "status": "accepted",
                "reasoning": "Passt zu Maßnahme 12.",
                "adopted_text": "",
                "seen_lock_version": amendment.lock_version,
            },
        )
    assert response.status_code == 302
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED
    assert amendment.decision_reasoning == "Passt zu Maßnahme 12."
    assert amendment.decided_by == officer
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ayse@example.org"]
    assert "Angenommen" in message.subject
    assert "Passt zu Maßnahme 12." in message.body
    assert f"/konzept/v{consultation.number}/vorschlaege/#vorschlag-{amendment.pk}" in message.body


def test_no_email_leaves_before_the_decision_commits(officer, consultation):
    amendment = submitted(consultation)
    amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Nein.")
    assert mail.outbox == []  # the test's transaction never commits


def test_a_partial_acceptance_needs_the_adopted_text(officer_client, consultation):
    amendment = submitted(consultation)
    response = officer_client.post(
        decide_url(amendment),
        {
            "status": "partially_accepted",
            "reasoning": "Zum Teil.",
            "adopted_text": " ",
            "seen_lock_version": amendment.lock_version,
        },
    )
    assert response.status_code == 400
    assert "Bitte geben Sie bei teilweiser Annahme die übernommene Fassung an." in (
        response.content.decode()
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED


def test_a_partial_acceptance_stores_the_adopted_text(officer_client, consultation):
    amendment = submitted(consultation)
    officer_client.post(
        decide_url(amendment),
        {
            "status": "partially_accepted",
            "reasoning": "Der erste Satz wird übernommen.",
            "adopted_text": "Elterncafés in drei Stadtteilen.",
            "seen_lock_version": amendment.lock_version,
        },
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PARTIALLY_ACCEPTED
    assert amendment.adopted_text == "Elterncafés in drei Stadtteilen."


def test_a_decision_without_reasoning_is_refused(officer_client, consultation):
    amendment = submitted(consultation)
    response = officer_client.post(
        decide_url(amendment),
        {"status": "rejected", "reasoning": "", "seen_lock_version": amendment.lock_version},
    )
    assert response.status_code == 400
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED


def test_a_decision_on_a_changed_amendment_is_refused_and_nothing_is_overwritten(
    officer_client, officer, consultation
):
    amendment = submitted(consultation)
    seen = amendment.lock_version
    amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Erste.")
    response = officer_client.post(
        decide_url(amendment),
        {"status": "accepted", "reasoning": "Zweite.", "seen_lock_version": seen},
        follow=True,
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.REJECTED
    assert amendment.decision_reasoning == "Erste."
    assert "bereits entschieden" in response.content.decode()


def test_a_stale_form_on_an_amendment_still_in_review_gets_the_conflict_message(
    officer_client, officer, consultation
):
    amendment = submitted(consultation)
    seen = amendment.lock_version
    amendment_review_start(amendment=amendment, by=officer)  # someone else took it meanwhile
    response = officer_client.post(
        decide_url(amendment),
        {"status": "accepted", "reasoning": "Gut.", "seen_lock_version": seen},
        follow=True,
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.IN_REVIEW
    assert "wurde inzwischen anders entschieden oder er wurde geändert" in (
        response.content.decode()
    )


def test_clerks_may_not_decide(clerk_client, consultation):
    amendment = submitted(consultation)
    assert clerk_client.get(decide_url(amendment)).status_code == 403
    response = clerk_client.post(
        decide_url(amendment),
        {"status": "accepted", "reasoning": "x", "seen_lock_version": amendment.lock_version},
    )
    assert response.status_code == 403
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED


def test_the_change_page_offers_deciding_only_while_undecided(
    officer_client, officer, consultation
):
    amendment = submitted(consultation)
    url = reverse("admin:concept_amendment_change", args=[amendment.pk])
    assert decide_url(amendment) in officer_client.get(url).content.decode()
    amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Nein.")
    assert decide_url(amendment) not in officer_client.get(url).content.decode()


# --- the queue and bulk decisions -------------------------------------------------------------


def test_the_queue_lists_undecided_amendments_by_version_section_and_age(
    officer_client, officer, consultation
):
    first, second = consultation.sections.in_order()
    late = submitted(consultation, section=second)
    early = submitted(consultation, section=first)
    decided = submitted(consultation, section=first)
    amendment_decide(amendment=decided, by=officer, status="rejected", reasoning="Nein.")
    Amendment.objects.filter(pk=early.pk).update(submitted_at=timezone.now() - dt.timedelta(days=3))
    response = officer_client.get(CHANGELIST + "?moderation=offen")
    shown = [a.pk for a in response.context["cl"].result_list]
    assert shown == [early.pk, late.pk]  # section order, then age
    assert "vor 3 Tagen" in response.content.decode()


def bulk(client, amendments, **data):
    return client.post(
        CHANGELIST,
        {"action": "decide_many", "_selected_action": [a.pk for a in amendments], **data},
    )


def test_bulk_decision_with_one_reasoning(
    officer_client, consultation, django_capture_on_commit_callbacks
):
    amendments = [submitted(consultation) for _ in range(3)]
    confirm = bulk(officer_client, amendments)
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "Vorschläge gemeinsam entscheiden" in body
    seen = ",".join(f"{a.pk}:{a.lock_version}" for a in amendments)
    assert seen in body

    with django_capture_on_commit_callbacks(execute=True):
        response = bulk(
            officer_client,
            amendments,
            apply="1",
            status="rejected",
            reasoning="Bereits in Maßnahme 3 enthalten.",
            seen=seen,
        )
    assert response.status_code == 302
    for amendment in amendments:
        amendment.refresh_from_db()
        assert amendment.status == AmendmentStatus.REJECTED
        assert amendment.decision_reasoning == "Bereits in Maßnahme 3 enthalten."
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.author.email for a in amendments)


def test_bulk_decision_refuses_all_when_one_changed_meanwhile(
    officer_client, officer, consultation
):
    amendments = [submitted(consultation) for _ in range(2)]
    seen = ",".join(f"{a.pk}:{a.lock_version}" for a in amendments)
    amendment_review_start(amendment=amendments[1], by=officer)
    response = bulk(
        officer_client, amendments, apply="1", status="accepted", reasoning="Gut.", seen=seen
    )
    assert response.status_code == 302
    statuses = set(Amendment.objects.values_list("status", flat=True))
    assert statuses == {AmendmentStatus.SUBMITTED, AmendmentStatus.IN_REVIEW}
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Es wurde nichts entschieden" in m for m in messages)


def test_bulk_decision_offers_no_partial_acceptance_and_needs_a_reasoning(
    officer_client, consultation
):
    amendments = [submitted(consultation) for _ in range(2)]
    seen = ",".join(f"{a.pk}:{a.lock_version}" for a in amendments)
    for data in (
        {"status": "partially_accepted", "reasoning": "Teilweise."},
        {"status": "accepted", "reasoning": "   "},
    ):
        response = bulk(officer_client, amendments, apply="1", seen=seen, **data)
        assert response.status_code == 400
    assert set(Amendment.objects.values_list("status", flat=True)) == {"submitted"}


def test_bulk_decision_refuses_a_selection_with_decided_amendments(
    officer_client, officer, consultation
):
    amendments = [submitted(consultation) for _ in range(2)]
    amendment_decide(amendment=amendments[0], by=officer, status="rejected", reasoning="Nein.")
    response = bulk(officer_client, amendments)
    assert response.status_code == 302
    amendments[1].refresh_from_db()
    assert amendments[1].status == AmendmentStatus.SUBMITTED


# --- the next version -------------------------------------------------------------------------


def test_accepted_amendments_are_shown_beside_their_sections_and_worked_in(
    officer_client, officer, consultation
):
    section = consultation.sections.in_order()[1]
    amendment = submitted(consultation, section=section, text="Neu: Sprachcafés.")
    amendment_decide(amendment=amendment, by=officer, status="accepted", reasoning="Gut.")
    draft = next_after_closing(consultation)
    consultation.refresh_from_db()
    assert consultation.status == VersionStatus.CONSULTATION_CLOSED

    version_page = officer_client.get(
        reverse("admin:concept_conceptversion_change", args=[draft.pk])
    ).content.decode()
    work_in = reverse("admin:concept_amendment_work_in", args=[amendment.pk])
    assert work_in in version_page
    assert "Neu: Sprachcafés." in version_page

    target = draft.sections.get(key=section.key)
    form = officer_client.get(work_in)
    assert form.status_code == 200
    response = officer_client.post(
        work_in, {"body": target.body + "\n\nNeu: Sprachcafés.", "seen_body": target.body}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    amendment.refresh_from_db()
    assert target.body.endswith("Neu: Sprachcafés.")
    assert amendment.incorporated_in == draft
    assert Section.objects.get(pk=section.pk).body == section.body  # the old version untouched


def test_working_in_over_a_changed_section_is_refused(officer_client, officer, consultation):
    section = consultation.sections.first()
    amendment = submitted(consultation, section=section)
    amendment_decide(amendment=amendment, by=officer, status="accepted", reasoning="Gut.")
    draft = next_after_closing(consultation)
    target = draft.sections.get(key=section.key)
    Section.objects.filter(pk=target.pk).update(body="Jemand anderes hat geändert.")
    response = officer_client.post(
        reverse("admin:concept_amendment_work_in", args=[amendment.pk]),
        {"body": "Meine Fassung", "seen_body": target.body},
        follow=True,
    )
    target.refresh_from_db()
    amendment.refresh_from_db()
    assert target.body == "Jemand anderes hat geändert."
    assert amendment.incorporated_in is None
    assert "Der Abschnitt wurde inzwischen geändert." in response.content.decode()


def test_a_rejected_amendment_cannot_be_worked_in(officer_client, officer, consultation):
    amendment = submitted(consultation)
    amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Nein.")
    draft = next_after_closing(consultation)
    target = draft.sections.get(key=amendment.section.key)
    officer_client.post(
        reverse("admin:concept_amendment_work_in", args=[amendment.pk]),
        {"body": "x", "seen_body": target.body},
    )
    amendment.refresh_from_db()
    target.refresh_from_db()
    assert amendment.incorporated_in is None
    assert target.body != "x"


# --- the start page ---------------------------------------------------------------------------


def test_the_start_page_shows_what_waits(officer_client, officer, concept, consultation):
    submitted(consultation)
    submitted(consultation)
    waiting = version_with_sections(concept)
    ConceptVersion.objects.filter(pk=consultation.pk).update(
        consultation_ends_at=timezone.now() + dt.timedelta(days=3)
    )
    page = officer_client.get("/admin/").content.decode()
    assert "Was ansteht" in page
    assert f"Version {consultation.number}: 2 Vorschläge" in page
    assert "endet bald" in page
    assert f"?moderation=offen&amp;version__id__exact={consultation.pk}" in page
    assert "wartet auf" not in page

    # Nothing undecided goes to the bodies: the amendments to the version before are decided.
    for amendment in consultation.amendments.all():
        amendment_decide(amendment=amendment, by=officer, status="rejected", reasoning="Nein.")
    version_present(version=waiting, council_paper_reference="DS 1/2026")
    page = officer_client.get("/admin/").content.decode()
    assert "wartet auf: Ergebnisse der Beratungen in den Gremien" in page
    assert "nächste Beratung: Integrationsrat (Vorberatung), noch ohne Termin" in page


# --- the audit trail --------------------------------------------------------------------------


def test_the_audit_trail_records_who_decided_and_clerks_read_it(
    officer_client, officer, clerk, consultation
):
    amendment = submitted(consultation)
    officer_client.post(
        decide_url(amendment),
        {"status": "rejected", "reasoning": "Nein.", "seen_lock_version": amendment.lock_version},
    )
    latest = amendment.history.order_by("-history_id").first()
    assert latest.status == AmendmentStatus.REJECTED
    assert latest.history_user == officer
    statuses = list(amendment.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["draft", "submitted", "in_review", "rejected"]

    reader = Client()
    reader.force_login(clerk)
    page = reader.get(reverse("admin:concept_amendment_history", args=[amendment.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert officer.get_username() in body
    assert "Abgelehnt" in body


def test_the_audit_trail_records_version_moves_with_their_user(officer_client, officer, concept):
    version = version_with_sections(concept)
    council, advisory = concept.bodies.get(kind="council"), concept.bodies.get(kind="advisory")
    officer_client.post(
        reverse("admin:concept_conceptversion_move", args=[version.pk, "council_review"]),
        {
            "council_paper_reference": "DS 1/2026",
            "presented_on": timezone.localdate().isoformat(),
            "plan-TOTAL_FORMS": "2",
            "plan-INITIAL_FORMS": "0",
            "plan-0-body_role": f"{advisory.pk}:preliminary",
            "plan-0-step": "1",
            "plan-1-body_role": f"{council.pk}:decision",
            "plan-1-step": "2",
        },
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.COUNCIL_REVIEW
    record = version.history.order_by("-history_id").first()
    assert record.status == VersionStatus.COUNCIL_REVIEW
    assert record.history_user == officer
    beratung = version.consultations.get(body=council)
    assert beratung.history.get().history_user == officer


def test_the_audit_trail_cannot_revert(officer, consultation):
    amendment = submitted(consultation)
    record = amendment.history.order_by("history_id").first()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(superuser)
    url = reverse("admin:concept_amendment_simple_history", args=[amendment.pk, record.pk])
    client.post(url, {"kind": amendment.kind, "_save": "1"})
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED


def test_withdrawn_consent_removes_the_name_from_the_audit_trail_too(consultation):
    amendment = submitted(consultation)
    assert amendment.history.exclude(author_name="").exists()
    amendments_forget_author_name(user=amendment.author)
    assert not amendment.history.exclude(author_name="").exists()
    amendment.refresh_from_db()
    assert amendment.author_name == ""


def test_the_officer_role_has_the_audit_trail(roles):
    officer_group = Group.objects.get(name=OFFICER)
    assert officer_group.permissions.filter(codename="view_historicalamendment").exists()
