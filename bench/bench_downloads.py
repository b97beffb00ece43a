"""Server time of a stored download: version 1's PDF, issued when the demo presented it (the
tests' immediate tasks backend), then served from storage.

Run with `make bench` (PostgreSQL from DATABASE_URL; a throw-away test database and media folder
are created). Prints the time of the first request, then median and p95 over REQUESTS requests
of the stored file through the test client. Goal: median < 20 ms.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time

from common import bench_database, percentile  # noqa: I001  (sets up Django)
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

REQUESTS = int(os.environ.get("BENCH_DOWNLOAD_REQUESTS", "200"))
GOAL_MEDIAN_MS = 20
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def fetch(client: Client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return b"".join(response.streaming_content) if response.streaming else response.content


def main() -> int:
    with (
        bench_database("downloads"),
        tempfile.TemporaryDirectory() as media,
        override_settings(MEDIA_ROOT=media),
    ):
        # The files are issued as the demo presents version 1: at once, not queued.
        with override_settings(TASKS=IMMEDIATE):
            call_command("load_minden", "--demo", verbosity=0, stdout=io.StringIO())
        from concept.models import ConceptVersion, IssuedFile

        version = ConceptVersion.objects.frozen().order_by("number").first()
        path = reverse("exports:version-download", args=[version.number, "pdf"])
        client = Client()
        started = time.perf_counter()
        first = fetch(client, path)
        rendering_ms = (time.perf_counter() - started) * 1000
        timings = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            body = fetch(client, path)
            timings.append((time.perf_counter() - started) * 1000)
            assert body == first
        assert IssuedFile.objects.filter(version=version, format="pdf").count() == 3
        timings.sort()
        median = statistics.median(timings)
        print(
            f"Stored download, version {version.number} PDF ({len(first) / 1024:.0f} KB): "
            f"first request {rendering_ms:.0f} ms; "
            f"median {median:.1f} ms, p95 {percentile(timings, 0.95):.1f} ms "
            f"over {REQUESTS} requests (goal < {GOAL_MEDIAN_MS} ms): "
            f"{'ok' if median < GOAL_MEDIAN_MS else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
