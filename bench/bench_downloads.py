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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minden_integration.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_DOWNLOAD_REQUESTS", "200"))
GOAL_MEDIAN_MS = 20


def fetch(client: Client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return b"".join(response.streaming_content) if response.streaming else response.content


def main() -> int:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
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
                f"median {median:.1f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms "
                f"over {REQUESTS} requests (goal < {GOAL_MEDIAN_MS} ms): "
                f"{'ok' if median < GOAL_MEDIAN_MS else 'MISSED'}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
