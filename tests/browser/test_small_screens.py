"""Small screens first: every public and member page at 375 and 1280 CSS pixels, in real
Chromium with Minden's demo data.

The pages are those of tests/browser/crawl.py: every route of the portal is there with its pages
or with the reason it is left out (tests/portal/test_crawl_table.py keeps it complete). On every
page, at both widths, folded and unfolded: no horizontal scrolling, nothing cut (see CUT below),
axe-core without violations; and the portal's CSP kept, valid HTML (one Nu checker call: the
pages run no script, so their HTML is the same at both widths). The catalogue shows its first
result before any filter field. Screenshots of the home page, the reading view, the catalogue
and "Mein Konto" at both widths, and the list of the pages crawled (crawl.txt), go to
ARTEFACTS_DIR (default tests/browser/artefacts/).
"""

from __future__ import annotations

import io
import os
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from concept.models import ConceptVersion, VersionStatus
from tests.browser.conftest import assert_valid_html
from tests.browser.crawl import (
    ERRORS,
    MEMBER,
    PUBLIC,
    Visit,
    demo_member,
    demo_world,
    english_visits,
    route_name,
    visits,
)

WIDTHS = [375, 1280]

SCREENSHOTS = {
    "/": "startseite",
    "/konzept/": "leseansicht",
    "/massnahmen/": "massnahmen",
    "/konto/": "mein-konto",
}

# What "cut" means here, for every element the visitor can see (checkVisibility):
# - a box that hides or scrolls what overflows it (overflow hidden/clip/auto/scroll, or
#   text-overflow: ellipsis) is at least as wide as its content: nothing hidden, nothing to
#   scroll sideways (a table in .table-responsive that does not fit counts as cut);
# - a table cell is at least as wide as its content (a badge must not run into the next column);
# - any other box wider inside than outside (scroll width > client width) spills nothing the
#   visitor sees over its edge: no text, no field or image, no box with a border or background
#   (the empty gutter of a Bootstrap .row, a negative margin, may reach past it);
# - a field's placeholder fits into the field; a select shows its chosen option whole: wrapped
#   onto more lines where the browser lets a select be styled (appearance: base-select), else
#   on one line within the field.
# Exempt: the visually-hidden technique (an element or an ancestor clipped to a box of 1px or
# less: .visually-hidden, a card table's hidden header row) - it is meant for screen readers.
CUT = """() => {
  const hiddenByClip = el => {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      const box = node.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return true;
    }
    return false;
  };
  const seen = el => el.checkVisibility({visibilityProperty: true}) && !hiddenByClip(el);
  const canvas = document.createElement('canvas').getContext('2d');
  const cut = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className ? '.' + el.className : '');
  const painted = el => {
    const style = getComputedStyle(el);
    return el.matches('img, svg, video, iframe, canvas, input, select, textarea, button')
      || ['Top', 'Right', 'Bottom', 'Left'].some(side => parseFloat(style[`border${side}Width`]))
      || style.backgroundColor !== 'rgba(0, 0, 0, 0)' || style.backgroundImage !== 'none';
  };
  // What of `el`'s content the visitor sees past its right edge (its padding box).
  const spilled = el => {
    const edge = el.getBoundingClientRect().left + el.clientLeft + el.clientWidth + 0.5;
    const found = [];
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      if (!text.textContent.trim() || !seen(text.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      const right = range.getBoundingClientRect().right;
      if (right > edge) {
        found.push(`"${text.textContent.trim().slice(0, 40)}" ${Math.ceil(right - edge)}px`);
      }
    }
    for (const inner of el.querySelectorAll('*')) {
      const right = inner.getBoundingClientRect().right;
      if (right > edge && seen(inner) && painted(inner)) {
        found.push(`${name(inner)} ${Math.ceil(right - edge)}px`);
      }
    }
    return found;
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (!seen(el)) continue;
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX)
      || style.textOverflow === 'ellipsis' || style.appearance === 'base-select';
    if (el.scrollWidth > el.clientWidth) {
      if (clips || el.matches('td, th')) {
        cut.push(`${name(el)}: content ${el.scrollWidth}px in ${el.clientWidth}px`);
      } else if (el.clientWidth > 0) {
        const spills = spilled(el);
        if (spills.length) cut.push(`${name(el)}: spills past its edge: ${spills.slice(0, 3)}`);
      }
    }
    if (el.matches('input[placeholder]')) {
      canvas.font = style.font;
      const text = canvas.measureText(el.placeholder).width;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (text > room) cut.push(`${name(el)}: placeholder ${Math.ceil(text)}px in ${room}px`);
    }
    if (el.matches('select:not([multiple])') && el.selectedIndex >= 0
        && style.appearance !== 'base-select') {
      canvas.font = style.font;
      const chosen = el.options[el.selectedIndex].text;
      const text = canvas.measureText(chosen).width;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (text > room) cut.push(`${name(el)}: "${chosen}" ${Math.ceil(text)}px in ${room}px`);
    }
  }
  return cut;
}"""


