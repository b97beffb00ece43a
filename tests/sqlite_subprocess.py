"""Running a test script on SQLite: the suite itself runs on PostgreSQL, so a script that must
see the embedded default runs in a subprocess with a SQLite DATABASE_URL of its own and prints
its findings as JSON on its last line."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_on_sqlite(
    module: str,
    tmp_path: Path,
    *args: str,
    settings: str = "minden_integration.settings.test",
    **env,
) -> dict:
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": settings,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
