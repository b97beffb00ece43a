"""Real Chromium through Playwright: the system's /usr/bin/chromium, headless.

axe-core (WCAG 2.1 A/AA) runs on every page a journey visits; the page's HTML is kept for one
Nu HTML checker run at the end of the journey.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from contextlib import nullcontext
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop; Django's live_server and ORM calls from the test are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
VNU = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: apt-get install chromium (make test does)"
    assert AXE.exists(), "axe-core missing: npm install in tests/browser (make test does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Visitor:
    """A resident's browser tab that checks every page it lands on."""

    def __init__(self, context, strict_context, base_url: str):
        self.context = context
        self.page = context.new_page()
        # A second tab that keeps the portal's CSP (the first bypasses it to inject axe-core).
        self.strict = strict_context.new_page()
        self.base_url = base_url
        # The viewport widths each page is checked at (none: only the current one), and what
        # else to check at each: `at_width(page, width)`, a context manager axe-core runs in.
        self.widths: list[int] = []
        self.at_width = None
        self.html: dict[str, str] = {}
        self.csp_errors: list[str] = []
        self.strict.on(
            "console",
            lambda message: (
                self.csp_errors.append(message.text)
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )

    def goto(self, path: str, *, expect_status: int = 200):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == expect_status, (path, response)
        self.checked()
        return response

    def checked(self):
        """axe-core on the current page (at each of `widths`), and its HTML kept for the Nu
        checker."""
        self.page.wait_for_load_state("load")
        # The page as the server sent it, before axe-core is injected into it.
        self.html[self.page.url] = self.page.content()
        assert_sound_structure(self.page)
        for width in self.widths or [None]:
            if width is not None:
                height = self.page.viewport_size["height"]
                self.page.set_viewport_size({"width": width, "height": height})
            with self.at_width(self.page, width) if self.at_width else nullcontext():
                assert_no_axe_violations(self.page, width)
        if self.page.url.startswith(self.base_url):
            self.strict.goto(self.page.url)
            self.strict.wait_for_load_state("load")
            assert not self.csp_errors, f"CSP violations on {self.page.url}: {self.csp_errors}"

    def assert_fits_320px(self, paths: list[str]):
        """WCAG 1.4.10 Reflow: no horizontal scrolling at 320 CSS pixels."""
        self.page.set_viewport_size({"width": 320, "height": 640})
        try:
            for path in paths:
                self.page.goto(self.base_url + path)
                widths = self.page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                assert widths[0] <= widths[1], f"{path} scrolls horizontally at 320px: {widths}"
        finally:
            self.page.set_viewport_size({"width": 1280, "height": 900})


STRUCTURE = """() => {
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .map(h => Number(h.tagName[1]));
  const skips = headings.filter((level, i) => i > 0 && level > headings[i - 1] + 1);
  const unlabelled = [...document.querySelectorAll('input, select, textarea')]
    .filter(f => f.type !== 'hidden' && f.type !== 'submit' && f.type !== 'button')
    .filter(f => !(f.labels && f.labels.length) && !f.getAttribute('aria-label'))
    .map(f => f.name || f.id);
  return {
    lang: document.documentElement.lang,
    h1: headings.filter(level => level === 1).length,
    firstHeading: headings[0],
    skips: skips.length,
    main: document.querySelectorAll('main').length,
    header: document.querySelectorAll('body > header').length,
    footer: document.querySelectorAll('body > footer').length,
    unlabelled,
  };
}"""


def assert_sound_structure(page):
    """One h1, headings in order, the landmarks, labelled fields and a language."""
    found = page.evaluate(STRUCTURE)
    expected = {
        "lang": found["lang"] or "(missing)",
        "h1": 1,
        "firstHeading": 1,
        "skips": 0,
        "main": 1,
        "header": 1,
        "footer": 1,
        "unlabelled": [],
    }
    languages = {code for code, _name in settings.LANGUAGES}
    assert found["lang"] in languages, f"{page.url}: html lang {found['lang']!r}"
    assert found == expected, f"{page.url}: {found}"


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the current page (injected into it once)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


def assert_no_axe_violations(page, width: int | None = None):
    violations = axe_violations(page)
    at = f" at {width}px" if width else ""
    assert not violations, f"axe-core on {page.url}{at}:\n" + json.dumps(violations, indent=2)


def assert_valid_html(documents: dict[str, str], tmp_path: Path):
    """All pages in one call of the Nu HTML checker (vnu.jar, the machine's Java)."""
    errors = html_errors(documents, tmp_path)
    assert not errors, "\n".join(errors)


def html_errors(documents: dict[str, str], tmp_path: Path) -> list[str]:
    """The Nu HTML checker's errors on the documents (keyed by a label such as the URL)."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML checker"
    assert VNU.exists(), "vnu-jar missing: npm install in tests/browser (make test does)"
    files = {}
    for index, (url, html) in enumerate(documents.items()):
        path = tmp_path / f"page-{index}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = url
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [
        f"{files.get(_path(m.get('url', '')), m.get('url'))}: line {m.get('lastLine')}: "
        f"{m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]


def _path(uri: str) -> str:
    from urllib.parse import unquote, urlparse

    return unquote(urlparse(uri).path)


@pytest.fixture
def visitor(browser, live_server):
    # bypass_csp lets the test inject axe-core; the strict context keeps the portal's CSP and
    # reports any violation by the portal's own pages.
    context = browser.new_context(
        bypass_csp=True, locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    strict = browser.new_context(locale="de-DE")
    yield Visitor(context, strict, live_server.url)
    context.close()
    strict.close()


# --- the officer and the clerk in the admin ---------------------------------------------------
# The journeys drive the admin without checks; test_admin_crawl.py checks every admin page.

OFFICER_USERNAME = "beauftragte@minden.example"
OFFICER_PASSWORD = "Rathaus-Minden-Kleiner-Domhof"
CLERK_USERNAME = "ratsbuero@minden.example"
CLERK_PASSWORD = "Ratsbuero-Minden-Markt-1"


def officer_create():
    """The integration officer's account, with a password to log in through the browser."""
    from django.contrib.auth.models import Group

    from minden_integration.roles import OFFICER
    from tests.factories import UserFactory
    from tests.second_factor import confirmed_device

    officer = UserFactory(username=OFFICER_USERNAME, is_staff=True, password=OFFICER_PASSWORD)
    officer.groups.add(Group.objects.get(name=OFFICER))
    confirmed_device(officer)
    return officer


def clerk_create():
    """A council clerk's account (Ratsbüro: staff, view-only in the admin)."""
    from django.contrib.auth.models import Group

    from minden_integration.roles import CLERK
    from tests.factories import UserFactory
    from tests.second_factor import confirmed_device

    clerk = UserFactory(username=CLERK_USERNAME, is_staff=True, password=CLERK_PASSWORD)
    clerk.groups.add(Group.objects.get(name=CLERK))
    confirmed_device(clerk)
    return clerk


def admin_login(
    browser,
    base_url: str,
    *,
    username: str = OFFICER_USERNAME,
    password: str = OFFICER_PASSWORD,
    **context_options,
):
    """A new browser tab, logged into the admin (as the officer unless told otherwise): the
    password, then the code the account's app shows now (officer_create, clerk_create)."""
    from django.contrib.auth import get_user_model

    from tests.second_factor import confirmed_device, totp_code

    options = {"locale": "de-DE", "viewport": {"width": 1280, "height": 900}, **context_options}
    page = browser.new_context(**options).new_page()
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/konto/zweiter-faktor/**")
    device = confirmed_device(get_user_model().objects.get(username=username))
    page.get_by_label("Code aus der App").fill(totp_code(device))
    page.get_by_role("button", name="Code prüfen und anmelden").click()
    page.wait_for_url("**/admin/")
    return page
