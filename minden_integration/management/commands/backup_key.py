"""`manage.py backup_key`: a new key for the backups (PORTAL_BACKUP_KEY)."""

from django.core.management.base import BaseCommand

from minden_integration.backup.crypto import key_generate


class Command(BaseCommand):
    help = (
        "Gibt einen neuen Schlüssel für die Sicherungen aus (PORTAL_BACKUP_KEY: 32 Zufallsbytes "
        "in Base64). Getrennt von den Sicherungen aufbewahren: ohne ihn ist keine lesbar."
    )

    def handle(self, *args, **options):
        self.stdout.write(key_generate())
