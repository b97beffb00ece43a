import datetime as dt
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from minden_integration.accounts.throttling import client_ip
from tests.factories import UserFactory
from tests.second_factor import confirmed_device, totp_code

PASSWORD = "correct horse battery staple"
HOME = "10.0.0.1"
ELSEWHERE = "10.0.0.2"


@pytest.fixture
def person(db):
    return UserFactory(username="mitglied@example.org")


def _login(client, password, *, address=HOME, username="mitglied@example.org"):
    return client.post(
        "/konto/anmelden/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _fail(client, times, **kwargs):
    return [_login(client, "falsch", **kwargs).status_code for _ in range(times)]


def test_the_fifth_failure_locks_the_account_for_that_address(client, person):
    assert _fail(client, 4) == [400, 400, 400, 400]
    fifth = _login(client, "falsch")
    assert fifth.status_code == 429
    sixth = _login(client, PASSWORD)
    assert sixth.status_code == 429
    content = sixth.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in content
    assert "für 15 Minuten gesperrt" in content
    assert "nicht dauerhaft gesperrt" in content
    assert content.count("<h1") == 1
    assert "_auth_user_id" not in client.session


def test_the_lock_does_not_touch_another_address(client, person):
    _fail(client, 5)
    assert _login(client, PASSWORD).status_code == 429
    response = _login(client, PASSWORD, address=ELSEWHERE)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_the_lock_does_not_touch_another_account_from_the_same_address(client, person):
    other = UserFactory(username="andere@example.org")
    _fail(client, 5)
    response = _login(client, PASSWORD, username=other.username)
    assert response.status_code == 302


def test_the_email_case_does_not_buy_more_attempts(client, person):
    for username in ("Mitglied@example.org", "MITGLIED@example.org", "mitglied@EXAMPLE.org"):
        _login(client, "falsch", username=username)
    _fail(client, 2)
    assert _login(client, PASSWORD).status_code == 429


def test_login_works_again_after_the_cool_off(client, person):
    _fail(client, 5)
    assert _login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_attempts_during_the_lock_do_not_extend_it(client, person):
    _fail(client, 5)
    locked_at = AccessAttempt.objects.get().attempt_time
    _fail(client, 3)
    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_the_page_says_how_many_minutes_are_left(client, person):
    _fail(client, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=14, seconds=30))
    content = _login(client, PASSWORD).content.decode()
    assert "für eine Minute gesperrt" in content


def test_a_success_resets_the_count(client, person):
    _fail(client, 4)
    assert _login(client, PASSWORD).status_code == 302
    client.post("/konto/abmelden/")
    assert _fail(client, 4) == [400, 400, 400, 400]
    assert _login(client, PASSWORD).status_code == 302


def test_no_record_of_successful_logins_is_kept(client, person):
    assert _login(client, PASSWORD).status_code == 302
    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_the_password_is_never_recorded(client, person):
    _fail(client, 1)
    attempt = AccessAttempt.objects.get()
    assert "falsch" not in attempt.post_data


def test_the_admin_login_is_throttled_too(client, officer):
    officer.set_password(PASSWORD)
    officer.save()
    data = {"username": officer.username, "password": "falsch", "next": "/admin/"}
    statuses = [client.post("/admin/login/", data, REMOTE_ADDR=HOME).status_code for _ in range(5)]
    assert statuses[:4] == [200] * 4
    assert statuses[4] == 429
    data["password"] = PASSWORD
    locked = client.post("/admin/login/", data, REMOTE_ADDR=HOME)
    assert locked.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in locked.content.decode()
    assert client.post("/admin/login/", data, REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_the_admin_login_still_works_and_then_asks_for_the_second_factor(client, officer):
    officer.set_password(PASSWORD)
    officer.save()
    device = confirmed_device(officer)
    response = client.post(
        "/admin/login/", {"username": officer.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == "/konto/zweiter-faktor/?next=%2Fadmin%2F"
    client.post("/konto/zweiter-faktor/", {"code": totp_code(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_authenticate_needs_a_request_so_client_login_passes_one(client, person):
    assert client.login(
        request=RequestFactory().get("/"), username=person.username, password=PASSWORD
    )


def _records(username, *, days_old):
    """One record of each kind; attempt_time is set on insert, so it is moved back after."""
    common = {"user_agent": "x", "ip_address": HOME, "http_accept": "*/*", "path_info": "/"}
    rows = [
        AccessAttempt.objects.create(
            username=username, get_data="", post_data="", failures_since_start=5, **common
        ),
        AccessLog.objects.create(username=username, **common),
        AccessFailureLog.objects.create(username=username, locked_out=False, **common),
    ]
    when = timezone.now() - dt.timedelta(days=days_old)
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(attempt_time=when)


def test_records_older_than_30_days_are_removed(db):
    _records("alt31@example.org", days_old=31)
    _records("alt29@example.org", days_old=29)
    out = StringIO()
    call_command("accounts_expire_throttling", stdout=out)
    assert "3 Aufzeichnung(en) entfernt." in out.getvalue()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert list(model.objects.values_list("username", flat=True)) == ["alt29@example.org"]


def test_the_retention_can_be_given_in_days(db):
    _records("a@example.org", days_old=3)
    call_command("accounts_expire_throttling", "--days", "2", stdout=StringIO())
    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize(
    "count,forwarded,expected",
    [
        (0, "203.0.113.9", "192.0.2.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.7", "203.0.113.9"),
        (2, "203.0.113.9", "192.0.2.1"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, count, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().post(
        "/konto/anmelden/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_ip(request) == expected
