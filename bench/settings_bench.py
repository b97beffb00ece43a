"""`make bench`: the test settings (fast hashing, locmem mail, tasks only queued), but caching as
production does it without Redis: every configured cache in a database table, and the full-page
cache switched on when the code has one (the tests switch it off). BENCH_CACHE=locmem keeps the
test settings' caches in the process's memory instead.
"""

import os

from django.conf import global_settings

from minden_integration.settings import base, test
from minden_integration.settings.test import *  # noqa: F403

CACHES = getattr(test, "CACHES", global_settings.CACHES)

if hasattr(base, "PORTAL_PAGE_CACHE_SECONDS"):
    PORTAL_PAGE_CACHE_SECONDS = base.PORTAL_PAGE_CACHE_SECONDS

if os.environ.get("BENCH_CACHE", "database") == "database":
    CACHES = {
        alias: {
            "BACKEND": "minden_integration.core.cache_backends.CompressedDatabaseCache",
            "LOCATION": f"bench_cache_{alias}",
            "OPTIONS": {"MAX_ENTRIES": 10_000, **config.get("OPTIONS", {})},
        }
        for alias, config in CACHES.items()
    }
