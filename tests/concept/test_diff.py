import random

import pytest

from concept.diff import (
    DELETE,
    EQUAL,
    INSERT,
    DiffOp,
    has_changes,
    inline_diff,
    render_diff,
    tokenize,
    word_diff,
)


def sides(ops):
    old = "".join(op.text for op in ops if op.kind != INSERT)
    new = "".join(op.text for op in ops if op.kind != DELETE)
    return old, new


def test_tokens_keep_words_whitespace_and_punctuation_apart():
    assert tokenize("Kitas,  Schulen.\nEltern") == [
        "Kitas",
        ",",
        "  ",
        "Schulen",
        ".",
        "\n",
        "Eltern",
    ]


def test_tokens_join_back_to_the_text():
    text = "Förderung für Familien – „Elterncafés“ (2011)\n\n* Punkt"
    assert "".join(tokenize(text)) == text


def test_identical_texts_give_one_equal_op():
    assert word_diff("Die Stadt fördert Kitas.", "Die Stadt fördert Kitas.") == [
        DiffOp(EQUAL, "Die Stadt fördert Kitas.")
    ]


def test_an_inserted_word_is_one_insert_between_equal_runs():
    assert word_diff("Die Stadt fördert Kitas.", "Die Stadt fördert alle Kitas.") == [
        DiffOp(EQUAL, "Die Stadt fördert "),
        DiffOp(INSERT, "alle "),
        DiffOp(EQUAL, "Kitas."),
    ]


def test_a_deleted_word_is_one_delete():
    assert word_diff("Die Stadt fördert alle Kitas.", "Die Stadt fördert Kitas.") == [
        DiffOp(EQUAL, "Die Stadt fördert "),
        DiffOp(DELETE, "alle "),
        DiffOp(EQUAL, "Kitas."),
    ]


def test_a_replaced_phrase_reads_as_one_deletion_and_one_insertion():
    ops = word_diff(
        "Wir fördern drei kleine Projekte jährlich.", "Wir fördern viele große Vorhaben jährlich."
    )
    assert ops == [
        DiffOp(EQUAL, "Wir fördern "),
        DiffOp(DELETE, "drei kleine Projekte"),
        DiffOp(INSERT, "viele große Vorhaben"),
        DiffOp(EQUAL, " jährlich."),
    ]


def test_changed_punctuation_is_marked_without_the_word():
    ops = word_diff("Kitas.", "Kitas!")
    assert ops == [DiffOp(EQUAL, "Kitas"), DiffOp(DELETE, "."), DiffOp(INSERT, "!")]


def test_from_and_to_empty_text():
    assert word_diff("", "Neuer Text") == [DiffOp(INSERT, "Neuer Text")]
    assert word_diff("Alter Text", None) == [DiffOp(DELETE, "Alter Text")]
    assert word_diff(None, "") == []


def test_a_changed_line_keeps_the_other_lines_equal():
    old = "Erster Absatz.\n\nZweiter Absatz bleibt.\n\nDritter Absatz."
    new = "Erster Absatz.\n\nZweiter Absatz ändert sich.\n\nDritter Absatz."
    ops = word_diff(old, new)
    assert [op.kind for op in ops] == [EQUAL, DELETE, INSERT, EQUAL]
    assert ops[1].text == "bleibt"
    assert ops[2].text == "ändert sich"
    assert sides(ops) == (old, new)


@pytest.mark.parametrize("seed", range(25))
def test_the_ops_rebuild_both_texts(seed):
    rng = random.Random(seed)
    words = ["Kita", "Schule", "und", "die", ",", ".", "Eltern", "\n", "  ", "Minden", "ä"]

    def text():
        return "".join(rng.choice(words) + rng.choice(["", " "]) for _ in range(rng.randint(0, 40)))

    old, new = text(), text()
    ops = word_diff(old, new)
    assert sides(ops) == (old, new)
    assert all(op.text for op in ops)
    assert all(a.kind != b.kind for a, b in zip(ops, ops[1:], strict=False))


def test_long_texts_are_compared_quickly_and_correctly():
    rng = random.Random(7)
    words = ["Sprachförderung", "in", "Kitas", "und", "Schulen", "wird", "ausgebaut"]
    old = " ".join(rng.choice(words) for _ in range(6000))
    tokens = old.split(" ")
    for _ in range(100):
        tokens[rng.randrange(len(tokens))] = "Elterncafé"
    new = " ".join(tokens)
    ops = word_diff(old, new)
    assert sides(ops) == (old, new)
    assert has_changes(ops)


def test_has_changes():
    assert not has_changes(word_diff("gleich", "gleich"))
    assert has_changes(word_diff("alt", "neu"))


