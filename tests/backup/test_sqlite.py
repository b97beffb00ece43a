"""The SQLite variant of backup → delete → restore (the quick start's database), in a
subprocess with its own DATABASE_URL."""

from minden_integration.backup.crypto import key_generate
from tests.sqlite_subprocess import run_on_sqlite


def test_sqlite_backup_delete_restore_brings_back_rows_and_files(tmp_path):
    found = run_on_sqlite(
        "tests.backup.sqlite_roundtrip",
        tmp_path,
        str(tmp_path / "sicherungen"),
        settings="tests.backup.sqlite_settings",
        PORTAL_BACKUP_KEY=key_generate(),
        PORTAL_ERASURE_LOG=str(tmp_path / "sicherungen" / "erasures.jsonl"),
    )
    assert found["archive"].endswith("-sqlite.mintbak")
    assert found["rows_before"]["workgroups.Organisation"] == 2
    assert found["rows_after"] == found["rows_before"]
    assert len(found["files_before"]) == 1
    assert found["files_after"] == found["files_before"]
    assert "Datenbank und MEDIA_ROOT sind zurückgespielt" in found["output"]
