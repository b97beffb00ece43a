"""The sections' search data, derived and outside the freeze guard (`concept.search_index`):
on PostgreSQL a GIN index on its tsvector, on SQLite its FTS5 table kept by triggers. The rows
are written on the first search of a version (and by the loader), so none are filled here."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from minden_integration.core.fulltext import SQLiteFullTextIndex

INDEX = "concept_sectionsearchentry_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON concept_sectionsearchentry USING gin (search_vector)",
            params=None,
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("concept", "0014_rendered_files"),
    ]

    operations = [
        migrations.CreateModel(
            name="SectionSearchEntry",
            fields=[
                (
                    "section",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="concept.section",
                        verbose_name="Abschnitt",
                    ),
                ),
                ("source_updated_at", models.DateTimeField(verbose_name="Stand des Abschnitts")),
                ("title", models.TextField(blank=True, verbose_name="Überschrift")),
                ("body", models.TextField(blank=True, verbose_name="Text")),
                (
                    "easy_language_summary",
                    models.TextField(blank=True, verbose_name="Leichte Sprache"),
                ),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(
                        null=True, verbose_name="Suchindex"
                    ),
                ),
            ],
            options={
                "default_permissions": (),
                "verbose_name": "Suchdaten eines Abschnitts",
                "verbose_name_plural": "Suchdaten der Abschnitte",
            },
        ),
        migrations.RunPython(create_index, drop_index),
        SQLiteFullTextIndex(
            table="concept_sectionsearchentry",
            columns={
                "title": "{row}.title",
                "body": "{row}.body",
                "easy_language_summary": "{row}.easy_language_summary",
            },
            pk="section_id",
        ),
    ]
