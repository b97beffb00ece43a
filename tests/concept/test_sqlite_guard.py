"""The SQLite variant of the frozen guard (the quick start's database), tested on sqlite3."""

import importlib
import sqlite3

import pytest

guards = importlib.import_module("concept.migrations.0002_frozen_guards")


@pytest.fixture
def sqlite():
    connection = sqlite3.connect(":memory:")
    columns = ", ".join(guards.SQLITE_FROZEN_COLUMNS[1:] + guards.MUTABLE)
    connection.execute(f"CREATE TABLE concept_conceptversion (id INTEGER PRIMARY KEY, {columns})")
    connection.execute(
        "CREATE TABLE concept_section (id INTEGER PRIMARY KEY, version_id INTEGER, title TEXT)"
    )
    for statement in guards.SQLITE_FORWARD:
        connection.execute(statement)
    connection.execute(
        "INSERT INTO concept_conceptversion (id, number, title, frozen_at, status) "
        "VALUES (1, 1, 'Eingefroren', '2011-05-01', 'council_review'), "
        "(2, 2, 'Entwurf', NULL, 'draft')"
    )
    connection.execute("INSERT INTO concept_section (id, version_id, title) VALUES (1, 2, 'A')")
    return connection


def test_sqlite_refuses_changing_a_frozen_version(sqlite):
    with pytest.raises(sqlite3.IntegrityError):
        sqlite.execute("UPDATE concept_conceptversion SET title = 'Anders' WHERE id = 1")


def test_sqlite_allows_status_changes_and_drafts(sqlite):
    sqlite.execute("UPDATE concept_conceptversion SET status = 'adopted' WHERE id = 1")
    sqlite.execute("UPDATE concept_conceptversion SET title = 'Neu' WHERE id = 2")
    assert sqlite.execute("SELECT status FROM concept_conceptversion WHERE id = 1").fetchone() == (
        "adopted",
    )


def test_sqlite_refuses_sections_of_a_frozen_version(sqlite):
    with pytest.raises(sqlite3.IntegrityError):
        sqlite.execute("INSERT INTO concept_section (version_id, title) VALUES (1, 'B')")
    with pytest.raises(sqlite3.IntegrityError):
        sqlite.execute("UPDATE concept_section SET version_id = 1 WHERE id = 1")
    sqlite.execute("UPDATE concept_section SET title = 'C' WHERE id = 1")
