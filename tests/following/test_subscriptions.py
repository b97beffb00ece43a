"""Email subscriptions without an account: double opt-in with signed links whose GET changes
nothing, a weekly digest only to confirmed subscribers with news, one-click unsubscribe
(RFC 8058), German pages for a link used twice, expired or altered, and the purge."""

import datetime as dt
import email.policy
import io
import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from minden_integration.core.personal_data import DataSubject, personal_data_purge
from minden_integration.following import digests
from minden_integration.following.digests import digests_deliver
from minden_integration.following.models import Subscription, SubscriptionTarget
from minden_integration.following.personal_data import subscription_sections
from minden_integration.following.tokens import confirm_token, unsubscribe_token
from tests.factories import ProgressUpdateFactory, UserFactory

ADDRESS = "leserin@example.org"


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """POST the form; the confirmation goes out once the request's transaction commits."""

    def post(path="/benachrichtigungen/massnahmen/7/", email=ADDRESS):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, {"email": email})

    return post


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """The digests; each batch is sent once its transaction commits."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return digests_deliver(**kwargs)

    return run


def link(message, kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/benachrichtigungen/{kind}/[^/\s]+/)", message.body)[1]


def test_subscribe_confirm_digest_and_one_click_unsubscribe(client, subscribe, deliver, world):
    response = subscribe()
    assert response.status_code == 302
    sent = client.get(response["Location"])
    assert "an die angegebene Adresse" in sent.content.decode()
    assert ADDRESS not in sent.content.decode()
    assert "nach 7 Tagen gelöscht" in sent.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.target == SubscriptionTarget.MEASURE and not subscription.is_confirmed
    (confirmation,) = mail.outbox
    assert confirmation.to == [ADDRESS]
    assert "Maßnahme 7" in confirmation.body
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    confirm_path = link(confirmation, "bestaetigen")

    # Opening the link (a mail scanner does) shows the button and changes nothing.
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode() and ADDRESS not in page.content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_confirmed

    assert client.post(confirm_path).status_code == 200
    subscription.refresh_from_db()
    assert subscription.is_confirmed

    # What was published before the confirmation is old; nothing new: no digest.
    mail.outbox = []
    assert deliver() == 0 and mail.outbox == []
    update = ProgressUpdateFactory(measure=world["measure"], note="Zehn neue Kurse.")
    ProgressUpdateFactory(measure=world["other"], note="Andere Maßnahme.")
    assert deliver() == 1
    (digest,) = mail.outbox
    assert digest.to == [ADDRESS]
    assert "Maßnahme 7: in Umsetzung" in digest.body
    assert "/massnahmen/7/#progress-heading" in digest.body
    assert "Andere Maßnahme" not in digest.body and "Maßnahme 8" not in digest.body
    unsubscribe_path = link(digest, "abmelden")
    header = digest.extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://") or header.startswith("<http://")
    assert header.endswith(f"{unsubscribe_path}>")
    # As the SMTP backend writes it: on one line, not folded into encoded words.
    raw = digest.message(policy=email.policy.SMTP).as_bytes().decode()
    assert f"\r\nList-Unsubscribe: {header}\r\n" in raw
    assert "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw
    assert update.pk

    # Nothing new since: the next run sends nothing.
    assert deliver() == 0

    # A GET of the unsubscribe link changes nothing.
    assert client.get(unsubscribe_path).status_code == 200
    assert Subscription.objects.filter(pk=subscription.pk).exists()

    # RFC 8058: a POST with the one-click body, no CSRF token, from the mail program.
    one_click = client.__class__(enforce_csrf_checks=True)
    response = one_click.post(
        unsubscribe_path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    # Used twice: a German page, and nothing to change.
    again = one_click.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 410
    assert "Diese Anmeldung besteht nicht mehr" in again.content.decode()


def test_an_unconfirmed_address_never_receives_a_digest(client, subscribe, deliver, world):
    subscribe("/benachrichtigungen/")
    Subscription.objects.update(created_at=timezone.now() - dt.timedelta(days=3))
    ProgressUpdateFactory(measure=world["measure"])
    mail.outbox = []
    assert deliver() == 0
    assert mail.outbox == []


def test_the_concept_digest_holds_the_concept_news(client, subscribe, deliver, world):
    subscribe("/benachrichtigungen/")
    subscription = Subscription.objects.get()
    assert subscription.target == SubscriptionTarget.CONCEPT
    Subscription.objects.update(confirmed_at=timezone.now() - dt.timedelta(days=3))
    mail.outbox = []
    assert deliver() == 1
    body = mail.outbox[0].body
    assert "Version 1: Beteiligung beendet" in body
    assert "Integrationsrat: empfohlen (Version 1)" in body
    assert "Vorschlag 1 zu Version 1: Angenommen" in body


def test_the_weekly_command_queues_the_digests_for_the_worker(
    subscribe, world, tasks_run, django_capture_on_commit_callbacks
):
    subscribe("/benachrichtigungen/arbeitsgruppen/bildung/")
    Subscription.objects.update(confirmed_at=timezone.now() - dt.timedelta(days=3))
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "Arbeitsgruppe „Bildung und Erziehung“" in mail.outbox[0].subject


def test_a_confirmation_link_used_twice_changes_nothing(client, subscribe, deliver, world):
    subscribe()
    confirm_path = link(mail.outbox[0], "bestaetigen")
    assert client.post(confirm_path).status_code == 200
    confirmed_at = Subscription.objects.get().confirmed_at
    for response in (client.get(confirm_path), client.post(confirm_path)):
        assert response.status_code == 409
        assert "bereits bestätigt" in response.content.decode()
    assert Subscription.objects.get().confirmed_at == confirmed_at


def _backdated(make, key, days):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - days * 86400):
        return make(key)


@pytest.mark.parametrize("method", ["get", "post"])
def test_expired_and_altered_links_give_a_german_page_and_change_nothing(
    client, subscribe, deliver, world, method
):
    subscribe()
    subscription = Subscription.objects.get()
    expired = _backdated(confirm_token, subscription.key, 8)
    altered = confirm_token(subscription.key)[:-2] + "xx"
    other_salt = unsubscribe_token(subscription.key)
    send = getattr(client, method)
    response = send(f"/benachrichtigungen/bestaetigen/{expired}/")
    assert response.status_code == 410
    assert "Dieser Link ist abgelaufen" in response.content.decode()
    for token in (altered, other_salt):
        response = send(f"/benachrichtigungen/bestaetigen/{token}/")
        assert response.status_code == 400
        assert "Dieser Link ist ungültig" in response.content.decode()
    assert not Subscription.objects.get().is_confirmed

    response = send(f"/benachrichtigungen/abmelden/{altered}/")
    assert response.status_code == 400
    old = _backdated(unsubscribe_token, subscription.key, 400)
    assert send(f"/benachrichtigungen/abmelden/{old}/").status_code == 410
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_bad_input_is_answered_in_german_with_the_form(client, subscribe, deliver, world):
    response = subscribe(email="keine-adresse")
    assert response.status_code == 400
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein." in response.content.decode()
    assert not Subscription.objects.exists() and mail.outbox == []
    assert client.post("/benachrichtigungen/massnahmen/999/", {"email": ADDRESS}).status_code == 404


def test_the_form_cannot_flood_a_mailbox(client, subscribe, deliver, world):
    for path in (
        "/benachrichtigungen/",
        "/benachrichtigungen/massnahmen/7/",
        "/benachrichtigungen/massnahmen/8/",
    ):
        assert subscribe(path).status_code == 302
    response = subscribe("/benachrichtigungen/arbeitsgruppen/bildung/")
    assert response.status_code == 429 and "Retry-After" in response
    assert "zu viele Anmeldungen" in response.content.decode()
    assert len(mail.outbox) == 3 and Subscription.objects.count() == 3


def test_subscribing_again_renews_an_unconfirmed_one_and_leaves_a_confirmed_one(
    client, subscribe, deliver, world
):
    subscribe()
    first = link(mail.outbox[0], "bestaetigen")
    subscribe(email=ADDRESS.upper())
    assert Subscription.objects.count() == 1 and len(mail.outbox) == 2
    # Only the newest link confirms.
    assert client.post(first).status_code == 410
    assert client.post(link(mail.outbox[1], "bestaetigen")).status_code == 200
    subscribe()
    assert len(mail.outbox) == 2 and Subscription.objects.get().is_confirmed


def test_the_purge_deletes_unconfirmed_subscriptions_after_their_period(
    client, subscribe, deliver, world
):
    for path in ("/benachrichtigungen/", "/benachrichtigungen/massnahmen/7/"):
        subscribe(path)
    old, young = Subscription.objects.order_by("pk")
    now = timezone.now()
    Subscription.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(days=7, hours=1))
    Subscription.objects.filter(pk=young.pk).update(created_at=now - dt.timedelta(days=6))
    confirmed = Subscription.objects.create(
        email="alt@example.org",
        target=SubscriptionTarget.CONCEPT,
        concept=world["concept"],
        created_at=now - dt.timedelta(days=400),
        confirmed_at=now - dt.timedelta(days=399),
    )
    counts = personal_data_purge(now=now)
    assert counts["unconfirmed_subscriptions"] == 1
    assert set(Subscription.objects.values_list("pk", flat=True)) == {young.pk, confirmed.pk}


def test_the_report_and_the_privacy_page_name_the_subscriptions(client, subscribe, deliver, world):
    subscribe()
    sections = subscription_sections(DataSubject(user=None, memberships=[], emails=[ADDRESS]))
    assert [row["subject"] for row in sections[0].rows] == ["Maßnahme 7: Sprachcafé"]
    assert sections[0].processing == "subscriptions"
    # The person's own report (Art. 15) finds it by the account's address.
    client.force_login(UserFactory(username=ADDRESS))
    report = client.get("/konto/auskunft/").content.decode()
    assert "Benachrichtigungen per E-Mail" in report and "Maßnahme 7: Sprachcafé" in report
    client.logout()
    privacy = client.get("/datenschutz/").content.decode()
    assert "Benachrichtigungen per E-Mail" in privacy
    assert "nach 7 Tagen gelöscht" in privacy


def _confirmed(world, count, *, days_ago=3):
    return [
        Subscription.objects.create(
            email=f"person{index}@example.org",
            target=SubscriptionTarget.MEASURE,
            concept=world["concept"],
            measure=world["measure"],
            confirmed_at=timezone.now() - dt.timedelta(days=days_ago),
        )
        for index in range(count)
    ]


def test_digests_go_out_in_batches_one_mail_per_subscription(deliver, world):
    _confirmed(world, 5)
    ProgressUpdateFactory(measure=world["measure"])
    ProgressUpdateFactory(measure=world["measure"])
    with mock.patch(
        "minden_integration.following.digests._send_batch",
        wraps=digests._send_batch,
    ) as send:
        assert deliver(batch=2) == 5
    assert [len(call.args[0]) for call in send.call_args_list] == [2, 2, 1]
    assert sorted(message.to[0] for message in mail.outbox) == [
        f"person{index}@example.org" for index in range(5)
    ]
    assert Subscription.objects.filter(last_digest_at__isnull=True).count() == 0


def test_a_batch_the_mail_server_refuses_is_sent_with_the_next_run(deliver, world):
    (subscription,) = _confirmed(world, 1)
    ProgressUpdateFactory(measure=world["measure"])
    refusing = mock.MagicMock()
    refusing.default.__enter__.side_effect = OSError("connection refused")
    with mock.patch("minden_integration.following.digests.mailers", refusing):
        assert deliver() == 1
    assert mail.outbox == []
    subscription.refresh_from_db()
    assert subscription.last_digest_at is None
    assert deliver() == 1 and len(mail.outbox) == 1
