"""The comparison's Markdown diffs are stored by the texts they compare: the first reader after
a write diffs only what changed, and a stored diff is the one `markdown_diff` makes."""

import pytest
from django.utils import translation

from concept.comparison import comparison
from concept.diff import markdown_diff
from concept.models import StoredDiff
from concept.stored_diffs import markdown_diffs

pytestmark = pytest.mark.django_db

LABELS = {"inserted_label": "Eingefügt: ", "deleted_label": "Gestrichen: "}


def document(bodies: dict[str, str]) -> dict:
    return {
        "sections": [
            {
                "key": key,
                "position": index,
                "level": 1,
                "number": str(index),
                "title": f"Kapitel {index}",
                "body": body,
                "easy_language_summary": "",
            }
            for index, (key, body) in enumerate(bodies.items(), start=1)
        ]
    }


OLD = {"a": "Erster **Text**.", "b": "Zweiter Text.", "c": "- eins\n- zwei"}


def test_a_stored_diff_equals_the_computed_one_and_is_read_back():
    pair = ("Ein Text über *Sprache*.", "Ein Text über *Sprachförderung*.")
    first = markdown_diffs({pair}, LABELS, compare_format=2)[pair]
    expected = markdown_diff(*pair, **LABELS)
    assert first == (expected.html, True)
    assert StoredDiff.objects.count() == 1
    # The row is what a second reader gets, even after its text was altered in the table.
    StoredDiff.objects.update(html="<p>aus der Tabelle</p>")
    assert markdown_diffs({pair}, LABELS, compare_format=2)[pair][0] == "<p>aus der Tabelle</p>"


def test_after_a_write_to_one_section_only_its_diff_is_computed_again():
    new = {**OLD, "b": "Zweiter, geänderter Text."}
    stored = comparison(document(OLD), document(new), differ=markdown_diffs)
    assert StoredDiff.objects.count() == 3
    assert [e.body_changed for e in stored["entries"]] == [False, True, False]

    newer = {**new, "c": "- eins\n- drei"}
    again = comparison(document(OLD), document(newer), differ=markdown_diffs)
    assert StoredDiff.objects.count() == 4  # a, b read back; c's new pair stored
    computed = comparison(document(OLD), document(newer))
    assert [(e.body_diff, e.body_changed) for e in again["entries"]] == [
        (e.body_diff, e.body_changed) for e in computed["entries"]
    ]


def test_each_language_and_compare_format_has_its_own_row():
    pair = ("alt", "neu")
    with translation.override("de"):
        markdown_diffs({pair}, LABELS, compare_format=2)
    with translation.override("en"):
        markdown_diffs({pair}, {"inserted_label": "Inserted: "}, compare_format=2)
    markdown_diffs({pair}, LABELS, compare_format=3)
    assert StoredDiff.objects.count() == 3
