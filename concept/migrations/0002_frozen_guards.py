"""The database itself refuses changes to a frozen version, its sections and its snapshot.

PostgreSQL: triggers raising SQLSTATE 23000 (Django sees an IntegrityError); every column
not listed as mutable is guarded, so a column added later is frozen by default.
SQLite: UPDATE/INSERT triggers only, since test flushes delete rows.
"""

from django.db import migrations

MUTABLE = ["status", "status_changed_at", "council_paper_reference", "lock_version", "updated_at"]
# SQLite has no row-to-json comparison; these are the frozen columns by name.
SQLITE_FROZEN_COLUMNS = [
    "id",
    "concept_id",
    "number",
    "title",
    "consultation_ends_at",
    "is_example",
    "frozen_at",
    "snapshot",
    "checksum",
    "created_at",
]

MUTABLE_SQL = "ARRAY[" + ", ".join(f"'{c}'" for c in MUTABLE) + "]"

POSTGRES_FORWARD = f"""
CREATE OR REPLACE FUNCTION concept_version_frozen_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.frozen_at IS NOT NULL THEN
            RAISE EXCEPTION 'Version % ist eingefroren und kann nicht gelöscht werden.', OLD.number
                USING ERRCODE = '23000';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.frozen_at IS NOT NULL
       AND (to_jsonb(NEW) - {MUTABLE_SQL}) IS DISTINCT FROM (to_jsonb(OLD) - {MUTABLE_SQL}) THEN
        RAISE EXCEPTION 'Version % ist eingefroren; nur Status und Beschlussdaten dürfen sich ändern.', OLD.number
            USING ERRCODE = '23000';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER concept_version_frozen_guard
BEFORE UPDATE OR DELETE ON concept_conceptversion
FOR EACH ROW EXECUTE FUNCTION concept_version_frozen_guard();

CREATE OR REPLACE FUNCTION concept_section_frozen_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
        SELECT 1 FROM concept_conceptversion WHERE id = OLD.version_id AND frozen_at IS NOT NULL
    ) THEN
        RAISE EXCEPTION 'Abschnitte einer eingefrorenen Version sind unveränderlich.'
            USING ERRCODE = '23000';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF EXISTS (
            SELECT 1 FROM concept_conceptversion WHERE id = NEW.version_id AND frozen_at IS NOT NULL
        ) THEN
            RAISE EXCEPTION 'Abschnitte einer eingefrorenen Version sind unveränderlich.'
                USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER concept_section_frozen_guard
BEFORE INSERT OR UPDATE OR DELETE ON concept_section
FOR EACH ROW EXECUTE FUNCTION concept_section_frozen_guard();
"""

POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS concept_section_frozen_guard ON concept_section;
DROP FUNCTION IF EXISTS concept_section_frozen_guard();
DROP TRIGGER IF EXISTS concept_version_frozen_guard ON concept_conceptversion;
DROP FUNCTION IF EXISTS concept_version_frozen_guard();
"""

_changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in SQLITE_FROZEN_COLUMNS)
_frozen = "SELECT 1 FROM concept_conceptversion WHERE id = {ref}.version_id AND frozen_at IS NOT NULL"
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER concept_version_frozen_guard
    BEFORE UPDATE ON concept_conceptversion
    WHEN OLD.frozen_at IS NOT NULL AND ({_changed})
    BEGIN
        SELECT RAISE(ABORT, 'Version ist eingefroren; nur Status und Beschlussdaten dürfen sich ändern.');
    END;
    """,
    f"""
    CREATE TRIGGER concept_section_frozen_guard_update
    BEFORE UPDATE ON concept_section
    WHEN EXISTS ({_frozen.format(ref="OLD")}) OR EXISTS ({_frozen.format(ref="NEW")})
    BEGIN
        SELECT RAISE(ABORT, 'Abschnitte einer eingefrorenen Version sind unveränderlich.');
    END;
    """,
    f"""
    CREATE TRIGGER concept_section_frozen_guard_insert
    BEFORE INSERT ON concept_section
    WHEN EXISTS ({_frozen.format(ref="NEW")})
    BEGIN
        SELECT RAISE(ABORT, 'Abschnitte einer eingefrorenen Version sind unveränderlich.');
    END;
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS concept_version_frozen_guard",
    "DROP TRIGGER IF EXISTS concept_section_frozen_guard_update",
    "DROP TRIGGER IF EXISTS concept_section_frozen_guard_insert",
]


def _run(statements, schema_editor):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run([POSTGRES_FORWARD], schema_editor)
    elif vendor == "sqlite":
        _run(SQLITE_FORWARD, schema_editor)
    else:
        raise NotImplementedError(f"No frozen-version guard for database vendor {vendor!r}")


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run([POSTGRES_BACKWARD], schema_editor)
    elif vendor == "sqlite":
        _run(SQLITE_BACKWARD, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("concept", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
