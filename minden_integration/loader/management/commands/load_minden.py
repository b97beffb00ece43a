"""`manage.py load_minden [--demo] [--if-empty]`: Minden's known process, optionally examples."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from minden_integration.loader.minden import minden_load


class Command(BaseCommand):
    help = (
        "Lädt, was über Mindens Integrationsprozess bekannt ist (idempotent); mit --demo "
        "zusätzlich gekennzeichnete Beispielinhalte. / Loads what is known of Minden's process "
        "(idempotent); --demo adds labelled example content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Beispielinhalte hinzufügen (99 Maßnahmen, zwei Versionen, Vorschläge).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Nichts tun, wenn schon ein Konzept existiert.",
        )

    def handle(self, *args, demo: bool, if_empty: bool, **options):
        try:
            report = minden_load(demo=demo, if_empty=if_empty)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if report.skipped:
            self.stdout.write(
                "Es gibt bereits ein Konzept; nichts geladen (--if-empty). / "
                "A concept already exists; nothing loaded (--if-empty)."
            )
            return
        what = (
            "mit gekennzeichneten Beispielinhalten / with labelled example content"
            if demo
            else "nur bekannte Fakten / known facts only"
        )
        self.stdout.write(self.style.SUCCESS(f"„{report.concept}“ geladen / loaded ({what})."))
        if demo and not report.demo_versions_created:
            self.stdout.write(
                "Beispielversionen waren schon vorhanden und bleiben unverändert. / "
                "Example versions already existed and were left as they are."
            )
        self.stdout.write("Jetzt in der Datenbank / now in the database:")
        for label, count in report.counts.items():
            self.stdout.write(f"  {label}: {count}")
