from django.core.management.base import BaseCommand

from concept.services import consultations_close_expired


class Command(BaseCommand):
    help = "Close every consultation whose deadline has passed (run regularly, e.g. from cron)."

    def handle(self, *args, **options):
        closed = consultations_close_expired()
        self.stdout.write(f"{closed} Beteiligung(en) beendet.")
