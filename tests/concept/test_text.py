"""Markdown rendering: sanitised, headings shifted below the page's own, and no state carried
from one text to the next by the reused converter."""

import threading

from minden_integration.core.text import render_markdown


def test_script_and_raw_html_never_reach_the_page():
    html = render_markdown(
        'Text <script>alert(1)</script> [x](javascript:alert(1)) <b onclick="x">b</b>'
    )
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onclick" not in html


def test_headings_start_below_the_page_and_section_titles():
    html = render_markdown("# Eins\n\n## Zwei\n\n### Drei")
    assert "<h3>Eins</h3>" in html
    assert "<h4>Zwei</h4>" in html
    assert "<h1>" not in html and "<h2>" not in html


def test_tables_and_lists_are_rendered():
    html = render_markdown("| A | B |\n|---|---|\n| 1 | 2 |\n\n1. eins\n2. zwei")
    assert "<table>" in html and "<td>1</td>" in html
    assert "<ol>" in html


def test_a_reference_defined_in_one_text_does_not_resolve_in_the_next():
    first = render_markdown("[Stadt][s]\n\n[s]: https://www.minden.de/")
    assert 'href="https://www.minden.de/"' in first
    second = render_markdown("[Stadt][s]")
    assert "href" not in second


def test_each_thread_converts_its_own_texts():
    results = {}

    def convert(n):
        results[n] = [render_markdown(f"**Text {n}.{i}**") for i in range(50)]

    threads = [threading.Thread(target=convert, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, rendered in results.items():
        assert rendered == [f"<p><strong>Text {n}.{i}</strong></p>" for i in range(50)]
