"""Server time, queries and compressed size of every public page, cold and warm, at 1x and 10x.

Run with `make bench` (PostgreSQL from DATABASE_URL; throw-away databases minden_bench_pages_*,
made and dropped; bench/settings_bench.py: caches as in production). Each page is requested
through Django's test client, in this process, without a server, as an anonymous reader whose
browser accepts gzip:

- cold: every configured Django cache is cleared before each request (what the first reader
  after a write, a restart or an eviction pays). Caches inside a process that are not Django
  caches (module-level memos) stay warm.
- warm: the same page again, its cache entries filled by the request before.

Per mode BENCH_REQUESTS timed requests (default 20): median, p95, min, max and standard
deviation in ms; the queries of one further request of the same mode, those on the database
caches' tables (cq) apart from the page's own (q, the goal's); the size of the body as
sent (gzip if the portal compressed it, else gzip applied here). Goals (issue 16), checked on the
cold figures at every factor: median < 100 ms, <= 12 queries, < 300 KB compressed.
BENCH_FACTORS=1,10 chooses the data sizes.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
import time
from pathlib import Path

from common import bench_database, caching, demo_load, spread  # noqa: I001  (sets up Django)
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
FACTORS = [int(f) for f in os.environ.get("BENCH_FACTORS", "1,10").split(",") if f.strip()]
GOAL_MEDIAN_MS = 100
GOAL_QUERIES = 12
GOAL_KB = 300
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')


def pages() -> list[tuple[str, str]]:
    from bench.report_bench import report_issued
    from concept.models import Concept, ConceptVersion, VersionStatus
    from measures.models import Measure
    from workgroups.models import Session

    concept = Concept.objects.current()
    versions = ConceptVersion.objects.filter(concept=concept)
    consulting = versions.get(status=VersionStatus.CONSULTATION).number
    frozen = list(versions.frozen().order_by("number").values_list("number", flat=True))
    group = concept.working_groups.order_by("position").first()
    session = Session.objects.filter(working_group=group).order_by("round").first()
    measure = Measure.objects.filter(concept=concept).order_by("number").first()
    compare = reverse("concept:version-compare")
    catalogue = reverse("measures:measure-list")
    found = [
        ("Startseite", "/"),
        ("Konzept (aktuell)", reverse("concept:version-current")),
        (f"Version {frozen[0]} (eingefroren)", reverse("concept:version-detail", args=[frozen[0]])),
        (
            f"Version {consulting} (Beteiligung)",
            reverse("concept:version-detail", args=[consulting]),
        ),
        ("Versionen", reverse("concept:version-list")),
        (f"Vergleich {frozen[0]}↔{consulting}", f"{compare}?von={frozen[0]}&zu={consulting}"),
    ]
    if len(frozen) > 1:
        found.append(
            (
                f"Vergleich {frozen[0]}↔{frozen[-1]} (eingefr.)",
                f"{compare}?von={frozen[0]}&zu={frozen[-1]}",
            )
        )
    return found + [
        ("Arbeitsgruppen", reverse("workgroups:group-list")),
        ("Arbeitsgruppe", group.get_absolute_url()),
        ("Sitzung", session.get_absolute_url()),
        ("Maßnahmen", catalogue),
        ("Maßnahmen gefiltert", f"{catalogue}?gruppe={group.slug}"),
        ("Maßnahmen gesucht", f"{catalogue}?q=Sprachförderung"),
        ("Maßnahme", measure.get_absolute_url()),
        ("Umsetzung", reverse("monitoring:overview")),
        ("Umsetzung gefiltert", f"{reverse('monitoring:overview')}?gruppe={group.slug}"),
        ("Umsetzungsbericht", report_issued().get_absolute_url()),
        ("Suche", reverse("search") + "?q=Sprache"),
        ("Mitmachen", reverse("participate")),
        ("Barrierefreiheit", reverse("accessibility")),
        ("Leichte Sprache", reverse("easy-language")),
        ("sitemap.xml", "/sitemap.xml"),
    ]


def caches_clear() -> None:
    for alias in settings.CACHES:
        caches[alias].clear()


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def sent_size(response, body: bytes) -> tuple[int, bool]:
    """Bytes on the wire and whether the portal compressed them itself."""
    if response.get("Content-Encoding") == "gzip":
        return len(body), True
    return len(gzip.compress(body)), False


def timed(client: Client, path: str, *, cold: bool) -> float:
    if cold:
        caches_clear()
    started = time.perf_counter()
    response = client.get(path)
    body_of(response)
    return (time.perf_counter() - started) * 1000


def queries_of(client: Client, path: str, *, cold: bool):
    if cold:
        caches_clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        body = body_of(response)
    assert response.status_code == 200, (path, response.status_code)
    in_cache = cache_queries([q["sql"] for q in queries], cache_tables())
    return (len(queries) - in_cache, in_cache), response, body


def cache_queries(statements: list[str], tables: list[str]) -> int:
    """The statements of the database caches: those on their tables, and the BEGIN/COMMIT
    around a cache's write (DatabaseCache.set runs in a transaction of its own)."""
    count = 0
    for index, sql in enumerate(statements):
        if any(t in sql for t in tables):
            count += 1
        elif sql == "BEGIN" and index + 1 < len(statements):
            count += any(t in statements[index + 1] for t in tables)
        elif sql == "COMMIT" and index > 0:
            count += any(t in statements[index - 1] for t in tables)
    return count