def test_rendering_escapes_every_token():
    html = inline_diff("<b>fett</b> & gut", 'neu <script>alert("x")</script> & gut')
    assert "<script>" not in html
    assert "<b>" not in html
    assert '<ins><span class="visually-hidden">' not in html  # no labels asked for
    assert html.count("&lt;") == 2 and html.count("&gt;") == 2
    assert "&amp; gut" in html


def test_inserted_markup_is_escaped_as_a_whole():
    html = inline_diff("Text", '<script>alert("x")</script>')
    assert html == "<del>Text</del><ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</ins>"


def test_markup_split_by_the_diff_stays_escaped():
    html = inline_diff("<b>x</b>", "<i>x</i>")
    assert "<b>" not in html and "<i>" not in html
    assert html.startswith("&lt;<del>b</del><ins>i</ins>&gt;")


def test_rendering_wraps_changes_in_ins_and_del_with_hidden_labels():
    html = render_diff(
        [DiffOp(EQUAL, "a "), DiffOp(DELETE, "b"), DiffOp(INSERT, "c")],
        inserted_label="Eingefügt: ",
        deleted_label="Gestrichen: ",
    )
    assert html == (
        'a <del><span class="visually-hidden">Gestrichen: </span>b</del>'
        '<ins><span class="visually-hidden">Eingefügt: </span>c</ins>'
    )


def test_rendering_escapes_the_labels_too():
    html = render_diff([DiffOp(INSERT, "x")], inserted_label="<i>")
    assert html == '<ins><span class="visually-hidden">&lt;i&gt;</span>x</ins>'


def test_rendering_without_labels():
    assert render_diff(word_diff("a", "b")) == "<del>a</del><ins>b</ins>"


# --- the section-by-section comparison (concept.comparison.comparison) --------------------------


def doc(*sections):
    return {
        "version": {"number": 1, "title": "", "is_example": False},
        "sections": [
            {
                "key": key,
                "position": position,
                "level": level,
                "number": number,
                "title": title,
                "body": body,
                "easy_language_summary": "",
            }
            for position, (key, number, title, body, level) in enumerate(sections, start=1)
        ],
    }


def s(key, number, title=None, body="Text.", level=1):
    return (key, number, title or key.title(), body, level)


def kinds(result):
    return [(entry.key, entry.kind) for entry in result["entries"]]


def test_comparison_matches_sections_by_key_and_names_each_kind():
    from concept.comparison import comparison

    old = doc(s("a", "1"), s("b", "2"), s("c", "3"), s("d", "4"))
    new = doc(s("a", "1"), s("b", "2", body="Anderer Satz."), s("d", "3"), s("e", "4"))
    result = comparison(old, new)
    assert kinds(result) == [
        ("a", "unchanged"),
        ("b", "changed"),
        ("c", "removed"),
        ("d", "moved"),  # renumbered 4 -> 3
        ("e", "added"),
    ]
    assert result["counts"] == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "moved": 1,
        "unchanged": 1,
    }
    changed = result["entries"][1]
    assert changed.body_changed and not changed.title_changed
    assert "<del>" in changed.body_diff and "<ins>" in changed.body_diff


def test_comparison_a_position_shifted_by_an_insertion_is_not_a_move():
    from concept.comparison import comparison

    old = doc(s("a", "1"), s("b", "2"))
    new = doc(s("new", "0"), s("a", "1"), s("b", "2"))
    assert kinds(comparison(old, new)) == [("new", "added"), ("a", "unchanged"), ("b", "unchanged")]


def test_comparison_detects_a_change_of_order_and_of_level():
    from concept.comparison import comparison

    old = doc(s("a", "1"), s("b", "2"), s("c", "3"))
    new = doc(s("a", "1"), s("c", "3"), s("b", "2", level=2))
    entries = {e.key: e for e in comparison(old, new)["entries"]}
    assert entries["a"].kind == "unchanged"
    assert entries["b"].kind == "moved" and entries["b"].level_changed
    assert entries["c"].order_changed or entries["b"].order_changed


def test_comparison_title_change_is_a_change_with_a_title_diff():
    from concept.comparison import comparison

    result = comparison(doc(s("a", "1", "Bildung")), doc(s("a", "1", "Bildung und Erziehung")))
    entry = result["entries"][0]
    assert entry.kind == "changed" and entry.title_changed
    assert "Erziehung</ins>" in entry.title_diff


def test_comparison_puts_a_removed_section_where_it_stood():
    from concept.comparison import comparison

    old = doc(s("x", "0"), s("a", "1"), s("b", "2"), s("c", "3"))
    new = doc(s("a", "1"), s("c", "2"))
    assert [key for key, _ in kinds(comparison(old, new))] == ["x", "a", "b", "c"]


def test_comparison_of_identical_documents_has_no_changes():
    from concept.comparison import comparison

    document = doc(s("a", "1"), s("b", "2"))
    result = comparison(document, document)
    assert result["changes"] == []
    assert len(result["unchanged"]) == 2
