"""`manage.py restore FILE [--yes] [--check-only]`: put a backup back, erase again whoever was
erased since, and check the issued files."""

import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from minden_integration.backup import database
from minden_integration.backup.crypto import ArchiveDamaged, BackupKeyError, key_parse
from minden_integration.backup.restore import RestoreRefused, restore_apply, restore_prepare
from minden_integration.core.text import german_datetime

CONFIRMATION = "wiederherstellen"


class Command(BaseCommand):
    help = (
        "Spielt eine Sicherung zurück: entschlüsselt sie und prüft jede Datei gegen ihre "
        "Prüfsumme, bevor etwas verändert wird; ersetzt dann die Datenbank und den Inhalt von "
        "MEDIA_ROOT, löscht erneut alle Personen, die laut Löschprotokoll seit der Sicherung "
        "gelöscht wurden, und prüft jede ausgestellte Datei gegen ihren Hashwert. Webserver und "
        "Worker vorher anhalten."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="die Sicherung (.mintbak)")
        parser.add_argument(
            "--yes", action="store_true", help="ohne Rückfrage zurückspielen (für Skripte)"
        )
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="nur entschlüsseln und prüfen, nichts verändern (für die Wiederherstellungsprobe)",
        )
        parser.add_argument(
            "--work-dir",
            type=Path,
            default=None,
            help="Ordner für die entschlüsselten Dateien (Standard: der Ordner der Sicherung)",
        )

    def handle(self, *args, file, yes=False, check_only=False, work_dir=None, **options):
        if not file.is_file():
            raise CommandError(f"{file} gibt es nicht.")
        media_root = Path(settings.MEDIA_ROOT)
        try:
            key = key_parse(settings.PORTAL_BACKUP_KEY)
            with tempfile.TemporaryDirectory(
                dir=work_dir or file.resolve().parent, prefix=".restore-"
            ) as work:
                ready = restore_prepare(path=file, key=key, work=Path(work), media_root=media_root)
                self._describe(file, ready, media_root)
                if check_only:
                    self.stdout.write("Die Sicherung ist vollständig und unverändert.")
                    return
                if not yes:
                    self._confirm()
                try:
                    report = restore_apply(ready=ready, media_root=media_root)
                except OSError as error:
                    raise CommandError(
                        f"Die Wiederherstellung ist mittendrin fehlgeschlagen ({error}); bitte "
                        "die Ursache beheben und sie erneut ausführen."
                    ) from None
        except (BackupKeyError, ArchiveDamaged, RestoreRefused) as error:
            raise CommandError(f"{error} Nichts wurde verändert.") from None
        except database.DatabaseError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(
                f"Die Sicherung ließ sich nicht auspacken ({error}). Nichts wurde verändert."
            ) from None
        self._report(report)

    def _describe(self, file, ready, media_root) -> None:
        checked = ready.checked
        self.stdout.write(
            f"Sicherung {file.name} vom {german_datetime(checked.created)}: Datenbank "
            f"({checked.vendor}) und {len(checked.media_files)} Datei(en), alle Prüfsummen "
            "stimmen."
        )
        self.stdout.write(f"Ziel: {database.target_description()} und {media_root}")
        if ready.erasure_log_exists:
            self.stdout.write(
                f"Löschprotokoll {ready.erasure_log}: {ready.erasures_pending} Löschung(en) "
                "seit der Sicherung werden erneut angewandt."
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Kein Löschprotokoll unter {ready.erasure_log} (PORTAL_ERASURE_LOG): "
                    "Löschungen seit der Sicherung können nicht erneut angewandt werden. Liegt "
                    "es anderswo, bitte abbrechen und PORTAL_ERASURE_LOG setzen."
                )
            )

    def _confirm(self) -> None:
        if not sys.stdin.isatty():
            raise CommandError(
                "Ohne Terminal fragt der Befehl nicht nach: mit --yes bestätigen. Nichts wurde "
                "verändert."
            )
        answer = input(
            f"Datenbank und MEDIA_ROOT werden ersetzt. Zum Fortfahren „{CONFIRMATION}“ eingeben: "
        )
        if answer.strip().lower() != CONFIRMATION:
            raise CommandError("Abgebrochen. Nichts wurde verändert.")

    def _report(self, report) -> None:
        self.stdout.write("Datenbank und MEDIA_ROOT sind zurückgespielt.")
        if report.migrated:
            self.stdout.write(f"Migriert auf den Stand des Codes: {', '.join(report.migrated)}")
        self.stdout.write(
            f"Löschprotokoll: {report.erasures_considered} Löschung(en) seit der Sicherung, "
            f"{len(report.erased_accounts)} Konto/Konten erneut gelöscht, "
            f"{len(report.anonymised_memberships)} weitere Mitgliedschaft(en) anonymisiert."
        )
        if report.unreadable_log_lines:
            self.stdout.write(
                self.style.WARNING(
                    f"{report.unreadable_log_lines} Zeile(n) des Löschprotokolls sind unlesbar "
                    "und wurden übergangen: bitte prüfen."
                )
            )
        if report.issued_problems:
            for problem in report.issued_problems:
                self.stderr.write(f"Ausgestellte Datei {problem}")
            raise CommandError(
                f"{len(report.issued_problems)} von {report.issued_checked} ausgestellten "
                "Dateien stimmen nicht mit ihrem Hashwert überein."
            )
        self.stdout.write(
            f"Alle {report.issued_checked} ausgestellten Dateien stimmen mit ihrem Hashwert "
            "überein."
        )
