import datetime as dt
import zoneinfo

import pytest
from django.core import mail

from concept import events
from concept.models import VersionStatus
from concept.services import version_transition
from tests.factories import MembershipFactory, SectionFactory, UserFactory, VersionFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
DEADLINE = dt.datetime(2031, 6, 30, 18, 0, tzinfo=BERLIN)


@pytest.fixture
def version(group):
    version = VersionFactory(concept=group.concept, number=3, title="Zweiter Entwurf")
    SectionFactory(version=version)
    return version


def _open(version, capture):
    with capture(execute=True):
        version_transition(
            version=version, to=VersionStatus.CONSULTATION, consultation_ends_at=DEADLINE
        )


def test_members_are_emailed_once_with_the_deadline(
    version, group, django_capture_on_commit_callbacks
):
    from tests.factories import WorkingGroupFactory

    second_group = WorkingGroupFactory(concept=group.concept, slug="arbeit", name="Arbeit")
    both = UserFactory(username="beide@example.org")
    one = UserFactory(username="eine@example.org")
    MembershipFactory(working_group=group, user=both)
    MembershipFactory(working_group=second_group, user=both)
    MembershipFactory(working_group=second_group, user=one)
    MembershipFactory(working_group=group, user=None, name="Ohne Konto")
    _open(version, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == ["beide@example.org", "eine@example.org"]
    assert all(len(m.to) == 1 for m in mail.outbox)
    message = mail.outbox[0]
    assert message.subject == "Version 3 des Integrationskonzepts ist in Beteiligung"
    assert "bis 30. Juni 2031, 18:00 Uhr" in message.body
    assert "http://testserver/konzept/v3/" in message.body
    assert "„Zweiter Entwurf“" in message.body


def test_nobody_outside_the_concept_or_inactive_is_emailed(
    version, group, django_capture_on_commit_callbacks
):
    from tests.factories import WorkingGroupFactory

    elsewhere = WorkingGroupFactory(slug="anderswo")
    MembershipFactory(working_group=elsewhere, user=UserFactory(username="fremd@example.org"))
    MembershipFactory(
        working_group=group, user=UserFactory(username="inaktiv@example.org", is_active=False)
    )
    UserFactory(username="kein-mitglied@example.org")
    _open(version, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_emails_leave_only_after_commit(version, group, django_capture_on_commit_callbacks):
    MembershipFactory(working_group=group, user=UserFactory(username="m@example.org"))
    with django_capture_on_commit_callbacks() as callbacks:
        version_transition(
            version=version, to=VersionStatus.CONSULTATION, consultation_ends_at=DEADLINE
        )
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["m@example.org"]]


def test_emails_are_german_even_from_the_english_admin(
    version, group, django_capture_on_commit_callbacks
):
    from django.utils import translation

    MembershipFactory(working_group=group, user=UserFactory(username="m@example.org"))
    with translation.override("en"):
        _open(version, django_capture_on_commit_callbacks)
    assert "ist in Beteiligung" in mail.outbox[0].body
    assert "/konzept/v3/" in mail.outbox[0].body
    assert "/en/" not in mail.outbox[0].body


def test_example_versions_email_nobody(version, group, django_capture_on_commit_callbacks):
    version.is_example = True
    version.save()
    MembershipFactory(working_group=group, user=UserFactory(username="m@example.org"))
    _open(version, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_close_by_deadline_emails_nobody(version, group, django_capture_on_commit_callbacks):
    from concept.services import consultations_close_expired

    MembershipFactory(working_group=group, user=UserFactory(username="m@example.org"))
    _open(version, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert consultations_close_expired(now=DEADLINE + dt.timedelta(minutes=1)) == 1
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTATION_CLOSED
    assert version.consultation_closed_at == DEADLINE
    assert mail.outbox == []


def test_workgroups_registers_its_listeners():
    assert "workgroups-members" in events.consultation_opened_listeners
    assert "workgroups-members" in events.consultation_ended_early_listeners


def test_concept_does_not_import_workgroups():
    import ast
    from pathlib import Path

    for path in Path("concept").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not [n for n in names if n.split(".")[0] in {"workgroups", "measures"}], path


def test_one_refused_address_does_not_stop_the_others(
    version, group, monkeypatch, django_capture_on_commit_callbacks
):
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    class Refusing(EmailBackend):
        def send_messages(self, messages):
            if messages[0].to == ["a@example.org"]:
                raise smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no")})
            return super().send_messages(messages)

    class Mailers:
        @property
        def default(self):
            return Refusing()

    monkeypatch.setattr("workgroups.notifications.mailers", Mailers())
    for name in ("a@example.org", "b@example.org"):
        MembershipFactory(working_group=group, user=UserFactory(username=name))
    _open(version, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