def artefacts_dir() -> Path:
    """Where screenshots go: $ARTEFACTS_DIR, else tests/browser/artefacts/ (git-ignored)."""
    path = Path(os.environ.get("ARTEFACTS_DIR") or Path(__file__).parent / "artefacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def minden(transactional_db):
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())


def sign_in_member(visitor):
    """The first demo member with an account, logged in in both of the visitor's tabs."""
    client = Client()
    client.force_login(demo_member())
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": visitor.base_url,
    }
    visitor.context.add_cookies([cookie])
    visitor.strict.context.add_cookies([cookie])


def assert_fits(page, path: str, width: int):
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"{path} scrolls sideways at {width}px: {scroll} > {client}"
    cut = page.evaluate(CUT)
    assert not cut, f"{path} at {width}px cuts:\n" + "\n".join(cut)


# Folded content must fit too once unfolded: every closed <details> is opened for the checks and
# closed again after them.
UNFOLD = """() => document.querySelectorAll('details:not([open])').forEach(details => {
  details.open = true; details.dataset.unfolded = '';
})"""
FOLD = """() => document.querySelectorAll('details[data-unfolded]').forEach(details => {
  details.open = false; delete details.dataset.unfolded;
})"""
TABLE_ROLES = re.compile(r"^\s*- (table|rowgroup|row|columnheader|rowheader|cell)\b", re.MULTILINE)


def table_roles(page) -> list[str]:
    """The table roles of the page's tables as Chromium gives them to screen readers."""
    tables = page.locator("main table")
    return [
        " ".join(TABLE_ROLES.findall(tables.nth(index).aria_snapshot()))
        for index in range(tables.count())
    ]


class WidthChecks:
    """What the visitor checks on every page at each width, besides axe-core: it fits, folded
    and unfolded; a table shown as cards keeps its table semantics; the screenshots. axe-core
    runs on the unfolded page; the page is folded as before afterwards."""

    def __init__(self, base_url: str, shots: Path):
        self.base_url = base_url
        self.shots = shots
        self.roles: dict[str, list[str]] = {}

    @contextmanager
    def __call__(self, page, width: int):
        path = page.url.removeprefix(self.base_url)
        assert_fits(page, path, width)
        if path in SCREENSHOTS:
            page.screenshot(path=self.shots / f"{SCREENSHOTS[path]}-{width}.png", full_page=True)
        page.evaluate(UNFOLD)
        assert_fits(page, f"{path} (aufgeklappt)", width)
        roles = table_roles(page)
        assert self.roles.setdefault(page.url, roles) == roles, f"{path}: table roles at {width}px"
        yield  # axe-core checks the unfolded page
        page.evaluate(FOLD)


def assert_results_before_filters(page, width: int):
    """The first result comes before every filter field: folded away, or further down."""
    first_result = page.locator("table.measure-list tbody tr").first
    fields = page.locator("#massnahmen-filter").locator("input, select")
    assert first_result.is_visible()
    assert fields.count() == 9
    result_top = first_result.bounding_box()["y"]
    for index in range(fields.count()):
        field = fields.nth(index)
        if field.is_visible():
            assert result_top < field.bounding_box()["y"], f"filter field above results at {width}"
    assert page.locator("details.filter-disclosure:not([open]) #massnahmen-filter").count() == 1


