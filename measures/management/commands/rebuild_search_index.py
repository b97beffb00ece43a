"""Recompute the stored search data of every measure and section (after a bulk change made in
SQL)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from concept.models import Section
from concept.search_index import sections_search_refresh
from measures.models import Measure
from measures.search_index import measures_search_refresh


class Command(BaseCommand):
    help = (
        "Berechnet die gespeicherten Suchdaten aller Maßnahmen und Abschnitte neu, z. B. nach "
        "Änderungen direkt in der Datenbank."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        with transaction.atomic():
            count = measures_search_refresh(measures=Measure.objects.all())
            sections = sections_search_refresh(Section.objects.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Suchdaten von {count} Maßnahmen und {sections} Abschnitten neu berechnet "
                f"({time.perf_counter() - started:.2f} s)."
            )
        )
