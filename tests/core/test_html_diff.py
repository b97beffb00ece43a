"""Markdown compared as rendered text: the structure and formatting of the reading view, with
<ins>/<del> inside it, well-formed and sanitised."""

import random
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from minden_integration.core.diff import diff_labels
from minden_integration.core.html_diff import markdown_diff
from minden_integration.core.text import render_markdown

INS = '<ins><span class="visually-hidden">Eingefügt: </span>'
DEL = '<del><span class="visually-hidden">Gestrichen: </span>'
VOID = {"br", "hr"}


def diff(old, new, **options):
    return markdown_diff(old, new, **diff_labels(), **options)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def visible_text(html: str, *, without: str = "") -> str:
    """The text a reader sees, optionally without the insertions or the deletions."""
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    if without:
        html = re.sub(rf"<{without}>.*?</{without}>", "", html, flags=re.S)
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def well_formed(html: str) -> bool:
    """Parses as XML once the void elements are closed: every tag balanced and nested."""
    xml = re.sub(r"<(br|hr)>", r"<\1/>", html)
    try:
        ET.fromstring(f"<div>{xml}</div>")
    except ET.ParseError:
        return False
    return True


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_heading_stays_a_heading_below_the_compare_page_headings():
    result = diff(
        "# Ziel\n\nText eins.\n\n## Weg\n\nMehr.", "# Ziel\n\nText zwei.\n\n## Weg\n\nMehr."
    )
    assert "<h5>Ziel</h5>" in result.html
    assert "<h6>Weg</h6>" in result.html
    assert f"<p>Text {DEL}eins</del>{INS}zwei</ins>.</p>" in result.html
    assert not re.search(r"<h[1-4]", result.html)
    assert result.changed


def test_the_top_heading_can_be_chosen():
    result = diff("# Ziel\n\nalt", "# Ziel\n\nneu", top_heading=3)
    assert "<h3>Ziel</h3>" in result.html


def test_a_heading_whose_words_change_is_marked_inside_the_heading():
    result = diff("# Alte Ziele\n\nText", "# Neue Ziele\n\nText")
    assert f"<h5>{DEL}Alte</del>{INS}Neue</ins> Ziele</h5>" in result.html


def test_a_change_inside_emphasis_is_marked_inside_the_emphasis():
    result = diff(
        "Die Arbeitsgruppe *Bildung und Erziehung* tagt.",
        "Die Arbeitsgruppe *Bildung und Schule* tagt.",
    )
    assert f"<em>Bildung und {DEL}Erziehung</del>{INS}Schule</ins></em> tagt." in result.html
    assert result.html.count("<em>") == 1


def test_a_changed_word_alone_in_bold_stays_in_one_bold_element():
    result = diff("Der **Rat** berät.", "Der **Ausschuss** berät.")
    assert f"<strong>{DEL}Rat</del>{INS}Ausschuss</ins></strong>" in result.html


def test_unchanged_emphasis_is_kept_around_a_change_elsewhere():
    result = diff(
        "Den **Bedarf an neuen Angeboten** feststellen.",
        "Den **Bedarf an neuen Angeboten** rasch feststellen.",
    )
    assert "<strong>Bedarf an neuen Angeboten</strong>" in result.html
    assert f"{INS}rasch </ins>" in result.html


def test_a_change_of_formatting_alone_is_shown():
    result = diff("Die Stadt berät.", "Die **Stadt** berät.")
    assert result.changed
    assert f"{DEL}Stadt</del><strong>{INS}Stadt</ins></strong>" in result.html


def test_a_list_stays_a_list_and_each_item_shows_its_own_change():
    old = "- Arbeitsgruppe *Bildung*\n- Arbeitsgruppe *Arbeit*\n- Dialog"
    new = "- Arbeitsgruppe *Bildung*\n- Arbeitsgruppe *Arbeit und Soziales*\n- Dialog\n- Neu"
    result = diff(old, new)
    html = result.html
    assert html.startswith("<ul>") and html.count("<ul>") == 1
    assert "<li>Arbeitsgruppe <em>Bildung</em></li>" in html
    assert f"<li>Arbeitsgruppe <em>Arbeit{INS} und Soziales</ins></em></li>" in html
    assert f"<li>{INS}Neu</ins></li>" in html
    assert html.count("<li>") == 4


