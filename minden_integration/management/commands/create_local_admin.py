"""A local admin account for `make run`, with a random password printed once.

`make run` calls it after loading the demo data, just before the server starts: its box is the
last thing printed before the server's own lines, where the password cannot scroll away.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation

from minden_integration.roles import OFFICER, roles_ensure

USERNAME = "admin"


def boxed(lines: list[str]) -> str:
    """`lines` framed, so that they stand out of a terminal full of other output."""
    width = max(len(line) for line in lines)
    rule = "+" + "-" * (width + 4) + "+"
    return "\n".join([rule, *(f"|  {line.ljust(width)}  |" for line in lines), rule])


def admin_url() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return settings.PORTAL_BASE_URL + reverse("admin:index")


class Command(BaseCommand):
    help = "Create the local admin account once, with a random password printed once."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                boxed(
                    [
                        f"Anmeldung:    {admin_url()}",
                        f"Benutzername: {USERNAME}",
                        "Passwort:     wurde beim Anlegen einmal angezeigt",
                        f"Neu setzen:   manage.py changepassword {USERNAME}",
                        f"Zweiter Faktor verloren: manage.py reset_second_factor {USERNAME}",
                    ]
                )
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            username=USERNAME, email="admin@localhost", password=password
        )
        user.groups.add(roles_ensure()[OFFICER])
        self.stdout.write(
            self.style.SUCCESS(
                boxed(
                    [
                        "Lokales Admin-Konto angelegt",
                        "",
                        f"Anmeldung:    {admin_url()}",
                        f"Benutzername: {USERNAME}",
                        f"Passwort:     {password}",
                        "",
                        "Das Passwort wird nur dieses eine Mal angezeigt.",
                        "",
                        "Bei der ersten Anmeldung richten Sie den zweiten Faktor ein:",
                        "eine Authenticator-App (QR-Code oder Schlüssel) und zehn",
                        "Wiederherstellungscodes. Ohne ihn öffnet sich die Verwaltung nicht.",
                    ]
                )
            )
        )
