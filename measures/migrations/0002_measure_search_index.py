"""Stored search data of measures: a tsvector with a GIN index on PostgreSQL, and the
casefolded text every database can search (see measures/search.py).

The GIN index exists on PostgreSQL only (SQLite has no GIN), so it is created here by vendor
rather than declared in Meta.indexes.
"""

import django.contrib.postgres.search
from django.db import migrations, models

INDEX = "measures_measure_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON measures_measure USING gin (search_vector)", params=None
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="measure",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="Suchtext"),
        ),
        migrations.AddField(
            model_name="measure",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="Suchindex"
            ),
        ),
        migrations.RunPython(create_index, drop_index),
    ]
