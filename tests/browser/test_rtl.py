"""The Arabic pages in Chromium, at a phone's and a desktop's width: right to left with
Bootstrap's RTL build, nothing scrolls sideways, axe-core finds nothing, and the screenshots go
to the artefacts folder."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.conf import settings

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_small_screens import artefacts_dir, assert_fits, minden  # noqa: F401

WIDTHS = [375, 1280]
PAGES = {"/ar/": "rtl-home", "/ar/konzept/v1/": "rtl-reading-view"}


@pytest.fixture
def arabic_visitor(visitor, minden):  # noqa: F811 - the demo data fixture
    shots = artefacts_dir()
    seen: list[tuple[str, int]] = []

    @contextmanager
    def at_width(page, width):
        path = page.url.removeprefix(visitor.base_url)
        direction = page.evaluate(
            "[document.documentElement.lang, document.documentElement.dir,"
            " getComputedStyle(document.body).direction]"
        )
        assert direction == ["ar", "rtl", "rtl"], (path, width, direction)
        stylesheets = page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)"
        )
        assert any(href.endswith("bootstrap.rtl.min.css") for href in stylesheets)
        assert not any(href.endswith("bootstrap.min.css") for href in stylesheets)
        assert_fits(page, path, width)
        page.screenshot(path=shots / f"{PAGES[path]}-{width}.png", full_page=True)
        seen.append((path, width))
        yield

    visitor.widths = WIDTHS
    visitor.at_width = at_width
    visitor.seen = seen
    return visitor


def test_arabic_pages_read_right_to_left_at_both_widths(arabic_visitor):
    for path in PAGES:
        arabic_visitor.goto(path)

    assert arabic_visitor.seen == [(path, width) for path in PAGES for width in WIDTHS]
    for name in PAGES.values():
        for width in WIDTHS:
            assert (artefacts_dir() / f"{name}-{width}.png").stat().st_size > 0


def test_the_reading_view_isolates_the_german_title(arabic_visitor):
    arabic_visitor.page.goto(arabic_visitor.base_url + "/ar/konzept/v1/")

    title = arabic_visitor.page.locator("h1 bdi[lang=de]").first
    switch = arabic_visitor.page.locator(".language-switch a[hreflang=de] >> visible=true")

    assert title.evaluate("element => getComputedStyle(element).direction") == "ltr"
    # The German text runs left to right; the Arabic headings inside it right to left.
    text = arabic_visitor.page.locator(".concept-text")
    inner = text.locator("[lang=ar]").first
    assert text.evaluate("element => getComputedStyle(element).direction") == "ltr"
    assert inner.evaluate("element => getComputedStyle(element).direction") == "rtl"
    assert switch.get_attribute("lang") == "de" and switch.inner_text() == "Deutsch"


def test_on_a_phone_the_languages_unfold_under_the_current_one(arabic_visitor):
    page = arabic_visitor.page
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(arabic_visitor.base_url + "/ar/")
    menu = page.locator(".language-menu")

    assert menu.locator("summary [lang=ar]").inner_text() == "العربية"
    assert not menu.locator("a[hreflang=tr]").is_visible()
    menu.locator("summary").click()

    names = menu.locator("li").all_inner_texts()
    assert [name.strip() for name in names] == [name for _code, name in settings.LANGUAGES]
    assert menu.locator("a[hreflang=tr]").is_visible()
    assert_fits(page, "/ar/ (Sprachen aufgeklappt)", 375)
    assert_no_axe_violations(page, 375)
    page.screenshot(path=artefacts_dir() / "rtl-language-menu-375.png")
