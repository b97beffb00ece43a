"""The production server for real, as `make serve` and the README's deployment run it:
collectstatic, the cache table, gunicorn with deploy/gunicorn.conf.py and the production
settings, against the test database, behind an imagined TLS proxy."""

import datetime as dt
import gzip
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import brotli
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from minden_integration.site.explanations import Explanation, ExplanationTopic
from tests.factories import ConceptFactory

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "health-" + "t" * 40
VIDEO = bytes(range(256)) * 16
HTTPS = {"X-Forwarded-Proto": "https"}  # what the proxy in front adds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, which the tests' own connection uses, for the server's."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    def __init__(self, port: int, static_root: Path):
        self.port, self.static_root = port, static_root

    def get(self, path: str, **headers) -> tuple[int, http.client.HTTPMessage, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()


@pytest.fixture
def server(transactional_db, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the production configuration runs on PostgreSQL")
    port = free_port()
    settings.MEDIA_ROOT = tmp_path / "media"
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
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["collectstatic", "--noinput", "-v0"], ["createcachetable"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=300)
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [Path(sys.executable).with_name("gunicorn"), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
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
        yield Server(port, tmp_path / "static")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_production_server_serves_pages_static_files_media_and_health(server):
    ConceptFactory(slug="minden", title="Integrationskonzept der Stadt Minden")
    explanation = Explanation.objects.create(
        topic=ExplanationTopic.CONTENT,
        video=SimpleUploadedFile("inhalt.mp4", VIDEO),
        captions=SimpleUploadedFile("inhalt.vtt", b"WEBVTT\n"),
        duration=dt.timedelta(minutes=1),
    )

    # Plain HTTP (no proxy header) is redirected to HTTPS once; through the proxy, served.
    status, headers, _ = server.get("/")
    assert status == 301 and headers["Location"] == f"https://127.0.0.1:{server.port}/"
    status, headers, body = server.get("/", **HTTPS)
    page = body.decode()
    assert status == 200 and "Integrationskonzept der Stadt Minden" in page
    assert headers["Strict-Transport-Security"] == "max-age=31536000"

    # The style sheet under its hashed name, compressed, kept by browsers for good.
    stylesheet = re.search(
        r'href="(/static/vendor/bootstrap-[\d.]+/bootstrap\.min\.[0-9a-f]{12}\.css)"', page
    )
    assert stylesheet, page
    path = stylesheet.group(1)
    original = (server.static_root / path.removeprefix("/static/")).read_bytes()
    status, headers, body = server.get(path, Accept_Encoding="gzip", **HTTPS)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == original and len(body) < len(original) / 3
    assert "immutable" in headers["Cache-Control"]
    status, headers, body = server.get(path, Accept_Encoding="br, gzip", **HTTPS)
    assert headers["Content-Encoding"] == "br" and brotli.decompress(body) == original

    # The sign-language video, in the range the player asks for.
    status, headers, body = server.get(explanation.video.url, Range="bytes=0-99", **HTTPS)
    assert status == 206 and body == VIDEO[:100]
    assert headers["Content-Range"] == f"bytes 0-99/{len(VIDEO)}"

    # The health endpoint: nobody's business without the token; with it, every check passes.
    assert server.get("/health/", **HTTPS)[0] == 404
    status, _, body = server.get("/health/", Authorization=f"Bearer {TOKEN}")
    report = json.loads(body)
    assert status == 200, report
    assert report["checks"]["cache"]["detail"] == "DatabaseCache"
    assert "without a worker" not in report["checks"]["tasks"]["detail"]


def test_make_serve_runs_the_steps_of_a_deployment_then_the_worker_and_gunicorn():
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    planned = subprocess.run(
        ["make", "-n", "-o", "install", "-o", "messages", "serve", "PORT=8123"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "PORT=8123" in planned and "bash deploy/serve-local" in planned
    script = (ROOT / "deploy" / "serve-local").read_text()
    subprocess.run(["bash", "-n", ROOT / "deploy" / "serve-local"], check=True)
    steps = re.findall(r'manage\.py (\w+)|(gunicorn)" -c deploy/gunicorn\.conf\.py', script)
    assert [command or server for command, server in steps] == [
        "collectstatic",
        "migrate",
        "createcachetable",
        "load_minden",
        "db_worker",
        "create_local_admin",
        "gunicorn",
    ]
    assert 'trap \'kill "$worker"' in script
    assert ".serve-secret" in (ROOT / ".gitignore").read_text()
