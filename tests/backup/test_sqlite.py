"""The SQLite variant of backup → delete → restore (the quick start's database), in a
subprocess with its own DATABASE_URL."""

import json
import os
import subprocess
import sys
from pathlib import Path

from minden_integration.backup.crypto import key_generate

ROOT = Path(__file__).resolve().parent.parent.parent


def test_sqlite_backup_delete_restore_brings_back_rows_and_files(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "tests.backup.sqlite_settings",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "PORTAL_BACKUP_KEY": key_generate(),
        "PORTAL_ERASURE_LOG": str(tmp_path / "sicherungen" / "erasures.jsonl"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.backup.sqlite_roundtrip", str(tmp_path / "sicherungen")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["archive"].endswith("-sqlite.mintbak")
    assert found["rows_before"]["workgroups.Organisation"] == 2
    assert found["rows_after"] == found["rows_before"]
    assert len(found["files_before"]) == 1
    assert found["files_after"] == found["files_before"]
    assert "Datenbank und MEDIA_ROOT sind zurückgespielt" in found["output"]