def cache_tables() -> list[str]:
    """The tables of the database caches: their queries are counted apart."""
    return [
        config["LOCATION"]
        for config in settings.CACHES.values()
        if config["BACKEND"].endswith("DatabaseCache")
    ]


def measure(client: Client, path: str) -> dict:
    result = {}
    for mode in ("cold", "warm"):
        cold = mode == "cold"
        # The first request fills what is stored per content generation (a live version's
        # document, derived rows); the figures are of the requests after it, counted alike.
        first, _response, _body = queries_of(client, path, cold=cold)
        if not cold:
            client.get(path)  # warm: the entries the counted request may have left behind
        timings = spread([timed(client, path, cold=cold) for _ in range(REQUESTS)])
        count, response, body = queries_of(client, path, cold=cold)
        if not cold:
            client.get(path)
        result[mode] = {
            **timings,
            "first_queries": first[0],
            "queries": count[0],
            "cache_queries": count[1],
        }
        if cold:
            result["bytes"], result["compressed"] = sent_size(response, body)
            html = gzip.decompress(body) if result["compressed"] else body
            result["html"] = html if "html" in response.get("Content-Type", "") else b""
    return result


def asset_sizes(html: str) -> tuple[int, int]:
    """gzip size of the CSS and JavaScript a page links, and of the JavaScript alone."""
    total = js = 0
    for url in sorted(set(ASSET.findall(html))):
        path = finders.find(url.removeprefix("/static/"))
        if not path:
            continue
        size = len(gzip.compress(Path(path).read_bytes()))
        total += size
        js += size if url.endswith(".js") else 0
    return total, js


def misses(r: dict) -> list[str]:
    cold = r["cold"]
    found = []
    if cold["median"] >= GOAL_MEDIAN_MS:
        found.append("time")
    if cold["queries"] > GOAL_QUERIES:
        found.append("queries")
    if r["bytes"] >= GOAL_KB * 1024:
        found.append("size")
    return found


def stats(s: dict) -> str:
    return (
        f"{s['median']:7.1f} {s['p95']:7.1f} {s['min']:6.1f} {s['max']:7.1f} {s['stdev']:6.1f} "
        f"{s['queries']:3d} {s['cache_queries']:3d} {s['first_queries']:3d}"
    )


def report(factor: int) -> int:
    client = Client(headers={"accept-encoding": "gzip"})
    columns = "median     p95    min     max  stdev   q  cq  q1"
    header = f"{'page':34} | cold: {columns} | warm: {columns} | {'KB gz':>6} | goals"
    print(header)
    print("-" * len(header))
    missed = 0
    first_html = b""
    for label, path in pages():
        r = measure(client, path)
        first_html = first_html or r["html"]
        found = misses(r)
        missed += bool(found)
        verdict = "ok" if not found else "MISSED " + ",".join(found)
        gz = f"{r['bytes'] / 1024:6.1f}" + ("" if r["compressed"] else "*")
        cold, warm = stats(r["cold"]), stats(r["warm"])
        print(f"{label[:34]:34} |       {cold} |       {warm} | {gz:>6} | {verdict}")
    assets, js = asset_sizes(first_html.decode("utf-8", "replace"))
    print(
        "q1 = the page's queries in its first request, which also fills what is stored per "
        "content generation (the first reader after a write pays it).\n"
        f"(* = sent uncompressed by the portal; the size shown is what gzip would make of it.) "
        f"CSS and JavaScript of the home page: {assets / 1024:.1f} KB gz, of which JavaScript "
        f"{js / 1024:.1f} KB."
    )
    print(
        f"{factor}x: {missed} page(s) missed a goal (cold median < {GOAL_MEDIAN_MS} ms, "
        f"<= {GOAL_QUERIES} queries, < {GOAL_KB} KB compressed)."
        if missed
        else f"{factor}x: every page meets the goals."
    )
    return missed


def main() -> int:
    print(
        f"Pages through the test client, {REQUESTS} timed requests per page and mode, times in "
        f"ms; q = queries of one request without the database caches' own, cq = those; "
        f"cold = every Django cache cleared before each request; "
        f"database {connection.vendor}, {os.cpu_count()} cores; caches: {caching()}"
    )
    for factor in FACTORS:
        with bench_database(f"pages_{factor}x"):
            print()
            print(demo_load(factor))
            report(factor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
