import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve

from tests.accounts.conftest import assert_sound_page
from tests.factories import UserFactory
from tests.second_factor import confirmed_device, totp_code

PASSWORD = "correct horse battery staple"


@pytest.fixture
def person(db):
    return UserFactory(username="mitglied@example.org")


def _login(client, username, password=PASSWORD, **extra):
    return client.post("/konto/anmelden/", {"username": username, "password": password}, **extra)


@pytest.mark.parametrize(
    "path",
    [
        "/konto/anmelden/",
        "/konto/passwort-vergessen/",
        "/konto/passwort-vergessen/gesendet/",
        "/konto/passwort-neu/fertig/",
        "/konto/passwort-neu/MQ/ungueltig-123/",
        "/en/konto/anmelden/",
    ],
)
def test_public_account_pages_have_one_h1_and_labelled_fields(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_sound_page(response.content.decode())


@pytest.mark.parametrize(
    "path",
    ["/konto/", "/konto/passwort/", "/konto/passwort/geaendert/", "/konto/loeschen/"],
)
def test_member_pages_need_a_login(client, member, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/?next=")
    client.force_login(member)
    response = client.get(path)
    assert response.status_code == 200
    assert_sound_page(response.content.decode())


def test_login_page_is_german_and_says_there_is_no_registration(client, db):
    content = client.get("/konto/anmelden/").content.decode()
    assert "<h1>Anmelden</h1>" in content
    assert 'for="id_username"' in content
    label = r'<label[^>]*for="id_username"[^>]*>\s*E-Mail-Adresse oder Benutzername'
    assert re.search(label, content)
    assert "eine offene Registrierung gibt es nicht" in " ".join(content.split())


def test_login_with_the_email_in_any_case_then_logout(client, person):
    response = _login(client, "Mitglied@Example.ORG")
    assert response.status_code == 302
    assert response["Location"] == "/mitmachen/"
    assert client.session["_auth_user_id"] == str(person.pk)
    assert client.get("/konto/abmelden/").status_code == 405  # logout is POST only
    response = client.post("/konto/abmelden/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert "Sie sind abgemeldet." in client.get("/").content.decode()


def test_login_follows_a_safe_next_only(client, person):
    response = client.post(
        "/konto/anmelden/?next=/konto/",
        {"username": person.username, "password": PASSWORD, "next": "/konto/"},
    )
    assert response["Location"] == "/konto/"
    client.post("/konto/abmelden/")
    response = client.post(
        "/konto/anmelden/",
        {"username": person.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/mitmachen/"


@pytest.mark.parametrize("role", ["officer", "clerk"])
def test_staff_land_on_the_admin_start_page_and_see_the_way_there(client, request, role):
    staff = request.getfixturevalue(role)
    staff.set_password(PASSWORD)
    staff.save()
    device = confirmed_device(staff)
    response = _login(client, staff.username)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    # The second factor before the admin opens (tests/accounts/test_two_factor.py).
    assert client.get("/admin/")["Location"] == "/konto/zweiter-faktor/?next=%2Fadmin%2F"
    client.post("/konto/zweiter-faktor/", {"code": totp_code(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200
    header = client.get("/").content.decode()
    assert '<a href="/admin/">Verwaltung</a>' in header
    # Already logged in, the login page sends staff on to their start page too.
    assert client.get("/konto/anmelden/")["Location"] == "/admin/"


def test_staff_follow_a_safe_next_and_members_see_no_way_to_the_admin(client, officer, member):
    officer.set_password(PASSWORD)
    officer.save()
    response = client.post(
        "/konto/anmelden/?next=/konto/",
        {"username": officer.username, "password": PASSWORD, "next": "/konto/"},
    )
    assert response["Location"] == "/konto/"
    client.force_login(member)
    assert "Verwaltung" not in client.get("/").content.decode()
    assert 'href="/admin/"' not in client.get("/").content.decode()


def test_a_wrong_password_gets_a_german_message_and_400(client, person):
    response = _login(client, person.username, "falsch")
    assert response.status_code == 400
    assert "Anmeldename oder Passwort stimmen nicht." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_header_shows_login_or_account_and_logout(client, member):
    anonymous = client.get("/").content.decode()
    assert 'href="/konto/anmelden/">Anmelden</a>' in anonymous
    assert "Abmelden" not in anonymous
    client.force_login(member)
    content = client.get("/").content.decode()
    assert 'href="/konto/">Mein Konto</a>' in content
    assert re.search(
        r'<form method="post" action="/konto/abmelden/"[^>]*>\s*<input type="hidden"'
        r' name="csrfmiddlewaretoken"',
        content,
    )
    assert "Abmelden</button>" in content
    assert 'href="/konto/anmelden/"' not in content
    assert_sound_page(content)


def test_header_is_english_on_english_pages(client, member):
    assert 'href="/en/konto/anmelden/">Log in</a>' in client.get("/en/").content.decode()
    client.force_login(member)
    content = client.get("/en/").content.decode()
    assert 'href="/en/konto/">My account</a>' in content
    assert "Log out</button>" in content


def test_no_registration_url_exists(client, db):
    for path in (
        "/konto/registrieren/",
        "/konto/registrierung/",
        "/konto/signup/",
        "/konto/register/",
        "/accounts/signup/",
        "/accounts/register/",
    ):
        assert client.get(path).status_code == 404, path
        with pytest.raises(Resolver404):
            resolve(path)
    names = [
        name
        for name in get_resolver().reverse_dict
        if isinstance(name, str) and re.search(r"regist|signup|sign-up", name)
    ]
    assert names == []
    accounts = get_resolver().namespace_dict["accounts"][1].reverse_dict
    assert not [n for n in accounts if isinstance(n, str) and "regist" in n]


def test_password_change_validates_and_keeps_the_session(client, person):
    client.force_login(person)
    weak = client.post(
        "/konto/passwort/",
        {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abc"},
    )
    assert weak.status_code == 400
    assert "Dieses Passwort ist zu kurz" in weak.content.decode()
    response = client.post(
        "/konto/passwort/",
        {
            "old_password": PASSWORD,
            "new_password1": "Weserbruecke-am-Abend-7",
            "new_password2": "Weserbruecke-am-Abend-7",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort/geaendert/"
    assert client.get("/konto/").status_code == 200
    person.refresh_from_db()
    assert person.check_password("Weserbruecke-am-Abend-7")


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, person):
    known = client.post("/konto/passwort-vergessen/", {"email": person.email})
    unknown = client.post("/konto/passwort-vergessen/", {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [person.email]
    done = client.get(known["Location"]).content.decode()
    assert "Wenn zu der angegebenen Adresse ein Konto gehört" in done


def test_password_reset_email_is_german_and_its_link_works_once(client, person):
    client.post("/konto/passwort-vergessen/", {"email": person.email})
    message = mail.outbox[0]
    assert message.subject == "Neues Passwort für das Beteiligungsportal Integrationskonzept"
    assert "Guten Tag," in message.body
    link = re.search(r"http://testserver(/konto/passwort-neu/[^/]+/[^/\s]+/)", message.body)
    assert link, message.body
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    assert "Neues Passwort festlegen" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "Ratsbuecherei-Minden-42", "new_password2": "Ratsbuecherei-Minden-42"},
    )
    assert done.status_code == 302
    assert done["Location"] == "/konto/passwort-neu/fertig/"
    person.refresh_from_db()
    assert person.check_password("Ratsbuecherei-Minden-42")
    again = client.get(link.group(1), follow=True).content.decode()
    assert "Dieser Link ist ungültig" in again


@pytest.mark.parametrize(
    "path,data",
    [
        ("/konto/anmelden/", {"username": "mitglied@example.org", "password": PASSWORD}),
        ("/konto/abmelden/", {}),
        ("/konto/passwort-vergessen/", {"email": "mitglied@example.org"}),
    ],
)
def test_csrf_is_enforced(person, path, data):
    client = Client(enforce_csrf_checks=True)
    if path == "/konto/abmelden/":
        client.force_login(person)
    response = client.post(path, data)
    assert response.status_code == 403
    if path == "/konto/abmelden/":
        assert client.session.get("_auth_user_id") == str(person.pk)
    if path == "/konto/anmelden/":
        assert "_auth_user_id" not in client.session


def test_login_works_with_the_csrf_token(person):
    client = Client(enforce_csrf_checks=True)
    client.get("/konto/anmelden/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/konto/anmelden/",
        {"username": person.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
