"""The search on SQLite, SQLite's own FTS5 (trigram), in a subprocess with its own
DATABASE_URL: the suite itself runs on PostgreSQL."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_sqlite_search_finds_every_kind_by_a_word_begun(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "minden_integration.settings.test",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.portal.sqlite_search"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["vendor"] == "sqlite"
    # "sprachförder" finds "Sprachförderung" in every kind: sections (title, text, Leichte
    # Sprache), measures, recommendations, agendas.
    assert found["counts"] == {
        "sections": 3,
        "measures": 1,
        "recommendations": 1,
        "sessions": 1,
    }
    assert found["section_order"][0] == "abschnitt-titel"  # the title hit first
    assert found["measures"] == [1]
    assert found["measures_upper"] == [2]  # "ÜBERSETZUNG" found by "übersetzung"
    assert found["measures_short"] == []  # under three characters: the trigram finds nothing
    assert found["secret"]["sessions"] == 0  # unpublished minutes never match
    assert set(found["statuses"].values()) == {200}
    assert found["marked"]
