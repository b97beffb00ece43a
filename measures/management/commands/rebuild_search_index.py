"""Recompute the stored search data of every measure (after a bulk change made in SQL)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from measures.models import Measure
from measures.search_index import measures_search_refresh


class Command(BaseCommand):
    help = (
        "Berechnet die gespeicherten Suchdaten aller Maßnahmen neu, z. B. nach Änderungen "
        "direkt in der Datenbank."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        with transaction.atomic():
            count = measures_search_refresh(measures=Measure.objects.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Suchdaten von {count} Maßnahmen neu berechnet "
                f"({time.perf_counter() - started:.2f} s)."
            )
        )
