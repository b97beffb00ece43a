"""Small screens first: the public and the member's pages at 375 and 1280 CSS pixels, in real
Chromium with Minden's demo data.

On every page and at both widths: no horizontal scrolling, nothing cut (see CUT below), axe-core
without violations, the portal's CSP kept, and valid HTML (one Nu checker call per width). The
catalogue shows its first result before any filter field. Screenshots of the home page, the
reading view, the catalogue and "Mein Konto" go to ARTEFACTS_DIR (default tests/browser/artefacts/).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from tests.browser.conftest import assert_valid_html
from workgroups.models import Membership

WIDTHS = [375, 1280]

PUBLIC_PAGES = [
    "/",
    "/konzept/",
    "/konzept/v1/",
    "/konzept/versionen/",
    "/konzept/vergleich/?von=1&zu=2",
    "/konzept/v1/synopse/",
    "/konzept/v2/synopse/",
    "/massnahmen/",
    "/massnahmen/?gruppe=bildung-und-erziehung&prioritaet=hoch",
    "/massnahmen/1/",
    "/arbeitsgruppen/",
    "/arbeitsgruppen/arbeit-und-soziales/",
    "/suche/?q=Sprache",
]
MEMBER_PAGES = ["/mitmachen/", "/mitmachen/vorschlaege/", "/konto/"]
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
# - a field's placeholder fits into the field.
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
  const canvas = document.createElement('canvas').getContext('2d');
  const cut = [];
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className ? '.' + el.className : '');
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility({visibilityProperty: true}) || hiddenByClip(el)) continue;
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX)
      || style.textOverflow === 'ellipsis';
    if ((clips || el.matches('td, th')) && el.scrollWidth > el.clientWidth) {
      cut.push(`${name(el)}: content ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
    if (el.matches('input[placeholder]')) {
      canvas.font = style.font;
      const text = canvas.measureText(el.placeholder).width;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (text > room) cut.push(`${name(el)}: placeholder ${Math.ceil(text)}px in ${room}px`);
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
    user = Membership.objects.filter(user__isnull=False).order_by("pk").first().user
    client = Client()
    client.force_login(user)
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


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_small_and_wide_screens(visitor, minden, width, tmp_path):
    page = visitor.page
    page.set_viewport_size({"width": width, "height": 900})
    shots = artefacts_dir()

    def visit(path: str):
        visitor.goto(path)
        assert_fits(page, path, width)
        if path in SCREENSHOTS:
            page.screenshot(path=shots / f"{SCREENSHOTS[path]}-{width}.png", full_page=True)

    for path in PUBLIC_PAGES:
        visit(path)

    # The catalogue: results first; the filters unfold from their summary, and the active ones
    # stay visible and removable while folded.
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
    assert_fits(page, page.url, width)
    remove.click()
    page.wait_for_url(lambda url: "/massnahmen/" in url and "gruppe=" not in url)
    assert page.locator("summary", has_text="aktiv").count() == 0

    sign_in_member(visitor)
    for path in MEMBER_PAGES:
        visit(path)

    # The member's own proposals: every row shows its status, labelled, inside the screen.
    visitor.goto("/mitmachen/vorschlaege/")
    statuses = page.locator("main table tbody td[data-label='Status']")
    assert statuses.count() > 0
    for index in range(statuses.count()):
        box = statuses.nth(index).bounding_box()
        assert statuses.nth(index).is_visible() and box["x"] + box["width"] <= width
    if width < 992:
        label = statuses.first.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label == '"Status"'

    assert_valid_html(visitor.html, tmp_path)
    for name in SCREENSHOTS.values():
        assert (shots / f"{name}-{width}.png").stat().st_size > 0
