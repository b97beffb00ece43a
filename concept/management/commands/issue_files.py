"""`manage.py issue_files --version N | --all [--now]`: issue whatever files are due and missing
(after a failed task, for versions presented before issuing was a step, or when the worker was
down), through the same task the presentation and the council's decision enqueue."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from concept.issuing_jobs import MISSING, files_due, issue_files
from concept.models import Concept, ConceptVersion


class Command(BaseCommand):
    help = (
        "Issue the files of a version (or of every public version with --all) that are due but "
        "missing: enqueued for the worker (manage.py db_worker), or run here with --now. Files "
        "already issued are never touched."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # `--version` names the concept's version here; it replaces Django's built-in option.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--version", type=int, help="Version number")
        which.add_argument("--all", action="store_true", help="Every public version")
        parser.add_argument(
            "--now", action="store_true", help="Render in this process instead of the worker"
        )

    def handle(self, *args, version=None, all=False, now=False, **options):
        concept = Concept.objects.current()
        versions = ConceptVersion.objects.filter(concept=concept).defer("snapshot")
        if all:
            versions = versions.public().order_by("number")
        else:
            versions = versions.filter(number=version)
            if not versions.exists():
                raise CommandError(f"Version {version} gibt es nicht.")
        for found in versions.select_related("concept", "resolution_of"):
            due = files_due(found, MISSING)
            if not due:
                self.stdout.write(f"Version {found.number}: alle Dateien sind ausgestellt.")
                continue
            names = ", ".join(f"v{v.number} {document}.{fmt}" for v, document, fmt in due)
            if now:
                issued = issue_files.call(found.pk, MISSING)
                self.stdout.write(
                    f"Version {found.number}: {len(issued)} Datei(en) ausgestellt: "
                    + ", ".join(issued)
                )
            else:
                issue_files.enqueue(found.pk, MISSING)
                self.stdout.write(
                    f"Version {found.number}: {len(due)} Datei(en) in Auftrag gegeben: {names}"
                )
