"""A local admin account for `make run`, with a random password printed once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from minden_integration.roles import OFFICER, roles_ensure

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the local admin account once, with a random password printed once."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(
                f"Admin-Konto „{USERNAME}“ existiert bereits (Passwort wurde beim Anlegen "
                "einmal angezeigt; neu setzen mit: manage.py changepassword admin)."
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            username=USERNAME, email="admin@localhost", password=password
        )
        user.groups.add(roles_ensure()[OFFICER])
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin-Konto angelegt: Benutzername „{USERNAME}“, Passwort: {password}\n"
                "Das Passwort wird nur dieses eine Mal angezeigt. Anmeldung: "
                "http://127.0.0.1:8000/admin/"
            )
        )
