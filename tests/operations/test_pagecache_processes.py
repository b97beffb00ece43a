"""Two app servers behind one address, as with a load balancer: separate gunicorn processes
with the production settings, one PostgreSQL database and the shared cache they configure
(the database's cache tables). A page one server stored is served by the other; a write is
visible on both with the next request."""

import gzip
from contextlib import ExitStack

import pytest
from django.db import connection

from tests.factories import ConceptFactory, MeasureFactory, WorkingGroupFactory
from tests.operations.servers import HTTPS, free_port, gunicorn, production_environment

HOST = {"Host": "127.0.0.1"}  # one public name for both, as behind a balancer


@pytest.fixture
def two_servers(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the production configuration runs on PostgreSQL")
    env = production_environment(tmp_path, tmp_path / "media", GUNICORN_WORKERS="1")
    with ExitStack() as stack:
        yield [
            stack.enter_context(
                gunicorn(env | {"GUNICORN_BIND": f"127.0.0.1:{free_port()}"}, tmp_path / name)
            )
            for name in ("a.log", "b.log")
        ]


def test_a_write_is_visible_at_once_through_two_processes_sharing_the_cache(two_servers):
    from measures.services import progress_record

    a, b = two_servers
    concept = ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")
    group = WorkingGroupFactory(concept=concept, slug="bildung")
    measure = MeasureFactory(concept=concept, working_group=group, title="Sprachkurse für Eltern")
    path = f"/massnahmen/{measure.number}/"
    ask = HTTPS | HOST | {"Accept_Encoding": "gzip"}

    status, headers, body = a.get(path, **ask)
    assert status == 200 and headers["X-Page-Cache"] == "miss"
    assert headers["Content-Encoding"] == "gzip"
    page = gzip.decompress(body).decode()
    assert "Sprachkurse für Eltern" in page
    # The other process serves what the first stored, compressed as it was stored.
    status, headers, stored = b.get(path, **ask)
    assert status == 200 and headers["X-Page-Cache"] == "hit" and stored == body

    progress_record(measure=measure, status="in_progress", note="Erste Kurse laufen im März")

    for server in (b, a):
        status, headers, body = server.get(path, **ask)
        assert status == 200, server.port
        assert "Erste Kurse laufen im März" in gzip.decompress(body).decode(), server.port
    # And both serve the new page from the shared cache again.
    assert b.get(path, **ask)[1]["X-Page-Cache"] == "hit"
    assert a.get(path, **ask)[1]["X-Page-Cache"] == "hit"
