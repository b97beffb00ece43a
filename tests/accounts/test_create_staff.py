"""`manage.py create_staff`: officers' and clerks' accounts, made by whoever runs the server."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from minden_integration.roles import CLERK, OFFICER
from tests.factories import UserFactory
from tests.second_factor import totp_code

User = get_user_model()
LINK = re.compile(r"^http://testserver(/konto/passwort-neu/[^/\s]+/[^/\s]+/)$", re.MULTILINE)
NEW_PASSWORD = "Ein-ganz-neues-Passwort-2026"


@pytest.fixture
def create_staff(roles, django_capture_on_commit_callbacks):
    def _run(*args: str) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("create_staff", *args, stdout=out)
        return out.getvalue()

    return _run


def groups_of(user) -> list[str]:
    return sorted(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def test_an_officer_gets_a_staff_account_and_a_link_that_sets_the_password(client, create_staff):
    out = create_staff("--role", "officer", " Kemal.Arslan@Minden.example ")

    user = User.objects.get(username="kemal.arslan@minden.example")
    assert (user.is_staff, user.is_superuser, user.is_active) == (True, False, True)
    assert groups_of(user) == [OFFICER]
    assert not user.has_usable_password()
    assert "angelegt" in out and "Integrationsbeauftragte" in out
    assert "zweiten Faktor" in out
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kemal.arslan@minden.example"]
    assert "Integrationsbeauftragte" in message.body
    assert "http://testserver/admin/" in message.body
    assert "Authenticator-App" in message.body

    # The link sets the password; then the officer signs in to the admin.
    response = client.get(LINK.search(message.body).group(1))
    assert response.status_code == 302
    response = client.post(
        response.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    response = client.post(
        "/konto/anmelden/", {"username": user.username, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    # At the first sign-in the officer sets up the second factor; then the admin opens.
    to_code = client.get("/admin/")
    assert to_code["Location"] == "/konto/zweiter-faktor/?next=%2Fadmin%2F"
    to_setup = client.get(to_code["Location"])
    assert to_setup["Location"] == "/konto/zweiter-faktor/einrichten/?next=%2Fadmin%2F"
    assert client.get(to_setup["Location"]).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(to_setup["Location"], {"code": totp_code(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_a_clerk_gets_the_clerks_role_only(create_staff):
    create_staff("--role", "clerk", "ratsbuero.neu@minden.example")
    user = User.objects.get(username="ratsbuero.neu@minden.example")
    assert (user.is_staff, user.is_superuser) == (True, False)
    assert groups_of(user) == [CLERK]


def test_running_it_again_changes_nothing_and_a_new_role_replaces_the_old(create_staff):
    create_staff("--role", "officer", "kemal.arslan@minden.example")
    create_staff("--role", "officer", "KEMAL.ARSLAN@minden.example")
    assert User.objects.filter(email__iexact="kemal.arslan@minden.example").count() == 1
    user = User.objects.get(username="kemal.arslan@minden.example")
    assert groups_of(user) == [OFFICER]
    # No password set yet: every run sends a new link (the holder may have lost the first).
    assert len(mail.outbox) == 2

    create_staff("--role", "clerk", "kemal.arslan@minden.example")
    assert groups_of(user) == [CLERK]
    assert User.objects.filter(email__iexact="kemal.arslan@minden.example").count() == 1


def test_an_account_with_a_password_keeps_it_and_gets_a_link_only_when_asked(create_staff):
    user = UserFactory(username="vorhanden@minden.example", is_staff=False)
    password_hash = user.password

    out = create_staff("--role", "clerk", "vorhanden@minden.example")
    user.refresh_from_db()
    assert user.is_staff and groups_of(user) == [CLERK]
    assert user.password == password_hash
    assert mail.outbox == []
    assert "schon ein Passwort" in out

    create_staff("--role", "clerk", "--send-link", "vorhanden@minden.example")
    assert len(mail.outbox) == 1
    assert LINK.search(mail.outbox[0].body)


def test_a_deactivated_account_is_active_again(create_staff):
    user = UserFactory(username="frueher@minden.example", is_staff=True, is_active=False)
    out = create_staff("--role", "officer", "frueher@minden.example")
    user.refresh_from_db()
    assert user.is_active
    assert "wieder aktiv" in out


@pytest.mark.parametrize(
    ("args", "german"),
    [
        (["--role", "officer", "keine-adresse"], "keine gültige E-Mail-Adresse"),
        (["--role", "officer", "a@b@minden.example"], "keine gültige E-Mail-Adresse"),
        (["--role", "admin", "neu@minden.example"], "Unbekannte Rolle „admin“"),
        (["--role", "superuser", "neu@minden.example"], "Möglich sind: officer, clerk"),
        (["neu@minden.example"], "Bitte die Rolle angeben"),
        (["--role", "clerk"], "Bitte die E-Mail-Adresse angeben"),
    ],
)
def test_invalid_input_is_refused_in_german_and_creates_nothing(create_staff, args, german):
    before = User.objects.count()
    with pytest.raises(CommandError, match=german):
        create_staff(*args)
    assert User.objects.count() == before
    assert mail.outbox == []


def test_a_superuser_is_refused_and_stays_as_it_was(create_staff):
    root = UserFactory(username="root@minden.example", is_staff=True, is_superuser=True)
    with pytest.raises(CommandError, match="Superuser-Konto"):
        create_staff("--role", "clerk", "root@minden.example")
    root.refresh_from_db()
    assert root.is_superuser and groups_of(root) == []


def test_a_members_account_is_refused(create_staff, member):
    with pytest.raises(CommandError, match="Mitglieds einer Arbeitsgruppe"):
        create_staff("--role", "officer", member.username)
    member.refresh_from_db()
    assert not member.is_staff
    assert OFFICER not in groups_of(member)


def test_it_never_makes_a_superuser(create_staff):
    for role in ("officer", "clerk"):
        create_staff("--role", role, f"{role}@minden.example")
    assert not User.objects.filter(is_superuser=True).exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_email_is_reported_and_the_account_stays(settings):
    """The email leaves after the commit: with the server out of reach, the command says so in
    German and the account is kept (a second run sends a new link)."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    with pytest.raises(CommandError, match="E-Mail mit dem Link konnte nicht gesendet werden"):
        call_command(
            "create_staff", "--role", "officer", "ohne.post@minden.example", stdout=StringIO()
        )
    assert User.objects.get(username="ohne.post@minden.example").is_staff
