"""A first `make run` without surprises: the port, the admin's box, readable console emails."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from minden_integration.settings.base import portal_base_url
from tests.factories import OrganisationFactory, WorkingGroupFactory
from workgroups.services import member_invite

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORTAL_PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"PORTAL_PORT": " "}, "http://127.0.0.1:8000"),
        (
            {"PORTAL_PORT": "8123", "PORTAL_BASE_URL": "https://integration.minden.de/"},
            "https://integration.minden.de",
        ),
    ],
)
def test_the_base_url_follows_the_port_unless_it_is_set(environ, expected):
    assert portal_base_url(environ) == expected


@pytest.mark.parametrize("port", ["abc", "0", "70000", "80 80"])
def test_a_port_that_is_no_port_is_refused(port):
    with pytest.raises(ImproperlyConfigured, match="PORTAL_PORT"):
        portal_base_url({"PORTAL_PORT": port})


def test_the_development_settings_take_the_port_from_the_environment():
    """What `make run PORT=8123` hands the settings, in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "DJANGO_"))}
    env |= {"PORTAL_PORT": "8123", "DJANGO_SETTINGS_MODULE": "minden_integration.settings.dev"}
    printed = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.PORTAL_BASE_URL)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed.strip() == "http://127.0.0.1:8123"


def test_make_run_passes_the_port_on_and_prints_the_admin_box_last():
    # Not the flags of a `make test` this may run under.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    commands = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    steps = [line for line in commands if "manage.py" in line and "compilemessages" not in line]
    assert [re.search(r"manage\.py (\w+)", step).group(1) for step in steps] == [
        "migrate",
        "load_minden",
        "create_local_admin",
        "runserver",
    ]
    assert all("PORTAL_PORT=8123" in step for step in steps)
    assert steps[-1].endswith("runserver 127.0.0.1:8123")


def test_the_local_admin_box_names_the_address_user_and_password(db, settings):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8123"
    out = StringIO()
    call_command("create_local_admin", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == lines[-1] and re.fullmatch(r"\+-+\+", lines[0])
    assert {len(line) for line in lines} == {len(lines[0])}  # a closed box
    body = "\n".join(lines)
    assert "http://127.0.0.1:8123/admin/" in body
    assert re.search(r"Benutzername: admin\b", body)
    password = re.search(r"Passwort:\s+(\S+)", body).group(1)
    assert len(password) >= 12

    again = StringIO()
    call_command("create_local_admin", stdout=again)
    assert password not in again.getvalue()
    assert "http://127.0.0.1:8123/admin/" in again.getvalue()


def test_the_console_shows_an_invitation_readably(
    roles, settings, django_capture_on_commit_callbacks
):
    """8-bit UTF-8, the link whole on one line, umlauts as umlauts, the subject unencoded."""
    stream = StringIO()
    settings.MAILERS = {
        "default": {
            "BACKEND": "minden_integration.mail.ConsoleEmailBackend",
            "OPTIONS": {"stream": stream},
        }
    }
    # A real address is longer than "testserver": the link is past 78 characters, where
    # Django's console backend would break it with quoted-printable soft line breaks.
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"
    with django_capture_on_commit_callbacks(execute=True):
        member_invite(
            email="ayse.yilmaz@example.org",
            name="Ayşe Yılmaz",
            working_group=WorkingGroupFactory(name="Bildung und Erziehung"),
            organisation=OrganisationFactory(name="Grundschule am Weserufer"),
            invited_by=None,
        )
    printed = stream.getvalue()
    links = re.findall(r"^http://127\.0\.0\.1:8000/konto/einladung/[\w-]{43}/$", printed, re.M)
    assert len(links) == 1 and len(links[0]) > 78
    assert "Content-Transfer-Encoding: 8bit" in printed
    assert "quoted-printable" not in printed and "=C3" not in printed
    assert "Guten Tag Ayşe Yılmaz," in printed
    assert "Mit freundlichen Grüßen" in printed
    assert "„Bildung und Erziehung“" in printed
    assert "Subject: Einladung zum Beteiligungsportal Integrationskonzept" in printed
