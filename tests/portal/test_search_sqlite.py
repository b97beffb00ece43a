"""The search on SQLite, SQLite's own FTS5 (trigram), in a subprocess with its own
DATABASE_URL: the suite itself runs on PostgreSQL."""

from tests.sqlite_subprocess import run_on_sqlite


def test_sqlite_search_finds_every_kind_by_a_word_begun(tmp_path):
    found = run_on_sqlite("tests.portal.sqlite_search", tmp_path)
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
