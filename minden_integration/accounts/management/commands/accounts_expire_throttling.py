from django.conf import settings
from django.core.management.base import BaseCommand

from minden_integration.accounts.throttling import throttling_records_expire


class Command(BaseCommand):
    help = (
        "Entfernt nur die Aufzeichnungen des Anmeldeschutzes: fehlgeschlagene Anmeldungen "
        "(django-axes), die älter als PORTAL_RETENTION_THROTTLING_DAYS sind, vergessene "
        "Fehlversuche der Konten und die Zählungen abgelaufener Zeitfenster. Täglich "
        "auszuführen ist purge_personal_data: es setzt alle Speicherfristen durch, auch diese."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PORTAL_RETENTION_THROTTLING_DAYS,
            help="Aufbewahrungsdauer in Tagen (Standard: %(default)s).",
        )

    def handle(self, *args, **options):
        removed = throttling_records_expire(days=options["days"])
        self.stdout.write(f"{removed} Aufzeichnung(en) entfernt.")
