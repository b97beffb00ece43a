"""`manage.py purge_personal_data` deletes exactly what is past its period: for each kind, a row
just outside its period goes, one just inside stays (and what has no end yet stays)."""

import datetime as dt
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from minden_integration.accounts.models import ProfileVisit
from minden_integration.core.personal_data import personal_data_purge, retention_rules
from minden_integration.site.models import AccessibilityFeedback, FeedbackReply, FeedbackStatus
from tests.factories import InvitationFactory, MembershipFactory, UserFactory
from workgroups.consents import ConsentHow, ConsentRecord
from workgroups.models import Invitation
from workgroups.services import membership_consent_give, membership_consent_withdraw

NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)


def days_ago(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


@pytest.fixture
def periods(settings):
    settings.PORTAL_RETENTION_THROTTLING_DAYS = 30
    settings.PORTAL_RETENTION_FEEDBACK_DAYS = 1095
    settings.PORTAL_RETENTION_INVITATION_DAYS = 90
    settings.PORTAL_RETENTION_PROFILE_VISIT_DAYS = 365
    settings.PORTAL_RETENTION_CONSENT_DAYS = 1095
    return settings


def test_every_kind_of_personal_data_has_a_rule():
    assert {rule.key for rule in retention_rules()} == {
        "throttling",
        "sessions",
        "profile_visits",
        "invitations",
        "consent_records",
        "accessibility_feedback",
        "unconfirmed_subscriptions",
    }


def _throttling(username: str, when: dt.datetime) -> None:
    common = {"user_agent": "Firefox", "ip_address": "192.0.2.7", "http_accept": "*/*"}
    attempt = AccessAttempt.objects.create(
        username=username,
        get_data="",
        post_data="",
        failures_since_start=3,
        path_info="/",
        **common,
    )
    log = AccessFailureLog.objects.create(
        username=username, locked_out=False, path_info="/", **common
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=when)
    AccessFailureLog.objects.filter(pk=log.pk).update(attempt_time=when)


def test_throttling_records(db, periods):
    _throttling("alt@example.org", days_ago(30) - SECOND)
    _throttling("grenze@example.org", days_ago(30))
    _throttling("neu@example.org", days_ago(30) + SECOND)

    assert personal_data_purge(now=NOW)["throttling"] == 2

    for model in (AccessAttempt, AccessFailureLog):
        assert set(model.objects.values_list("username", flat=True)) == {
            "grenze@example.org",
            "neu@example.org",
        }


def _session(expires: dt.datetime) -> str:
    store = SessionStore()
    store["_auth_user_id"] = "1"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
    return store.session_key


def test_expired_sessions(db, periods):
    _session(NOW - SECOND)
    current = _session(NOW + SECOND)

    assert personal_data_purge(now=NOW)["sessions"] == 1

    assert list(Session.objects.values_list("session_key", flat=True)) == [current]


def test_profile_visits(db, periods):
    old = ProfileVisit.objects.create(user=UserFactory(), seen_at=days_ago(365) - SECOND)
    kept = ProfileVisit.objects.create(user=UserFactory(), seen_at=days_ago(365) + SECOND)

    assert personal_data_purge(now=NOW)["profile_visits"] == 1

    assert list(ProfileVisit.objects.all()) == [kept]
    assert old.user.__class__.objects.filter(pk=old.user_id).exists()  # the account stays


def test_invitations_used_replaced_or_expired(db, periods):
    limit = days_ago(90)
    expected_gone = [
        InvitationFactory(used_at=limit - SECOND),
        InvitationFactory(revoked_at=limit - SECOND),
        InvitationFactory(expires_at=limit - SECOND),
    ]
    kept = [
        InvitationFactory(used_at=limit + SECOND),
        InvitationFactory(revoked_at=limit + SECOND),
        InvitationFactory(expires_at=limit + SECOND),
        InvitationFactory(expires_at=NOW + dt.timedelta(days=3)),  # still open
    ]

    assert personal_data_purge(now=NOW)["invitations"] == 3

    assert set(Invitation.objects.all()) == set(kept)
    for invitation in expected_gone:
        assert invitation.membership.__class__.objects.filter(pk=invitation.membership_id).exists()


def test_records_of_withdrawn_consents(db, periods):
    gone, kept, in_force = (MembershipFactory(name=name) for name in ("A", "B", "C"))
    for membership, withdrawn in ((gone, days_ago(1095) - SECOND), (kept, days_ago(1095) + SECOND)):
        membership_consent_give(
            membership=membership, how=ConsentHow.ADMIN, by=None, now=days_ago(2000)
        )
        membership_consent_withdraw(
            membership=membership, how=ConsentHow.ADMIN, by=None, now=withdrawn
        )
    membership_consent_give(membership=in_force, how=ConsentHow.ADMIN, by=None, now=days_ago(4000))

    assert personal_data_purge(now=NOW)["consent_records"] == 1

    assert set(ConsentRecord.objects.values_list("membership", flat=True)) == {kept.pk, in_force.pk}


def _feedback(*, answered_at=None, created_days_ago=2000) -> AccessibilityFeedback:
    feedback = AccessibilityFeedback.objects.create(message="Kontrast zu schwach")
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(
        created_at=days_ago(created_days_ago),
        status=FeedbackStatus.ANSWERED if answered_at else FeedbackStatus.RECEIVED,
        answered_at=answered_at,
    )
    if answered_at:
        FeedbackReply.objects.create(
            feedback=feedback, kind="answer", text="Behoben.", sent_at=answered_at
        )
    return feedback


def test_answered_accessibility_feedback_with_its_replies(db, periods):
    _feedback(answered_at=days_ago(1095) - SECOND)
    kept = _feedback(answered_at=days_ago(1095) + SECOND)
    still_open = _feedback(created_days_ago=3000)

    # The feedback and its reply.
    assert personal_data_purge(now=NOW)["accessibility_feedback"] == 2

    assert set(AccessibilityFeedback.objects.all()) == {kept, still_open}
    assert list(FeedbackReply.objects.values_list("feedback", flat=True)) == [kept.pk]


def test_the_periods_are_the_settings(db, periods):
    periods.PORTAL_RETENTION_PROFILE_VISIT_DAYS = 10
    ProfileVisit.objects.create(user=UserFactory(), seen_at=days_ago(11))
    ProfileVisit.objects.create(user=UserFactory(), seen_at=days_ago(9))

    assert personal_data_purge(now=NOW)["profile_visits"] == 1


def test_the_command_says_what_it_deleted_per_kind(db, periods):
    ProfileVisit.objects.create(user=UserFactory(), seen_at=timezone.now() - dt.timedelta(days=400))
    out = StringIO()

    call_command("purge_personal_data", stdout=out)

    lines = out.getvalue().splitlines()
    assert "Besuche von „Mein Konto“: 1 gelöscht (Frist 365 Tage)." in lines
    assert "Aufzeichnungen des Anmeldeschutzes: 0 gelöscht (Frist 30 Tage)." in lines
    assert "Abgelaufene Sitzungen: 0 gelöscht (abgelaufen)." in lines
    assert len(lines) == len(retention_rules())
