"""The accessibility feedback is limited per address, in a store every process shares, and the
officers get at most a day's cap of feedback mails."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection

from minden_integration.core.models import RateCounter
from minden_integration.site.models import AccessibilityFeedback
from minden_integration.site.pages import pages_ensure

URL = "/barrierefreiheit/"
HOME = "192.0.2.10"
OTHER = "192.0.2.20"
TIMEOUT = 60


def send(client, text="Der Kontrast im Menü ist zu schwach.", address=HOME):
    return client.post(URL, {"message": text}, REMOTE_ADDR=address)


@pytest.fixture
def officer_with_address(officer):
    officer.email = "integration@minden.example"
    officer.save()
    return officer


def test_the_sixth_feedback_within_an_hour_waits_and_keeps_the_text(
    client, db, officer_with_address, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [send(client, f"Barriere {n}").status_code for n in range(5)]
        assert statuses == [302] * 5
        refused = send(client, "Mein sorgfältig geschriebener Bericht über die Tabelle")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    content = " ".join(refused.content.decode().split())
    assert "schon mehrere Rückmeldungen gekommen" in content
    assert "Ihr Text steht noch im Formular" in content
    assert "Mein sorgfältig geschriebener Bericht über die Tabelle</textarea>" in content
    assert AccessibilityFeedback.objects.count() == 5
    assert len(mail.outbox) == 5

    assert send(client, address=OTHER).status_code == 302


def test_the_counts_keep_no_address(client, db):
    send(client)
    counter = RateCounter.objects.get(scope="feedback")
    assert HOME not in counter.key and len(counter.key) == 64


def test_invalid_feedback_does_not_use_up_the_limit(client, db):
    for _n in range(6):
        assert client.post(URL, {"message": ""}, REMOTE_ADDR=HOME).status_code == 400
    assert send(client).status_code == 302


def test_the_officers_get_at_most_the_days_cap_of_mails(
    client, db, settings, officer_with_address, django_capture_on_commit_callbacks
):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "feedback-mail": (2, 86400)}
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(4):
            assert send(client, f"Barriere {n}", address=f"198.51.100.{n + 1}").status_code == 302
    assert AccessibilityFeedback.objects.count() == 4
    subjects = [message.subject for message in mail.outbox]
    assert subjects == [
        "Rückmeldung zur Barrierefreiheit",
        "Rückmeldung zur Barrierefreiheit",
        "Viele Rückmeldungen zur Barrierefreiheit",
    ]
    assert "Tageshöchstzahl von 2 E-Mails" in mail.outbox[2].body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two processes on one database")
@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_across_two_processes(client):
    pages_ensure()
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    root = Path(__file__).resolve().parents[2]
    other = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("feedback_sender.py")), HOME, "5"],
        cwd=root,
        env={**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert other.stdout.split() == ["302"] * 5
    assert AccessibilityFeedback.objects.count() == 5

    assert send(client).status_code == 429
    assert AccessibilityFeedback.objects.count() == 5
    assert send(client, address=OTHER).status_code == 302
