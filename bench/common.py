"""What the benchmarks share: Django set up on bench/settings_bench.py (the test settings with
production's caching), a throw-away database of their own (minden_bench_<name>, never the
tests' or anyone's data), the demo data at a factor, and the statistics beside each figure.

Each `bench_*.py` imports this module first: it sets up Django.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402


@contextlib.contextmanager
def bench_database(name: str) -> Iterator[str]:
    """A fresh database `minden_bench_<name>` on the server DATABASE_URL names, dropped after."""
    setup_test_environment()
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"minden_bench_{name}"
    old_name = connection.settings_dict["NAME"]
    created = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    call_command("createcachetable", verbosity=0)
    try:
        yield created
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def caching() -> str:
    """Which caches the run uses, for the header."""
    from django.conf import settings

    return ", ".join(
        f"{alias}: {config['BACKEND'].rsplit('.', 1)[-1]}"
        for alias, config in settings.CACHES.items()
    ) + (
        f"; full-page cache {getattr(settings, 'PORTAL_PAGE_CACHE_SECONDS', 'absent')} s"
        if hasattr(settings, "PORTAL_PAGE_CACHE_SECONDS")
        else "; no full-page cache in this code"
    )


def demo_load(factor: int) -> str:
    """The demo data, grown `factor` times; returns a line saying what there is."""
    from bench import scale

    started = time.perf_counter()
    call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
    loaded = time.perf_counter() - started
    counts = scale.scale_demo(factor)
    grown = time.perf_counter() - started - loaded
    line = (
        f"{factor}x: {counts['measures']} measures, {counts['sessions']} sessions, "
        f"{counts['sections_in_consultation']} sections in version {counts['consulting_version']} "
        f"(in consultation), {counts['versions']} versions ({counts['frozen_versions']} frozen), "
        f"{counts['members']} members with an account, {counts['amendments']} amendments; "
        f"demo loaded in {loaded:.1f} s, grown in {grown:.1f} s"
    )
    return line


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def spread(timings: list[float]) -> dict[str, float]:
    """Median, p95, minimum, maximum and standard deviation of a list of times."""
    values = sorted(timings)
    return {
        "median": statistics.median(values),
        "p95": percentile(values, 0.95),
        "min": values[0],
        "max": values[-1],
        "stdev": statistics.stdev(values) if len(values) > 1 else 0.0,
    }