def test_a_replacement_across_two_items_stays_in_each_item():
    result = diff("1. eins alt\n2. zwei alt", "1. eins neu\n2. zwei neu")
    assert result.html.count("<li>") == 2
    assert f"<li>eins {DEL}alt</del>{INS}neu</ins></li>" in result.html
    assert f"<li>zwei {DEL}alt</del>{INS}neu</ins></li>" in result.html


def test_an_item_removed_from_a_nested_list_is_struck_in_its_place():
    result = diff("- eins\n    - zwei\n    - drei\n- vier", "- eins\n    - zwei\n- vier")
    assert f"<li>{DEL}drei</del></li>" in result.html
    assert result.html.count("<ul>") == 2


def test_no_markdown_marker_reaches_the_reader():
    old = (
        "Das Konzept soll den **Bedarf an neuen Angeboten** feststellen.\n\n"
        "## Arbeitsgruppen\n\n- Arbeitsgruppe *Bildung und Erziehung*\n- Arbeitsgruppe *Dialog*"
    )
    new = (
        "Das Konzept soll den **Bedarf** feststellen und _koordinieren_.\n\n"
        "## Arbeitsgruppen\n\n1. Arbeitsgruppe *Bildung*\n2. Arbeitsgruppe *Dialog*\n\n> Zitat"
    )
    text = visible_text(diff(old, new).html)
    assert "**" not in text and "*" not in text and "_" not in text
    assert "#" not in text and ">" not in text
    assert not re.search(r"(^|\n)\s*(- |\d+\. )", text)


def test_a_paragraph_added_or_removed_is_a_whole_block():
    added = diff("Eins.\n\nZwei.", "Eins.\n\nGanz neu hier.\n\nZwei.")
    assert f"<p>Eins.</p>\n<p>{INS}Ganz neu hier.</ins></p>\n<p>Zwei.</p>" == added.html
    removed = diff("Eins.\n\nGanz alt hier.\n\nZwei.", "Eins.\n\nZwei.")
    assert f"<p>Eins.</p>\n<p>{DEL}Ganz alt hier.</del></p>\n<p>Zwei.</p>" == removed.html


def test_a_paragraph_that_became_a_list_item_shows_the_old_block_struck_and_the_new_inserted():
    result = diff("Vereine öffnen sich.", "- Vereine öffnen sich.")
    assert result.html == (
        f"<p>{DEL}Vereine öffnen sich.</del></p>\n"
        f"<ul>\n<li>{INS}Vereine öffnen sich.</ins></li>\n</ul>"
    )


def test_a_rewritten_paragraph_is_not_paired_with_an_unrelated_one():
    result = diff("Alt eins zwei drei.\n\nBleibt fast gleich hier.", "Bleibt fast gleich dort.")
    assert f"<p>{DEL}Alt eins zwei drei.</del></p>" in result.html
    assert f"<p>Bleibt fast gleich {DEL}hier</del>{INS}dort</ins>.</p>" in result.html


def test_a_whole_text_added_or_removed():
    assert diff("", "Neu *da*").html == f"<p>{INS}Neu </ins><em><ins>da</ins></em></p>"
    assert diff("Weg", None).html == f"<p>{DEL}Weg</del></p>"
    assert diff(None, "").html == "" and not diff(None, "").changed


def test_the_label_is_read_once_per_change_in_each_block():
    result = diff("Eins.", "Eins *zwei drei* vier.")
    assert result.html.count("Eingefügt: ") == 1
    table = diff("| A | B |\n|---|---|\n| 1 | |", "| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | |")
    assert table.html.count("Eingefügt: ") == 2
    assert f"<td>{INS}2</ins></td>" in table.html
    assert f"<td>{INS}3</ins></td>" in table.html


def test_an_unchanged_text_is_the_rendered_text_without_marks():
    text = "# Ziel\n\nDer **Rat** berät.\n\n- a\n- b"
    result = diff(text, text)
    assert not result.changed
    assert result.html == render_markdown(text, top_heading=5)
    assert "<ins" not in result.html and "<del" not in result.html


def test_different_markdown_for_the_same_text_is_no_change():
    assert not diff("*kursiv* und **fett**", "_kursiv_ und __fett__").changed


def test_script_and_raw_html_in_a_text_never_reach_the_page():
    result = diff(
        "Text",
        'Text <script>alert(1)</script> <b onclick="x()">fett</b> [Link](javascript:alert(1)) '
        '<img src="x" onerror="alert(2)"> <span class="visually-hidden">versteckt</span>',
    )
    html = result.html
    assert "<script" not in html and "alert(1)" not in html
    assert "onclick" not in html and "onerror" not in html and "<img" not in html
    assert "javascript:" not in html and "<b>" not in html
    assert 'class="visually-hidden">versteckt' not in html
    # What is left is text, inserted like any other.
    assert visible_text(html) == "Text  fett Link  versteckt"
    assert "versteckt</ins>" in html


