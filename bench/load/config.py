"""`make load`'s settings, from the environment (README, Benchmarks), and its page mix."""

from __future__ import annotations

import os

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
FLOOR_SECONDS = int(os.environ.get("FLOOR_SECONDS", "10"))
PAGE_SECONDS = int(os.environ.get("PAGE_SECONDS", "5"))
FACTOR = int(os.environ.get("LOAD_FACTOR", "10"))
PORT = int(os.environ.get("LOAD_PORT", "8765"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "5"))
THREADS = int(os.environ.get("LOAD_THREADS", "2"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "20"))
KEEP = os.environ.get("LOAD_KEEP", "") == "1"
GOAL_P99_MS = 500
GOAL_FLOOR_SHARE = 0.5
# Page types that must reach half the floor's throughput (issue 16).
FLOOR_GOAL_PAGES = {"reading", "current", "catalogue", "catalogue-filtered", "catalogue-searched"}
# The anonymous mix, per thousand requests; a type with several addresses splits its weight.
MIX = {
    "home": 150,
    "reading": 110,
    "current": 90,
    "frozen": 20,
    "versions": 30,
    "proposals": 40,
    "synopsis": 15,
    "compare": 40,
    "compare-frozen": 15,
    "catalogue": 90,
    "catalogue-filtered": 70,
    "catalogue-searched": 60,
    "measure": 90,
    "group": 50,
    "session": 20,
    "search": 50,
    "sitemap": 10,
    "monitoring": 30,
    "feed": 20,
    "pdf-live": int(os.environ.get("LOAD_PDF_WEIGHT", "4")),
    "floor": 40,
}
# Not requested alone: the live PDF (a render or a 202) is measured in the mix only.
NOT_ALONE = {"pdf-live", "floor"}
LOG_FORMAT = "%(D)s %(s)s %({x-bench-page}i)s %(m)s %(U)s"
