"""A second portal process for the cache tests: its own per-process cache, the same database.

Reads one path per line on stdin and answers one JSON line: status, body and how many queries
the request took (a cache hit takes fewer).
"""

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minden_integration.settings.test")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

setup_test_environment()
client = Client()
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(line.strip())
    print(
        json.dumps(
            {
                "status": response.status_code,
                "body": response.content.decode(),
                "queries": len(queries),
            }
        ),
        flush=True,
    )
