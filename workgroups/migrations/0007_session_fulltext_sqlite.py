"""SQLite only: the FTS5 table of the sessions' agendas and published minutes for the search
(`core.fulltext`); triggers keep it in sync, so unpublished minutes never reach it. PostgreSQL
builds the sessions' tsvector in the query."""

from django.db import migrations

from minden_integration.core.fulltext import SQLiteFullTextIndex


class Migration(migrations.Migration):
    dependencies = [
        ("workgroups", "0006_consent_records_for_existing_consents"),
    ]

    operations = [
        SQLiteFullTextIndex(
            table="workgroups_session",
            columns={
                "agenda": "{row}.agenda",
                "minutes": "CASE WHEN {row}.minutes_public THEN {row}.minutes ELSE '' END",
            },
        ),
    ]
