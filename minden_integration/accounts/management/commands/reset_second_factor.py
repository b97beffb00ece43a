"""`manage.py reset_second_factor EMAIL`: a staff account sets up its second factor anew.

For when the officer cannot do it in the admin: the last officer's (or the local admin's) phone
and recovery codes are lost.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from minden_integration.accounts.second_factor import needs_second_factor, second_factor_reset


class Command(BaseCommand):
    help = (
        "Setzt den zweiten Faktor (App und Wiederherstellungscodes) eines Kontos der Verwaltung "
        "zurück: Bei der nächsten Anmeldung richtet es ihn neu ein."
    )

    def add_arguments(self, parser):
        parser.add_argument("account", help="E-Mail-Adresse oder Benutzername des Kontos")

    def handle(self, *args, account, **options):
        User = get_user_model()
        name = account.strip()
        matches = list(
            User.objects.filter(Q(username=name) | Q(email__iexact=name)).order_by("pk")[:2]
        )
        if not matches:
            raise CommandError(f"Es gibt kein Konto „{name}“.")
        if len(matches) > 1:
            raise CommandError(
                f"„{name}“ passt zu mehreren Konten; bitte den Benutzernamen angeben."
            )
        user = matches[0]
        if not needs_second_factor(user):
            raise CommandError(
                f"{user.get_username()} ist kein Konto der Verwaltung; Mitglieder melden sich "
                "ohne zweiten Faktor an."
            )
        removed = second_factor_reset(user=user)
        if removed:
            self.stdout.write(
                f"Der zweite Faktor von {user.get_username()} ist zurückgesetzt. Bei der "
                "nächsten Anmeldung richtet das Konto ihn neu ein."
            )
        else:
            self.stdout.write(
                f"{user.get_username()} hatte noch keinen zweiten Faktor; er wird bei der "
                "nächsten Anmeldung eingerichtet."
            )
