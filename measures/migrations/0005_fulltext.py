"""One search (`core.fulltext`): the measures' tsvector in the German configuration only and
`search_text` holding their related texts, written anew; on SQLite the FTS5 tables of the
measures and recommendations, kept in sync by triggers."""

from django.db import migrations

from minden_integration.core.fulltext import SQLiteFullTextIndex


def refill(apps, schema_editor):
    from measures.search_index import measures_search_refresh

    Measure = apps.get_model("measures", "Measure")
    measures_search_refresh(measures=Measure.objects.using(schema_editor.connection.alias).all())


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0004_audit_trail"),
    ]

    operations = [
        SQLiteFullTextIndex(
            table="measures_measure",
            columns={
                "title": "{row}.title",
                "description": "{row}.description",
                "search_text": "{row}.search_text",
            },
        ),
        SQLiteFullTextIndex(
            table="measures_recommendation",
            columns={
                "code": "{row}.code",
                "title": "{row}.title",
                "text": "{row}.text",
            },
        ),
        migrations.RunPython(refill, migrations.RunPython.noop),
    ]
