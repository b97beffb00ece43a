"""Login throttling: per address across accounts a lock, per account across addresses a growing
wait (never a lock) and one email to the owner."""

import datetime as dt
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone

from minden_integration.accounts.models import LoginFailures
from minden_integration.accounts.throttling import client_ip, wait_after
from tests.factories import UserFactory
from tests.second_factor import confirmed_device, totp_code

PASSWORD = "correct horse battery staple"
HOME = "10.0.0.1"
ELSEWHERE = "10.0.0.2"
ATTACKER = "198.51.100.66"


@pytest.fixture
def person(db):
    return UserFactory(username="mitglied@example.org", email="mitglied@example.org")


def _login(client, password, *, address=HOME, username="mitglied@example.org", **extra):
    return client.post(
        "/konto/anmelden/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def _fail(client, times, **kwargs):
    return [_login(client, "falsch", **kwargs).status_code for _ in range(times)]


def _wait_passes(seconds=3600):
    """Moves the accounts' last failures back, as if the wait had passed."""
    earlier = F("last_failure_at") - dt.timedelta(seconds=seconds)
    LoginFailures.objects.update(last_failure_at=earlier)


def _lock_address(client, address=HOME):
    """Twenty failures from one address, on names that are no accounts."""
    statuses = [
        _login(client, "falsch", address=address, username=f"niemand{n}@example.org").status_code
        for n in range(20)
    ]
    assert statuses == [400] * 19 + [429]


def test_the_wait_grows_from_the_fourth_failure_up_to_the_cap(settings):
    settings.PORTAL_LOGIN_WAIT_MAX_SECONDS = 300
    waits = [wait_after(failures) for failures in range(1, 14)]
    assert waits == [0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert wait_after(10**9) == 300


def test_spraying_from_one_address_is_locked_and_the_victim_elsewhere_still_logs_in(client, db):
    victims = [UserFactory(username=f"konto{n}@example.org") for n in range(10)]
    statuses = [
        _login(client, f"Passwort{round_}", address=ATTACKER, username=victim.username).status_code
        for round_ in range(4)
        for victim in victims
    ]
    assert statuses[:19] == [400] * 19
    assert set(statuses[19:]) == {429}
    locked = _login(client, PASSWORD, address=ATTACKER, username=victims[0].username)
    assert locked.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    response = _login(client, PASSWORD, address=HOME, username=victims[0].username)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(victims[0].pk)


def test_the_lock_is_per_address(client, person):
    _lock_address(client)
    assert _login(client, PASSWORD).status_code == 429
    assert _login(client, PASSWORD, address=ELSEWHERE).status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_failures_on_one_account_from_many_addresses_never_lock_it(
    client, person, django_capture_on_commit_callbacks
):
    """Twenty failures from twenty addresses: each try waits a little longer, the owner is told
    once, and logs in from home as soon as the wait has passed."""
    statuses = []
    for n in range(20):
        with django_capture_on_commit_callbacks(execute=True):
            statuses.append(_login(client, "falsch", address=f"203.0.113.{n + 1}").status_code)
        _wait_passes()
    assert statuses == [400] * 20
    assert LoginFailures.objects.get().failures == 20

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mitglied@example.org"]
    assert message.subject == "Fehlgeschlagene Anmeldeversuche bei Ihrem Konto"
    assert "Ihr Konto ist nicht gesperrt" in message.body
    assert "/konto/passwort-vergessen/" in message.body

    _login(client, "falsch", address="203.0.113.99")
    waiting = _login(client, PASSWORD)
    assert waiting.status_code == 429
    assert int(waiting["Retry-After"]) == 300
    content = " ".join(waiting.content.decode().split())
    assert "Bitte warten Sie 300 Sekunden" in content
    assert "Das Konto ist nicht gesperrt" in content
    assert "_auth_user_id" not in client.session

    _wait_passes(301)
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    assert len(mail.outbox) == 1
    assert not LoginFailures.objects.exists()


def test_tries_during_the_wait_neither_check_the_password_nor_count(client, person):
    assert _fail(client, 4) == [400] * 4
    assert _login(client, PASSWORD, address=ELSEWHERE).status_code == 429
    assert _fail(client, 3, address=ELSEWHERE) == [429] * 3
    assert LoginFailures.objects.get().failures == 4
    _wait_passes(2)
    assert _login(client, PASSWORD, address=ELSEWHERE).status_code == 302


def test_the_owner_is_not_told_of_failures_from_one_address(
    client, person, django_capture_on_commit_callbacks
):
    for _n in range(12):
        with django_capture_on_commit_callbacks(execute=True):
            _login(client, "falsch")
        _wait_passes()
    assert LoginFailures.objects.get().failures == 12
    assert mail.outbox == []


def test_names_that_are_no_accounts_wait_alike_and_mail_nobody(
    client, db, django_capture_on_commit_callbacks
):
    for n in range(12):
        with django_capture_on_commit_callbacks(execute=True):
            _login(client, "falsch", address=f"203.0.113.{n + 1}", username="niemand@example.org")
        _wait_passes()
    _login(client, "falsch", address="203.0.113.50", username="niemand@example.org")
    response = _login(client, "falsch", address=HOME, username="niemand@example.org")
    assert response.status_code == 429
    assert mail.outbox == []


def test_the_email_case_does_not_buy_more_attempts(client, person):
    for username in ("Mitglied@example.org", "MITGLIED@example.org", "mitglied@EXAMPLE.org"):
        _login(client, "falsch", username=username)
    _fail(client, 1)
    assert _login(client, PASSWORD).status_code == 429


def test_login_works_again_after_the_cool_off(client, person):
    _lock_address(client)
    assert _login(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_attempts_during_the_lock_do_not_extend_it(client, db):
    _lock_address(client)
    times = set(AccessAttempt.objects.values_list("attempt_time", flat=True))
    for n in range(3):
        _login(client, "falsch", username=f"niemand{n}@example.org")
    assert set(AccessAttempt.objects.values_list("attempt_time", flat=True)) == times


def test_the_page_says_how_many_minutes_are_left(client, person):
    _lock_address(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=14, seconds=30))
    content = " ".join(_login(client, PASSWORD).content.decode().split())
    assert "für eine Minute gesperrt" in content
    assert "von Ihrem Anschluss aus" in content


def test_the_lock_page_says_it_ends_by_itself(client, person):
    _lock_address(client)
    response = _login(client, PASSWORD)
    content = " ".join(response.content.decode().split())
    assert "für 15 Minuten gesperrt" in content
    assert "kein Konto wird dauerhaft gesperrt" in content
    assert content.count("<h1") == 1


def test_a_success_forgives_only_the_failures_with_that_account(client, person):
    other = UserFactory(username="andere@example.org")
    _fail(client, 3, username=other.username)
    assert _fail(client, 3) == [400] * 3
    assert _login(client, PASSWORD).status_code == 302
    assert list(LoginFailures.objects.values_list("failures", flat=True)) == [3]
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {other.username}
    client.post("/konto/abmelden/")
    assert _fail(client, 3) == [400] * 3
    assert _login(client, PASSWORD).status_code == 302


def test_a_sprayer_cannot_clear_the_address_with_an_account_of_their_own(client, db):
    own = UserFactory(username="eigenes@example.org")
    for n in range(19):
        _login(client, "falsch", address=ATTACKER, username=f"konto{n}@example.org")
    assert _login(client, PASSWORD, address=ATTACKER, username=own.username).status_code == 302
    client.post("/konto/abmelden/")
    again = _login(client, "falsch", address=ATTACKER, username="konto0@example.org")
    assert again.status_code == 429


def test_no_record_of_successful_logins_is_kept(client, person):
    assert _login(client, PASSWORD).status_code == 302
    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()
    assert not LoginFailures.objects.exists()


def test_neither_the_password_nor_the_name_nor_the_address_is_kept_for_the_wait(client, person):
    _fail(client, 1)
    attempt = AccessAttempt.objects.get()
    assert "falsch" not in attempt.post_data
    record = LoginFailures.objects.get()
    stored = f"{record.account_key} {record.address_keys}"
    assert "mitglied" not in stored and HOME not in stored


def test_the_admin_login_is_throttled_too(client, officer):
    officer.set_password(PASSWORD)
    officer.save()
    data = {"username": officer.username, "password": "falsch", "next": "/admin/"}
    statuses = [client.post("/admin/login/", data, REMOTE_ADDR=HOME).status_code for _ in range(5)]
    assert statuses == [200] * 4 + [429]
    data["password"] = PASSWORD
    waiting = client.post("/admin/login/", data, REMOTE_ADDR=ELSEWHERE)
    assert waiting.status_code == 429
    assert "Bitte warten Sie" in waiting.content.decode()
    _wait_passes(2)
    assert client.post("/admin/login/", data, REMOTE_ADDR=ELSEWHERE).status_code == 302


def test_the_admin_login_locks_an_address_too(client, officer):
    officer.set_password(PASSWORD)
    officer.save()
    for n in range(20):
        data = {"username": f"niemand{n}", "password": "falsch", "next": "/admin/"}
        client.post("/admin/login/", data, REMOTE_ADDR=HOME)
    data = {"username": officer.username, "password": PASSWORD, "next": "/admin/"}
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


def test_an_accounts_failures_are_forgotten_after_a_day(client, person):
    _fail(client, 4)
    assert _login(client, PASSWORD).status_code == 429
    LoginFailures.objects.update(last_failure_at=timezone.now() - dt.timedelta(hours=25))
    assert _fail(client, 3) == [400] * 3
    assert LoginFailures.objects.get().failures == 3
    LoginFailures.objects.update(last_failure_at=timezone.now() - dt.timedelta(hours=25))
    call_command("accounts_expire_throttling", stdout=StringIO())
    assert not LoginFailures.objects.exists()


def test_the_counts_of_ended_windows_are_removed(client, db):
    from minden_integration.core.limits import rate_hit
    from minden_integration.core.models import RateCounter

    earlier = timezone.now() - dt.timedelta(hours=2)
    rate_hit(scope="feedback", key=HOME)
    rate_hit(scope="feedback", key=HOME, now=earlier)
    assert RateCounter.objects.count() == 2
    call_command("accounts_expire_throttling", stdout=StringIO())
    assert RateCounter.objects.get().window_start > earlier


@pytest.mark.parametrize(
    "count,forwarded,expected",
    [
        (0, "203.0.113.9", "192.0.2.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.7", "203.0.113.9"),
        # fewer entries than proxies: the leftmost, never the proxy's own address
        (2, "203.0.113.9", "203.0.113.9"),
        (1, "", "192.0.2.1"),
        # what the proxy appended is no address: the connection's
        (1, "6.6.6.6, kein-wert", "192.0.2.1"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, count, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().post(
        "/konto/anmelden/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert client_ip(request) == expected


def test_a_connection_from_elsewhere_than_the_proxies_is_its_own_address(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    settings.PORTAL_TRUSTED_PROXIES = ["192.0.2.0/29"]
    through = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    direct = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(through) == "6.6.6.6"
    assert client_ip(direct) == "198.51.100.7"


def test_behind_one_proxy_a_rotating_forwarded_for_locks_the_real_address(client, db, settings):
    """The client writes what it likes left of the proxy's entry; the proxy's entry counts."""
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    proxy = "10.9.9.9"
    for n in range(20):
        _login(
            client,
            "falsch",
            address=proxy,
            username=f"konto{n}@example.org",
            HTTP_X_FORWARDED_FOR=f"172.16.0.{n}, {ATTACKER}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}
    victim = UserFactory(username="opfer@example.org")
    spoofed = f"203.0.113.200, {ATTACKER}"
    blocked = _login(
        client, PASSWORD, address=proxy, username=victim.username, HTTP_X_FORWARDED_FOR=spoofed
    )
    assert blocked.status_code == 429
    response = _login(
        client, PASSWORD, address=proxy, username=victim.username, HTTP_X_FORWARDED_FOR=HOME
    )
    assert response.status_code == 302
