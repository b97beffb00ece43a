"""Server time, query count and transfer size of every public page at ten times the demo data.

Run with `make bench` (PostgreSQL from DATABASE_URL; a throw-away test database is created).
Prints, per page: median and p95 over REQUESTS requests, queries, and the compressed size of
the HTML plus its CSS/JS. Goals: median < 50 ms, < 300 KB per page, < 50 KB of JavaScript.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minden_integration.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))
GOAL_MEDIAN_MS = 50
GOAL_PAGE_KB = 300
GOAL_JS_KB = 50
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')


def pages() -> list[tuple[str, str]]:
    from concept.models import Concept
    from workgroups.models import Session

    concept = Concept.objects.current()
    group = concept.working_groups.order_by("position").first()
    session = Session.objects.filter(working_group=group).order_by("round").first()
    return [
        ("Startseite", "/"),
        ("Konzept (aktuell)", reverse("concept:version-current")),
        ("Version 1 (eingefroren)", reverse("concept:version-detail", args=[1])),
        ("Version 2 (×10 Abschnitte)", reverse("concept:version-detail", args=[2])),
        ("Versionen", reverse("concept:version-list")),
        ("Vergleich 1↔2", reverse("concept:version-compare") + "?von=1&zu=2"),
        ("Arbeitsgruppen", reverse("workgroups:group-list")),
        ("Arbeitsgruppe", group.get_absolute_url()),
        ("Sitzung", session.get_absolute_url()),
        ("Maßnahmen", reverse("measures:measure-list")),
        ("Maßnahmen gefiltert", reverse("measures:measure-list") + f"?gruppe={group.slug}"),
        ("Maßnahmen gesucht", reverse("measures:measure-list") + "?q=Sprachförderung"),
        ("Maßnahme", reverse("measures:measure-detail", args=[1])),
        ("Maßnahmen CSV", reverse("measures:measure-csv")),
        ("Suche", reverse("search") + "?q=Sprache"),
        ("Barrierefreiheit", reverse("accessibility")),
        ("Leichte Sprache", reverse("easy-language")),
        ("sitemap.xml", "/sitemap.xml"),
    ]


def asset_sizes(html: str) -> tuple[int, int]:
    total = js = 0
    for url in sorted(set(ASSET.findall(html))):
        path = finders.find(url.removeprefix("/static/"))
        if not path:
            continue
        size = len(gzip.compress(Path(path).read_bytes()))
        total += size
        if url.endswith(".js"):
            js += size
    return total, js


def measure(client: Client, path: str) -> dict:
    for _ in range(3):
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    # Counted now: every request starts by clearing the connection's query log.
    query_count = len(queries)
    assert response.status_code == 200, (path, response.status_code)
    timings = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    html = body.decode("utf-8", "replace") if "html" in response["Content-Type"] else ""
    assets, js = asset_sizes(html)
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "queries": query_count,
        "kb": (len(gzip.compress(body)) + assets) / 1024,
        "js_kb": js / 1024,
    }


def main() -> int:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
        from bench.scale import scale_demo

        counts = scale_demo(10)
        print(
            f"Data: {counts['measures']} measures, {counts['sessions']} sessions, "
            f"{counts['sections_in_consultation']} sections in version 2 "
            f"(loaded in {time.perf_counter() - started:.1f} s); {REQUESTS} requests per page, "
            f"database {connection.vendor}"
        )
        client = Client()
        header = (
            f"{'page':28} {'median ms':>9} {'p95 ms':>8} {'queries':>7} {'KB gz':>7} "
            f"{'JS KB':>6}  goals"
        )
        print(header)
        print("-" * len(header))
        misses = 0
        for label, path in pages():
            r = measure(client, path)
            ok = r["median"] < GOAL_MEDIAN_MS and r["kb"] < GOAL_PAGE_KB and r["js_kb"] < GOAL_JS_KB
            misses += not ok
            print(
                f"{label:28} {r['median']:9.1f} {r['p95']:8.1f} {r['queries']:7d} "
                f"{r['kb']:7.1f} {r['js_kb']:6.1f}  {'ok' if ok else 'MISSED'}"
            )
        print(f"{misses} page(s) missed a goal." if misses else "Every page meets the goals.")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
