"""Two app servers behind one address, as with a load balancer: separate gunicorn processes
with the production settings, one PostgreSQL database and the shared cache they configure
(the database's cache tables). A page one server stored is served by the other; a write is
visible on both with the next request."""

import gzip
import os
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import ConceptFactory, MeasureFactory, WorkingGroupFactory
from tests.operations.test_serve import HTTPS, ROOT, TOKEN, Server, database_url, free_port

HOST = {"Host": "127.0.0.1"}  # one public name for both, as behind a balancer


@contextmanager
def gunicorn(env: dict, log: Path):
    with log.open("wb") as output:
        process = subprocess.Popen(
            [Path(sys.executable).with_name("gunicorn"), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
    try:
        deadline = time.monotonic() + 90
        while True:
            assert process.poll() is None, f"gunicorn stopped:\n{log.read_text()}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, f"gunicorn never listened:\n{log.read_text()}"
                time.sleep(0.2)
        yield Server(port, Path(env["DJANGO_STATIC_ROOT"]))
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def two_servers(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the production configuration runs on PostgreSQL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "minden_integration.settings.prod",
        "DATABASE_URL": database_url(),
        "DJANGO_SECRET_KEY": "serve-test-" + "s" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_BASE_URL": "https://127.0.0.1",
        "PORTAL_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
        "PORTAL_TRUSTED_PROXY_COUNT": "1",
        "DJANGO_EMAIL_HOST": "smtp.invalid",
        "DJANGO_DEFAULT_FROM_EMAIL": "Integrationskonzept <integration@minden.invalid>",
        "PORTAL_HEALTH_TOKEN": TOKEN,
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_WORKERS": "1",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["collectstatic", "--noinput", "-v0"], ["createcachetable"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=300)
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
