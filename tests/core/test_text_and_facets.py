"""The shared helpers behind snippets and facet addresses: Markdown as plain text, and the
table of German slugs for stored values."""

import re

import pytest

from minden_integration.core.facets import FacetVocabulary, slug_query
from minden_integration.core.text import highlight, markdown_to_text

MARKDOWN = """# Ausgangslage

Es gibt **Bedarf an neuen Angeboten** und *mehr* _Kurse_.

- Sprachkurse
- [Elterncafés](https://example.org/cafe) in der Stadt

1. erstens
2. zweitens

| Ort | Angebot |
|-----|---------|
| Minden | Kurs & Café |

> Zitat mit `Code`
"""


def test_markdown_becomes_the_words_a_reader_sees():
    text = markdown_to_text(MARKDOWN)
    for marker in ("**", "*", "_", "#", "|", "[", "](", "https://", "- ", "1.", ">", "`"):
        assert marker not in text, marker
    assert "Es gibt Bedarf an neuen Angeboten und mehr Kurse." in text
    assert "Elterncafés in der Stadt" in text
    assert "Kurs & Café" in text


def test_blocks_stay_apart():
    text = markdown_to_text(
        "# Titel\n\nAbsatz eins\n\n- eins\n- zwei\n\n| a | b |\n|---|---|\n| c | d |"
    )
    assert text.split() == ["Titel", "Absatz", "eins", "eins", "zwei", "a", "b", "c", "d"]
    assert "  " not in text and not text.startswith("\n") and not text.endswith("\n")


def test_raw_html_in_markdown_is_no_markup_after_highlighting():
    text = markdown_to_text("Die Stadt fördert <b>Elterncafés</b> <script>alert(1)</script>")
    assert text == "Die Stadt fördert Elterncafés"
    marked = highlight(markdown_to_text("a < b **und** Tom &amp; Jerry"), ["und"])
    assert marked == "a &lt; b <mark>und</mark> Tom &amp; Jerry"


@pytest.mark.parametrize("empty", ["", None])
def test_no_text_is_no_snippet(empty):
    assert markdown_to_text(empty) == ""


COLOURS = [("red", "rot"), ("dark_blue", "dunkelblau")]


def test_a_vocabulary_offers_slugs_and_reads_them_back():
    vocabulary = FacetVocabulary(COLOURS, {"red": "rot", "dark_blue": "dunkelblau"})
    assert vocabulary.choices() == [("rot", "rot"), ("dunkelblau", "dunkelblau")]
    assert vocabulary.value("dunkelblau") == "dark_blue"
    assert vocabulary.value("dark_blue") is None
    assert vocabulary.replacement("dark_blue") == "dunkelblau"
    assert vocabulary.replacement("dunkelblau") is None


@pytest.mark.parametrize(
    "slugs",
    [
        {"red": "rot"},  # an option without a slug
        {"red": "rot", "dark_blue": "rot"},  # two options, one slug
        {"red": "dark_blue", "dark_blue": "dunkelblau"},  # a slug that is a stored value
    ],
)
def test_a_vocabulary_must_name_every_option_once(slugs):
    with pytest.raises(ValueError):
        FacetVocabulary(COLOURS, slugs)


def test_old_values_are_replaced_in_place_and_the_rest_kept_in_order():
    vocabularies = {"farbe": FacetVocabulary(COLOURS, {"red": "rot", "dark_blue": "dunkelblau"})}
    query = "q=red&farbe=dark_blue&seite=2&farbe=rot&farbe=lila&leer="
    assert slug_query(query, vocabularies) == (
        "q=red&farbe=dunkelblau&seite=2&farbe=rot&farbe=lila&leer="
    )
    assert slug_query("farbe=rot&q=red", vocabularies) is None
    assert slug_query("farbe=lila", vocabularies) is None
    assert slug_query("", vocabularies) is None


@pytest.mark.parametrize(
    "text",
    [
        "Beispielprotokoll " * 20,
        "Ein Satz.\nZweite Zeile  \nDritte\n\n\nNeuer Absatz (mit Klammer), 2011.",
        "  eingerückt\n wenig",
        "Straße  und   Ärger\tTab",
        "E-Mail an foo@example.org; 50 % mehr = viel",
        "x\r\ny",
        "",
    ],
)
def test_text_without_markup_skips_the_converter_with_the_same_result(text, monkeypatch):
    from minden_integration.core import text as text_module

    fast = markdown_to_text(text)
    monkeypatch.setattr(text_module, "_MAY_BE_MARKUP", re.compile(""))  # always convert

    assert markdown_to_text(text) == fast
