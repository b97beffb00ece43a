"""The comparison of Minden's demo versions shows the section texts as text: headings, emphasis
and lists as the reading view shows them, with the changes marked inside them."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from concept.models import Section

pytestmark = pytest.mark.django_db

HEADING = "Was das Konzept leisten soll"


@pytest.fixture
def minden(db):
    """The demo, with a heading added to a section of version 2 (in consultation, not frozen):
    the demo's texts have emphasis and lists but no heading of their own."""
    call_command("load_minden", "--demo", stdout=io.StringIO())
    section = Section.objects.get(version__number=2, key="anlass-und-ziel")
    Section.objects.filter(pk=section.pk).update(body=f"# {HEADING}\n\n{section.body}")


class _Reader(HTMLParser):
    """The visible text of a fragment and its headings in order."""

    def __init__(self):
        super().__init__()
        self.text, self.headings, self.hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if ("class", "visually-hidden") in attrs:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag == "span" and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(data)


def read(fragment: str) -> _Reader:
    reader = _Reader()
    reader.feed(fragment)
    return reader


def entry(content: str, key: str) -> str:
    start = content.index(f'id="vergleich-{key}"')
    end = content.find('<div class="diff-entry', start)
    return content[start : end if end != -1 else len(content)]


def diff_texts(fragment: str) -> list[str]:
    return re.findall(r'<div class="diff-text diff-rendered" lang="de">(.*?)</div>', fragment, re.S)


def test_the_demo_comparison_shows_headings_emphasis_and_lists_not_markdown(client, minden):
    response = client.get("/konzept/vergleich/?von=1&zu=2")
    assert response.status_code == 200
    content = response.content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    texts = diff_texts(main)
    assert len(texts) >= 5

    # A heading in a section text is a heading, below the entry's h3 and h4.
    changed = "".join(diff_texts(entry(main, "anlass-und-ziel")))
    assert f'<h5><ins><span class="visually-hidden">Eingefügt: </span>{HEADING}</ins></h5>' in (
        changed
    )
    # Unchanged emphasis is emphasis; the reworded sentence is marked word by word.
    assert "<strong>Bedarf an neuen Angeboten</strong>" in changed
    assert "<strong>koordinieren</strong>" in changed
    assert "Gestrichen: </span>kein abgeschlossenes Papier:</del>" in changed
    assert "</ins> Auch nach dem Beschluss wird es im Dialog" in changed

    # The removed section's list is a list, its emphasis inside the struck text.
    removed = "".join(diff_texts(entry(main, "beteiligungsprozess")))
    assert "<ul>" in removed and removed.count("<li>") == 3
    assert '<li><del><span class="visually-hidden">Gestrichen: </span>Arbeitsgruppe </del>' in (
        removed
    )
    assert "<em><del>Bildung und Erziehung</del></em>" in removed

    # No Markdown marker is left to read in any compared text.
    for fragment in texts:
        text = "".join(read(fragment).text)
        assert "**" not in text and "*" not in text and "#" not in text, text
        assert not re.search(r"(^|\n)\s*(- |\d+\. )", text), text

    # Headings never skip a level on the way down (axe "heading-order").
    levels = read(main).headings
    assert levels[0] == 1 and 5 in levels
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
