"""`make load` only: the production settings, plus the floor view (bench/urls_load.py).

The floor is a constant Django view served by the same gunicorn workers, through the same
middleware, so that each page's throughput can be put beside what Django alone manages on this
machine in the same run. It exists only under this settings module, never in production's
urlconf.
"""

from minden_integration.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls_load"
# Never stored by the full-page cache, when there is one: the floor is Django's own cost.
PORTAL_PAGE_CACHE_EXCLUDED = frozenset(globals().get("PORTAL_PAGE_CACHE_EXCLUDED", frozenset())) | {
    "bench-floor"
}