def assert_catalogue_filters(visitor, width: int):
    """Results first; the filters unfold from their summary, and the active ones stay visible
    and removable while folded."""
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    visitor.widths = [width]
    visitor.goto("/massnahmen/")
    assert_results_before_filters(page, width)
    page.locator("summary", has_text="Maßnahmen suchen und filtern").click()
    assert page.get_by_label("Arbeitsgruppe").is_visible()
    page.get_by_label("Arbeitsgruppe").select_option("bildung-und-erziehung")
    page.get_by_role("button", name="Anwenden").click()
    page.wait_for_url("**gruppe=bildung-und-erziehung**")
    visitor.checked()
    assert_results_before_filters(page, width)
    assert page.locator("summary", has_text="1 aktiv").is_visible()
    remove = page.get_by_role("link", name="Filter entfernen: Arbeitsgruppe: Bildung und Erziehung")
    assert remove.is_visible()
    remove.click()
    page.wait_for_url(lambda url: "/massnahmen/" in url and "gruppe=" not in url)
    assert page.locator("summary", has_text="aktiv").count() == 0
    visitor.widths = WIDTHS


def assert_forms_answer_within_the_screen(visitor):
    """What a form answers: the authenticity check's result, the feedback form's errors."""
    page = visitor.page
    checksum = ConceptVersion.objects.get(status=VersionStatus.APPROVED).checksum
    visitor.goto("/echtheit/")
    page.get_by_role("textbox", name="oder Prüfsumme").fill(checksum[:16])
    page.get_by_role("button", name="Prüfen").click()
    page.wait_for_load_state("load")
    visitor.checked()
    assert checksum[:16] in page.content()

    visitor.goto("/barrierefreiheit/")
    page.get_by_role("button", name="Rückmeldung senden").click()
    page.wait_for_load_state("load")
    visitor.checked()
    assert page.get_by_text("Bitte beschreiben Sie die Barriere.").first.is_visible()


def assert_member_statuses_labelled(visitor):
    """The member's own proposals: every row shows its status, labelled, inside the screen."""
    page = visitor.page
    visitor.goto("/mitmachen/vorschlaege/")
    statuses = page.locator("main table tbody td[data-label='Status']")
    assert statuses.count() > 0
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for index in range(statuses.count()):
            box = statuses.nth(index).bounding_box()
            assert statuses.nth(index).is_visible() and box["x"] + box["width"] <= width
        label = statuses.first.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label == ('"Status"' if width < 992 else "none")


def test_every_page_fits_small_and_wide_screens(visitor, minden, tmp_path):
    """Each page is loaded once and checked at both widths, the viewport resized in between."""
    shots = artefacts_dir()
    demo = demo_world()
    visitor.widths = WIDTHS
    visitor.at_width = WidthChecks(visitor.base_url, shots)
    crawled: list[tuple[str, str]] = []

    def visit(name: str, target: Visit):
        assert route_name(target.path) == name, f"{target.path} is not a page of {name}"
        if target.prepare:
            target.prepare()
        visitor.goto(target.path, expect_status=target.status)
        crawled.append((name, target.path))

    public = list(visits(PUBLIC, demo))
    for name, target in public:
        if not target.prepare:
            visit(name, target)
    for name, target in english_visits(demo):
        visit(name, target)
    for target in ERRORS:
        visitor.goto(target.path, expect_status=target.status)
        crawled.append(("(404)", target.path))
    assert_forms_answer_within_the_screen(visitor)
    for width in WIDTHS:
        assert_catalogue_filters(visitor, width)

    sign_in_member(visitor)
    for name, target in visits(MEMBER, demo):
        visit(name, target)
    assert_member_statuses_labelled(visitor)
    # A page that changes the data for the pages after it comes last.
    for name, target in public:
        if target.prepare:
            visit(name, target)

    assert {name for name, _path in crawled} == set(PUBLIC) | set(MEMBER) | {"(404)"}
    (shots / "crawl.txt").write_text(
        "".join(f"{name}\t{path}\n" for name, path in crawled), encoding="utf-8"
    )
    assert_valid_html(visitor.html, tmp_path)
    for name in SCREENSHOTS.values():
        for width in WIDTHS:
            assert (shots / f"{name}-{width}.png").stat().st_size > 0
