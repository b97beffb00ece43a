"""`manage.py backup [--dir DIR]`: one encrypted archive of the database and the media."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from minden_integration.accounts.erasures import erasure_log_path
from minden_integration.backup import archive, database
from minden_integration.backup.crypto import BackupKeyError, key_parse


class Command(BaseCommand):
    help = (
        "Sichert die Datenbank (PostgreSQL: pg_dump; SQLite: eine konsistente Kopie) und alle "
        "Dateien unter MEDIA_ROOT in eine verschlüsselte Datei mit Inhaltsverzeichnis und "
        "Prüfsummen (Schlüssel: PORTAL_BACKUP_KEY) und löscht dort Sicherungen, die älter als "
        "PORTAL_BACKUP_RETENTION_DAYS sind. Täglich ausführen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            dest="directory",
            type=Path,
            default=None,
            help="Ordner der Sicherungen (Standard: PORTAL_BACKUP_DIR).",
        )
        parser.add_argument(
            "--retention-days",
            type=int,
            default=None,
            help="Aufbewahrungsdauer in Tagen (Standard: PORTAL_BACKUP_RETENTION_DAYS).",
        )

    def handle(self, *args, directory=None, retention_days=None, **options):
        directory = Path(directory or settings.PORTAL_BACKUP_DIR)
        days = settings.PORTAL_BACKUP_RETENTION_DAYS if retention_days is None else retention_days
        if days < 0:
            raise CommandError("Die Aufbewahrungsdauer darf nicht negativ sein.")
        try:
            key = key_parse(settings.PORTAL_BACKUP_KEY)
            backup = archive.backup_create(directory=directory, key=key)
        except (BackupKeyError, database.DatabaseError) as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Die Sicherung ist fehlgeschlagen: {error}") from None
        files = backup.manifest["files"]
        size = backup.path.stat().st_size
        self.stdout.write(
            f"Gesichert: {backup.path} ({size / 1e6:.1f} MB; Datenbank und "
            f"{len(files) - 1} Datei(en) aus MEDIA_ROOT)."
        )
        expired = archive.archives_expire(directory=directory, days=days, keep=backup.path)
        for path in expired:
            self.stdout.write(f"Gelöscht (älter als {days} Tage): {path.name}")
        log = erasure_log_path()
        if log.resolve().parent != directory.resolve():
            self.stdout.write(
                f"Hinweis: Das Löschprotokoll liegt unter {log}, nicht bei den Sicherungen; "
                "es muss mit ihnen zusammen aufbewahrt und kopiert werden."
            )
