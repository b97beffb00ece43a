from django.conf import settings
from django.core.management.base import BaseCommand

from minden_integration.accounts.throttling import throttling_records_expire


class Command(BaseCommand):
    help = (
        "Entfernt Aufzeichnungen fehlgeschlagener Anmeldungen (django-axes), die älter als "
        "30 Tage sind, vergessene Fehlversuche der Konten und die Zählungen abgelaufener "
        "Zeitfenster (täglich per cron ausführen)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PORTAL_THROTTLING_RETENTION_DAYS,
            help="Aufbewahrungsdauer in Tagen (Standard: %(default)s).",
        )

    def handle(self, *args, **options):
        removed = throttling_records_expire(days=options["days"])
        self.stdout.write(f"{removed} Aufzeichnung(en) entfernt.")
