"""No public page of ten times the demo data weighs more than 300 KB as sent (issue 16).

The data is `bench/scale.py`'s, as `make bench` measures it: 990 measures, 140 sections in the
version in consultation, 80 amendments, 20 versions. Every page of the crawl's table (German and
English) is requested as a browser accepting gzip asks for it.
"""

import gzip
import io

import pytest
from django.core.management import call_command
from django.test import Client

from bench.scale import scale_demo
from concept.models import ConceptVersion
from tests.browser.crawl import PUBLIC, Visit, demo_world, english_visits, visits

# Committed: the crawl's invitation is mailed on commit, as in the browser tests.
pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 300 * 1024


def sent_size(response) -> int:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return len(body) if response.get("Content-Encoding") == "gzip" else len(gzip.compress(body))


def test_no_public_page_of_ten_times_the_demo_data_exceeds_300_kb_compressed(settings):
    call_command("load_minden", "--demo", stdout=io.StringIO())
    demo = demo_world()  # the crawl's pages, named before the data grows
    # Presenting the grown versions queues their files; no worker renders them here.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    counts = scale_demo(10)
    assert counts["measures"] >= 990 and counts["sections_in_consultation"] >= 140
    # And the versions the growth added, with the widest comparison.
    numbers = list(ConceptVersion.objects.public().values_list("number", flat=True))
    grown = [Visit(f"/konzept/v{n}/") for n in numbers]
    grown.append(Visit(f"/konzept/vergleich/?von={min(numbers)}&zu={max(numbers)}"))
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    sizes = {}
    for _name, visit in [
        *visits(PUBLIC, demo),
        *english_visits(demo),
        *(("grown", visit) for visit in grown),
    ]:
        if visit.prepare:
            visit.prepare()
        response = client.get(visit.path)
        if response.status_code == 200:
            sizes[visit.path] = sent_size(response)
    reading = f"/konzept/v{demo.open_version}/"
    assert sizes[reading] > 40 * 1024, "the reading view shows all 140 sections"
    assert len(sizes) > 40 and len(numbers) > counts["frozen_versions"]
    assert {path: size for path, size in sizes.items() if size > LIMIT} == {}
