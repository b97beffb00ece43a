from django.core.management.base import BaseCommand

from concept.models import Section, StoredComparison
from concept.rendering import sections_render

BATCH = 500


class Command(BaseCommand):
    help = (
        "Render every section's Markdown again and store it (after a change of the renderer), "
        "and drop the stored comparisons of frozen versions so they are computed afresh."
    )

    def handle(self, *args, **options):
        rendered = 0
        sections = Section.objects.order_by("pk").only("pk", "body", "easy_language_summary")
        last = 0
        while batch := list(sections.filter(pk__gt=last)[:BATCH]):
            rendered += sections_render(batch)
            last = batch[-1].pk
        dropped, _ = StoredComparison.objects.all().delete()
        self.stdout.write(f"{rendered} Abschnitt(e) gerendert, {dropped} Vergleich(e) verworfen.")
