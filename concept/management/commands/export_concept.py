"""`manage.py export_concept --version N --format pdf --output FILE`: a version's document as a
file, for council papers. An issued document is its stored file; one not stored yet is not
rendered here (`manage.py issue_files` issues it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from concept import issuing
from concept.models import Concept, ConceptVersion


class Command(BaseCommand):
    help = (
        "Export a version of the concept (PDF, DOCX, ODT, JSON), the synopsis of its amendments "
        "(PDF, DOCX, ODT) or its measures (CSV, XLSX, JSON) to a file. A frozen version's "
        "documents are the files the city issued, served from storage."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # `--version` names the concept's version here; it replaces Django's built-in option.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--version", type=int, required=True, help="Version number")
        parser.add_argument(
            "--format", dest="fmt", required=True, help="pdf, docx, odt, json, xlsx or csv"
        )
        parser.add_argument("--output", required=True, help="File to write")
        parser.add_argument(
            "--document",
            help="version (default), synopsis, resolution, or a document another app registers, "
            "e.g. measures (implied by a format only it has, such as csv and xlsx)",
        )

    def handle(self, *args, version, fmt, output, document=None, **options):
        fmt = fmt.strip().lower()
        document = document or issuing.document_for_format(fmt)
        if document not in issuing.document_keys():
            known = ", ".join(issuing.document_keys())
            raise CommandError(f"Das Dokument „{document}“ gibt es nicht; möglich sind: {known}.")
        concept = Concept.objects.current()
        found = (
            ConceptVersion.objects.filter(concept=concept, number=version)
            .select_related("concept")
            .first()
        )
        if found is None:
            raise CommandError(f"Version {version} gibt es nicht.")
        try:
            export = issuing.export_get(found, document, fmt, now=True)
        except ValueError:
            known = ", ".join(issuing.document_kind(document).formats)
            label = issuing.document_label(document)
            raise CommandError(
                f"Das Format „{fmt}“ gibt es für „{label}“ nicht; möglich sind: {known}."
            ) from None
        except issuing.DocumentMissing:
            label = issuing.document_label(document)
            raise CommandError(f"Version {version} hat kein Dokument „{label}“.") from None
        if export.pending:
            raise CommandError(
                f"{export.filename} wird noch ausgestellt. Sofort ausstellen: "
                f"manage.py issue_files --version {version} --now"
            )
        content = export.read()
        try:
            Path(output).write_bytes(content)
        except OSError as error:
            raise CommandError(
                f"Die Datei {output} konnte nicht geschrieben werden: {error.strerror}."
            ) from None
        origin = "ausgestellte Datei" if export.issued else "neu erzeugt"
        self.stdout.write(
            f"{export.filename} → {output} ({filesizeformat(len(content))}, {origin}), "
            f"SHA-256 {hashlib.sha256(content).hexdigest()}"
        )
