"""Import measures (and imap's recommendations) from a CSV or XLSX file; all or nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from concept.models import Concept
from measures.importing import MeasureImportError, measures_import


class Command(BaseCommand):
    help = (
        "Importiert Maßnahmen aus einer CSV- (Semikolon, UTF-8) oder XLSX-Datei; "
        "bei einem Fehler wird nichts importiert. Das Format beschreibt "
        "measures/importing/__init__.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Maßnahmen als .csv oder .xlsx")
        parser.add_argument(
            "--recommendations",
            type=Path,
            help="Handlungsempfehlungen als .csv oder .xlsx (Kennung; Titel; Text)",
        )
        parser.add_argument(
            "--concept",
            help="Kurzname des Konzepts (Standard: PORTAL_CONCEPT_SLUG bzw. das einzige Konzept)",
        )

    def handle(
        self, *args, file: Path, recommendations: Path | None, concept: str | None, **options
    ):
        target = self._concept(concept)
        for path in filter(None, (file, recommendations)):
            if not path.is_file():
                raise CommandError(f"Datei nicht gefunden: {path}")
        with file.open("rb") as measures_file:
            recommendations_file = recommendations.open("rb") if recommendations else None
            try:
                result = measures_import(
                    concept=target,
                    file=measures_file,
                    filename=file.name,
                    recommendations_file=recommendations_file,
                    recommendations_filename=recommendations.name if recommendations else "",
                )
            except MeasureImportError as exc:
                for error in exc.errors:
                    self.stderr.write(str(error))
                raise CommandError(
                    f"Nichts importiert: {len(exc.errors)} Fehler in der Datei."
                ) from exc
            finally:
                if recommendations_file is not None:
                    recommendations_file.close()
        self.stdout.write(self.style.SUCCESS(result.summary()))
        for notice in result.notices:
            self.stdout.write(self.style.WARNING(notice))

    def _concept(self, slug: str | None) -> Concept:
        if slug:
            try:
                return Concept.objects.get(slug=slug)
            except Concept.DoesNotExist:
                raise CommandError(f"Kein Konzept mit dem Kurznamen „{slug}“.") from None
        concept = Concept.objects.filter(slug=settings.PORTAL_CONCEPT_SLUG).first()
        if concept is not None:
            return concept
        concepts = list(Concept.objects.all()[:2])
        if len(concepts) == 1:
            return concepts[0]
        if not concepts:
            raise CommandError("Es gibt noch kein Konzept, in das importiert werden könnte.")
        raise CommandError("Mehrere Konzepte vorhanden: bitte --concept SLUG angeben.")
