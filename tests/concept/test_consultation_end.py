"""Ending a consultation early is its own confirmed step: it names the days left and the
undecided amendments, records the actual end beside the planned one and emails the members
once, after commit. "Nächste Version anlegen" refuses while a consultation runs and points to
that step. Clerks see the pages' results but take no step."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from concept.models import Amendment, AmendmentStatus, ConceptVersion, VersionStatus
from concept.services import consultations_close_expired, version_transition
from tests.concept.test_admin import (
    admin_url,
    draft_with_section,
    frozen_version,
    future_local,
    messages_of,
    move_url,
)
from tests.factories import (
    AmendmentFactory,
    MembershipFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

EIGHT_WEEKS = dt.timedelta(weeks=8)


def local_day(moment) -> str:
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


@pytest.fixture
def running():
    """A consultation with eight weeks left: until 18:00 on the 56th day from today."""
    version = draft_with_section(title="Zweiter Entwurf")
    day = timezone.localdate() + EIGHT_WEEKS
    return version_transition(
        version=version,
        to=VersionStatus.CONSULTATION,
        consultation_ends_at=timezone.make_aware(dt.datetime.combine(day, dt.time(18, 0))),
    )


@pytest.fixture
def members(running):
    group = WorkingGroupFactory(concept=running.concept, slug="bildung")
    other = WorkingGroupFactory(concept=running.concept, slug="arbeit")
    both = UserFactory(username="beide@example.org")
    MembershipFactory(working_group=group, user=both)
    MembershipFactory(working_group=other, user=both)
    MembershipFactory(working_group=other, user=UserFactory(username="eine@example.org"))
    MembershipFactory(working_group=group, user=None, name="Ohne Konto")
    return ["beide@example.org", "eine@example.org"]


def end_url(version) -> str:
    return move_url(version, VersionStatus.CONSULTATION_CLOSED)


def test_the_confirmation_names_the_days_left_and_the_undecided_amendments(officer_client, running):
    section = running.sections.get()
    waiting = [
        AmendmentFactory(section=section, status=status, submitted_at=timezone.now())
        for status in (AmendmentStatus.SUBMITTED, AmendmentStatus.IN_REVIEW)
    ]
    AmendmentFactory(section=section, status=AmendmentStatus.DRAFT)

    page = officer_client.get(end_url(running))

    assert page.status_code == 200
    content = page.content.decode()
    assert page.context["days_left"] == 56
    assert f"Die Beteiligung läuft noch 56 Tage, bis {local_day(running.consultation_ends_at)}" in (
        content
    )
    assert "2 eingereichte Vorschläge sind noch nicht entschieden." in content
    for amendment in waiting:
        assert f'<a href="{admin_url(Amendment, "change", amendment.pk)}">' in content
    assert len(page.context["undecided"]) == 2
    running.refresh_from_db()
    assert running.status == VersionStatus.CONSULTATION


def test_ending_early_records_the_end_and_emails_each_member_once(
    officer_client, running, members, django_capture_on_commit_callbacks
):
    planned = running.consultation_ends_at
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(end_url(running))
    with django_capture_on_commit_callbacks(execute=True):
        again = officer_client.post(end_url(running))

    assert response.status_code == again.status_code == 302
    running.refresh_from_db()
    assert running.status == VersionStatus.CONSULTATION_CLOSED
    assert before <= running.consultation_closed_at <= timezone.now()
    assert running.consultation_ends_at == planned
    assert sorted(m.to[0] for m in mail.outbox) == members
    assert all(len(m.to) == 1 for m in mail.outbox)
    message = mail.outbox[0]
    assert message.subject == f"Die Beteiligung zu Version {running.number} ist vorzeitig beendet"
    expected = f"beendet am {local_day(before)}, vorgesehen bis {local_day(planned)}"
    assert expected in message.body
    assert f"/konzept/v{running.number}/" in message.body
    assert any(expected in m for m in messages_of(response))
    page = officer_client.get(admin_url(ConceptVersion, "change", running.pk))
    assert expected in page.content.decode()
    listing = officer_client.get(admin_url(ConceptVersion, "changelist"))
    assert expected in listing.content.decode()


def test_the_emails_leave_only_after_commit(
    officer_client, running, members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        officer_client.post(end_url(running))

    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == len(members)


def test_the_close_by_deadline_is_not_the_early_end(
    officer_client, running, members, django_capture_on_commit_callbacks
):
    planned = running.consultation_ends_at

    with django_capture_on_commit_callbacks(execute=True):
        assert consultations_close_expired(now=planned + dt.timedelta(hours=1)) == 1

    running.refresh_from_db()
    assert running.consultation_closed_at == planned
    assert mail.outbox == []
    page = officer_client.get(admin_url(ConceptVersion, "change", running.pk)).content.decode()
    assert f"beendet am {local_day(planned)}" in page
    assert "vorgesehen bis" not in page


def test_ending_after_the_deadline_ends_it_at_the_deadline_and_emails_nobody(
    officer_client, running, members, django_capture_on_commit_callbacks
):
    passed = timezone.now() - dt.timedelta(hours=2)
    ConceptVersion.objects.filter(pk=running.pk).update(consultation_ends_at=passed)

    page = officer_client.get(end_url(running))
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(end_url(running))

    assert page.context["days_left"] == 0
    assert "Die Frist ist am" in page.content.decode()
    running.refresh_from_db()
    assert running.status == VersionStatus.CONSULTATION_CLOSED
    assert running.consultation_closed_at == passed
    assert mail.outbox == []


def test_example_versions_email_nobody_when_ended_early(
    officer_client, running, members, django_capture_on_commit_callbacks
):
    ConceptVersion.objects.filter(pk=running.pk).update(is_example=True)

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(end_url(running))

    running.refresh_from_db()
    assert running.status == VersionStatus.CONSULTATION_CLOSED
    assert mail.outbox == []


# --- the next version -------------------------------------------------------------------------


def test_next_version_during_consultation_is_refused_with_the_pointer_to_the_early_end(
    officer_client, running
):
    next_url = reverse("admin:concept_conceptversion_next", args=[running.pk])

    shown = officer_client.get(next_url)
    posted = officer_client.post(next_url, {"title": "Dritter Entwurf"})
    action = officer_client.post(
        admin_url(ConceptVersion, "changelist"),
        {"action": "create_next_version", "_selected_action": [running.pk]},
    )

    for response in (shown, posted, action):
        assert response.status_code == 302
        shown_messages = " ".join(messages_of(response))
        assert "läuft noch bis" in shown_messages
        assert f'<a href="{end_url(running)}">Beteiligung vorzeitig beenden</a>' in (shown_messages)
    assert shown["Location"] == admin_url(ConceptVersion, "change", running.pk)
    assert ConceptVersion.objects.filter(concept=running.concept).count() == 1
    running.refresh_from_db()
    assert running.status == VersionStatus.CONSULTATION


def test_next_version_page_no_longer_promises_to_end_a_consultation(officer_client):
    version = frozen_version()

    page = officer_client.get(reverse("admin:concept_conceptversion_next", args=[version.pk]))

    assert page.status_code == 200
    assert "Beteiligung wird beendet" not in page.content.decode()


# --- clerks -----------------------------------------------------------------------------------


def test_a_clerk_gets_403_on_every_workflow_post(clerk_client, running):
    presented = frozen_version()
    consultation = presented.consultations.in_order().first()
    resolution = draft_with_section(concept=presented.concept)
    ConceptVersion.objects.filter(pk=resolution.pk).update(resolution_of=presented)
    urls = [
        move_url(running, VersionStatus.CONSULTATION_CLOSED),
        move_url(draft_with_section(), VersionStatus.CONSULTATION),
        move_url(draft_with_section(), VersionStatus.COUNCIL_REVIEW),
        reverse("admin:concept_conceptversion_next", args=[presented.pk]),
        reverse(
            "admin:concept_conceptversion_consultation_record",
            args=[presented.pk, consultation.pk],
        ),
        reverse(
            "admin:concept_conceptversion_consultation_unplan",
            args=[presented.pk, consultation.pk],
        ),
        reverse("admin:concept_conceptversion_resolution_fix", args=[resolution.pk]),
    ]

    for url in urls:
        assert clerk_client.get(url).status_code == 403, url
        data = {
            "consultation_ends_at": future_local(14),
            "held_on": timezone.localdate().isoformat(),
            "result": "recommended",
            "council_paper_reference": "DS 1/2026",
        }
        assert clerk_client.post(url, data).status_code == 403, url

    running.refresh_from_db()
    assert running.status == VersionStatus.CONSULTATION
    consultation.refresh_from_db()
    assert not consultation.is_held
    assert presented.consultations.count() == 2
    page = clerk_client.get(admin_url(ConceptVersion, "change", presented.pk)).content.decode()
    assert "Ergebnis festhalten" not in page
    assert "Beratungsfolge" in page
