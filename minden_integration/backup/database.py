"""A consistent copy of the portal's database, and putting one back.

PostgreSQL: `pg_dump --format=custom` (one snapshot, so consistent while the portal runs);
restored by `pg_restore` into an SQL script that `psql` runs in one transaction after dropping
the tables a newer code may have added (all or nothing: a failure leaves the database as it
was). SQLite: the sqlite3 backup API (a consistent copy of a live file); restored by replacing
the file atomically. The connection comes from the settings (`connections["default"]`).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

VENDORS = ("postgresql", "sqlite")
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
PG_TOOLS = ("pg_dump", "pg_restore", "psql")
# libpq's environment variables for the connection options dj-database-url passes on.
PG_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}
# Before the restore script, in its transaction: drop every table and view of the schema, also
# those a newer code added (they may reference the restored tables, and their migrations will
# create them again), never an extension's. The script then creates the dump's.
PG_PRELUDE = """\
SET lock_timeout = '60s';
DO $$
DECLARE
    relation record;
BEGIN
    FOR relation IN
        SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relkind AS kind
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('DROP %s IF EXISTS %s CASCADE',
            CASE relation.kind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
            relation.name);
    END LOOP;
END $$;
"""


class DatabaseError(Exception):
    """The dump or the restore failed; the message says why and what to do."""


def vendor(alias: str = "default") -> str:
    name = connections[alias].vendor
    if name not in VENDORS:
        raise DatabaseError(f"Sicherungen gibt es nur für PostgreSQL und SQLite, nicht für {name}.")
    return name


def target_description(alias: str = "default") -> str:
    settings_dict = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return f"SQLite-Datei {settings_dict['NAME']}"
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or "5432"
    return f"PostgreSQL-Datenbank {settings_dict['NAME']} auf {host}:{port}"


def migration_state(alias: str = "default") -> dict[str, str]:
    """The last applied migration of each app, in the order they were applied."""
    recorder = MigrationRecorder(connections[alias])
    if not recorder.has_table():
        return {}
    state: dict[str, str] = {}
    for app, name in recorder.migration_qs.order_by("id").values_list("app", "name"):
        state[app] = name
    return state


def migrations_unknown(state: dict[str, str]) -> list[str]:
    """The migrations of a backup this code does not have (the backup is from a newer code)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [f"{app}.{name}" for app, name in sorted(state.items()) if (app, name) not in known]


def pg_tools_missing() -> list[str]:
    return [tool for tool in PG_TOOLS if shutil.which(tool) is None]


def _pg_environment(alias: str) -> dict[str, str]:
    """The connection for libpq's tools, the password included, by environment (not by
    command line, which other users of the machine can read)."""
    settings_dict = connections[alias].settings_dict
    env = {**os.environ}
    for key, variable in (
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, value in (settings_dict.get("OPTIONS") or {}).items():
        if option in PG_OPTION_VARIABLES and value is not None:
            env[PG_OPTION_VARIABLES[option]] = str(value)
    return env


def _run(command: list[str], alias: str) -> None:
    if missing := pg_tools_missing():
        raise DatabaseError(
            f"{', '.join(missing)} fehlt: bitte das Debian-Paket postgresql-client installieren "
            "(in der Hauptversion des Servers oder neuer)."
        )
    result = subprocess.run(
        command, env=_pg_environment(alias), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DatabaseError(f"{command[0]} ist fehlgeschlagen:\n{result.stderr.strip()}")


def dump(target: Path, alias: str = "default") -> None:
    """A consistent copy of the database at `target`."""
    if vendor(alias) == "postgresql":
        _run(["pg_dump", "--no-password", "--format=custom", f"--file={target}"], alias)
        return
    source = connections[alias].settings_dict["NAME"]
    if str(source) == ":memory:" or not Path(source).is_file():
        raise DatabaseError(f"Die SQLite-Datenbank {source} ist keine Datei.")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()


def prepare(dump_file: Path, work: Path, db_vendor: str) -> Path:
    """Check the dump and turn it into what `load` applies, touching nothing: PostgreSQL's
    restore script, or SQLite's checked file."""
    if db_vendor == "postgresql":
        script = work / "restore.sql"
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--clean",
                "--if-exists",
                f"--file={script}",
                str(dump_file),
            ],
            "default",
        )
        (work / "prelude.sql").write_text(PG_PRELUDE, encoding="utf-8")
        return script
    with sqlite3.connect(f"file:{dump_file}?mode=ro", uri=True) as check:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    check.close()
    if result != "ok":
        raise DatabaseError(f"Die gesicherte SQLite-Datenbank ist beschädigt: {result}")
    return dump_file


def load(prepared: Path, db_vendor: str, alias: str = "default") -> None:
    """Replace the database by the prepared copy."""
    for connection in connections.all():
        connection.close()
    if db_vendor == "postgresql":
        prelude = prepared.parent / "prelude.sql"
        try:
            _run(
                [
                    "psql",
                    "--no-password",
                    "--no-psqlrc",
                    "--quiet",
                    "--set=ON_ERROR_STOP=1",
                    "--single-transaction",
                    f"--file={prelude}",
                    f"--file={prepared}",
                ],
                alias,
            )
        except DatabaseError as error:
            raise DatabaseError(
                f"{error}\nDie Datenbank ist unverändert (alles in einer Transaktion), MEDIA_ROOT "
                "auch. Laufen Webserver oder Worker noch, bitte anhalten und wiederholen."
            ) from None
        return
    target = Path(connections[alias].settings_dict["NAME"])
    staged = target.with_name(f".{target.name}.restore")
    shutil.copyfile(prepared, staged)
    with open(staged, "rb+") as handle:
        os.fsync(handle.fileno())
    # A journal left beside the old file would be replayed into the new one.
    for suffix in ("-journal", "-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    os.replace(staged, target)
