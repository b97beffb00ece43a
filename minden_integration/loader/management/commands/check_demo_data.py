"""`manage.py check_demo_data`: fails unless the demo portal is complete (CI's quick start)."""

from django.core.management.base import BaseCommand, CommandError

from minden_integration.loader.minden import demo_data_problems


class Command(BaseCommand):
    help = (
        "Prüft, ob die Beispieldaten vollständig geladen sind. / "
        "Checks that the demo data is completely loaded."
    )

    def handle(self, *args, **options):
        problems = demo_data_problems()
        if problems:
            raise CommandError(
                "Beispieldaten unvollständig / demo data incomplete:\n- " + "\n- ".join(problems)
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Beispieldaten vollständig: 3 Arbeitsgruppen, 9 Sitzungen, 99 Maßnahmen, eine "
                "beschlossene und eine Version in Beteiligung. / Demo data complete."
            )
        )
