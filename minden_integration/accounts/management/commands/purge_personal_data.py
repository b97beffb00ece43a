"""`manage.py purge_personal_data`: deletes every kind of personal data past its period (the
`PORTAL_RETENTION_*` settings). Run it daily, e.g. from a systemd timer or cron."""

from django.core.management.base import BaseCommand

from minden_integration.core.personal_data import personal_data_purge, retention_rules


class Command(BaseCommand):
    help = (
        "Löscht personenbezogene Daten, deren Speicherfrist abgelaufen ist: Aufzeichnungen des "
        "Anmeldeschutzes, abgelaufene Sitzungen, Besuche von „Mein Konto“, verwendete, "
        "ersetzte und abgelaufene Einladungen, Nachweise widerrufener Einwilligungen und "
        "beantwortete Rückmeldungen zur Barrierefreiheit (Fristen: PORTAL_RETENTION_*). "
        "Täglich ausführen."
    )

    def handle(self, *args, **options):
        counts = personal_data_purge()
        for rule in retention_rules():
            period = f"Frist {rule.days} Tage" if rule.days else "abgelaufen"
            self.stdout.write(f"{rule.label}: {counts.get(rule.key, 0)} gelöscht ({period}).")
