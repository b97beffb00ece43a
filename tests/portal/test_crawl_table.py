"""The small-screens crawl (tests/browser/test_small_screens.py) covers every route: a new URL
name fails here until it is given pages to visit or a reason why not (tests/browser/crawl.py)."""

from tests.browser.crawl import (
    ENGLISH,
    EXCLUDED,
    EXCLUDED_NAMESPACES,
    MEMBER,
    PUBLIC,
    url_routes,
)


def _excluded(name: str) -> bool:
    return name in EXCLUDED or name.split(":")[0] in EXCLUDED_NAMESPACES


def test_every_route_is_crawled_or_excluded_with_a_reason():
    names = {name for name, _route in url_routes()}

    missing = sorted(n for n in names if n not in PUBLIC and n not in MEMBER and not _excluded(n))

    assert not missing, f"Add to PUBLIC, MEMBER or EXCLUDED in tests/browser/crawl.py: {missing}"


def test_the_table_names_only_routes_that_exist():
    names = {name for name, _route in url_routes()}

    stale = sorted((set(PUBLIC) | set(MEMBER) | set(EXCLUDED)) - names)

    assert not stale
    assert all(any(n.startswith(f"{ns}:") for n in names) for ns in EXCLUDED_NAMESPACES)


def test_a_route_is_either_crawled_or_excluded():
    assert not (set(PUBLIC) | set(MEMBER)) & set(EXCLUDED)
    assert all(reason.strip() for reason in [*EXCLUDED.values(), *EXCLUDED_NAMESPACES.values()])


def test_the_routes_are_read_in_every_language():
    routes = url_routes()
    german = {route for name, route in routes if name == "measures:measure-detail"}

    assert german == {
        "massnahmen/<int:number>/",
        *(f"{code}/massnahmen/<int:number>/" for code in ("en", "tr", "ar", "ru", "uk")),
    }
    assert ("robots", "robots.txt") in routes
    assert not any(route.startswith("en/") for name, route in routes if name == "robots")


def test_the_english_pages_are_public_pages_served_in_english():
    english_routes = {name for name, route in url_routes() if route.startswith("en/")}

    assert set(ENGLISH) <= set(PUBLIC)
    assert set(ENGLISH) <= english_routes
