"""`manage.py create_staff --role officer|clerk EMAIL`: an officer's or a clerk's account."""

import smtplib

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from minden_integration.accounts.services import STAFF_ROLES, staff_account_ensure
from minden_integration.core.text import german_datetime


class Command(BaseCommand):
    help = (
        "Legt ein Konto der Verwaltung an oder passt es an: Integrationsbeauftragte "
        "(--role officer) oder Ratsbüro (--role clerk). Nie ein Superuser. Wer noch kein "
        "Passwort hat, erhält per E-Mail einen Link, um es festzulegen. Mehrfach ausführbar."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", help="E-Mail-Adresse (zugleich Benutzername)")
        # Checked in handle(), not by argparse: its refusals are English.
        parser.add_argument("--role", help=f"Rolle: {' oder '.join(STAFF_ROLES)}")
        parser.add_argument(
            "--send-link",
            action="store_true",
            help="Den Link zum Festlegen des Passworts auch senden, wenn es schon eines gibt.",
        )

    def handle(self, *args, email=None, role=None, send_link=False, **options):
        if not role:
            raise CommandError(
                f"Bitte die Rolle angeben: --role {' oder --role '.join(STAFF_ROLES)}."
            )
        if not email:
            raise CommandError("Bitte die E-Mail-Adresse angeben.")
        try:
            account = staff_account_ensure(email=email, role=role, send_link=send_link)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except (smtplib.SMTPException, OSError) as error:
            # Sent after the commit: the account is stored, only the email is missing.
            raise CommandError(
                f"Das Konto {email.strip().lower()} ist gespeichert, aber die E-Mail mit dem "
                f"Link konnte nicht gesendet werden ({error}). Bitte die E-Mail-Einstellungen "
                "prüfen und den Befehl wiederholen: er sendet dann einen neuen Link."
            ) from error
        user = account.user
        if account.created:
            self.stdout.write(f"Konto {user.get_username()} angelegt, Rolle „{account.role}“.")
        else:
            self.stdout.write(f"Konto {user.get_username()}: Rolle „{account.role}“.")
        if account.reactivated:
            self.stdout.write("Das Konto war deaktiviert und ist wieder aktiv.")
        self.stdout.write(
            "Bei der ersten Anmeldung richtet das Konto seinen zweiten Faktor ein (eine "
            "Authenticator-App und Wiederherstellungscodes); ohne ihn öffnet sich die Verwaltung "
            "nicht."
        )
        if account.link_expires:
            self.stdout.write(
                f"Ein Link zum Festlegen des Passworts ist an {user.email} gesendet worden; "
                f"er gilt bis {german_datetime(account.link_expires)}."
            )
        else:
            self.stdout.write(
                "Das Konto hat schon ein Passwort; es bleibt unverändert (einen neuen Link "
                "sendet --send-link)."
            )