def test_links_keep_the_link_rules():
    result = diff("[Stadt](https://www.minden.de/) neu", "[Stadt](https://www.minden.de/) alt")
    assert '<a href="https://www.minden.de/" rel="noopener noreferrer">Stadt</a>' in result.html


def test_a_changed_link_target_shows_the_old_link_struck_and_the_new_one_inserted():
    result = diff("[Stadt](https://a.example/)", "[Stadt](https://b.example/)")
    assert f'<a href="https://a.example/" rel="noopener noreferrer">{DEL}Stadt</del></a>' in (
        result.html
    )
    assert f'<a href="https://b.example/" rel="noopener noreferrer">{INS}Stadt</ins></a>' in (
        result.html
    )


def test_in_context_long_unchanged_stretches_become_a_gap():
    old = "\n\n".join(["Anfang alt."] + [f"Absatz {n}." for n in range(1, 8)] + ["Ende."])
    new = old.replace("Anfang alt.", "Anfang neu.")
    result = diff(old, new, in_context=True)
    assert "<p>Absatz 1.</p>" in result.html
    assert "<p>Absatz 2.</p>" not in result.html
    assert result.html.endswith("<p>[…]</p>")
    assert diff(old, new).html.count("<p>") == 9


# --- well-formed, and nothing lost or invented ------------------------------------------------

WORDS = ["Kita", "Schule", "Arbeit", "Dialog", "Stadt", "Verein", "Rat", "neu", "alt"]


def _paragraph(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
    index = rng.randrange(len(words))
    words[index] = rng.choice(["*{}*", "**{}**", "[{}](https://x.example/)", "`{}`", "{}"]).format(
        words[index]
    )
    return " ".join(words)


def _block(rng):
    kind = rng.random()
    if kind < 0.4:
        return _paragraph(rng)
    if kind < 0.55:
        return f"{rng.choice(['#', '##', '###'])} {_paragraph(rng)}"
    if kind < 0.7:
        return "\n".join(
            f"- {_paragraph(rng)}" + (f"\n    - {_paragraph(rng)}" if rng.random() < 0.2 else "")
            for _ in range(rng.randint(1, 4))
        )
    if kind < 0.8:
        return "\n".join(f"{n}. {_paragraph(rng)}" for n in range(1, rng.randint(2, 4)))
    if kind < 0.87:
        return f"> {_paragraph(rng)}"
    if kind < 0.94:
        cells = [*WORDS, ""]
        rows = [f"| {rng.choice(cells)} | {rng.choice(cells)} |" for _ in range(rng.randint(1, 3))]
        return "| A | B |\n|---|---|\n" + "\n".join(rows)
    return rng.choice(["---", f"Zeile eins  \n{_paragraph(rng)}"])


def _edited(rng, text):
    blocks = text.split("\n\n") if text else []
    for _ in range(rng.randint(1, 3)):
        edit = rng.random()
        if edit < 0.3 and blocks:
            blocks[rng.randrange(len(blocks))] = _block(rng)
        elif edit < 0.5 or not blocks:
            blocks.insert(rng.randint(0, len(blocks)), _block(rng))
        elif edit < 0.6:
            blocks.pop(rng.randrange(len(blocks)))
        else:
            index = rng.randrange(len(blocks))
            words = blocks[index].split(" ")
            words[rng.randrange(len(words))] = rng.choice([*WORDS, "*neu*", "**fett**"])
            blocks[index] = " ".join(words)
    return "\n\n".join(blocks)


def test_every_diff_is_well_formed_and_reads_as_either_version():
    rng = random.Random(14)
    for _ in range(300):
        old = "\n\n".join(_block(rng) for _ in range(rng.randint(0, 5)))
        new = _edited(rng, old)
        html = diff(old, new).html
        assert well_formed(html), (old, new, html)
        # Without the deletions it reads as the new text, without the insertions as the old.
        assert squeeze(visible_text(html, without="del")) == squeeze(
            visible_text(render_markdown(new))
        ), (old, new, html)
        assert squeeze(visible_text(html, without="ins")) == squeeze(
            visible_text(render_markdown(old))
        ), (old, new, html)
