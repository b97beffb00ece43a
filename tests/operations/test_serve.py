"""The production server for real, as `make serve` and the README's deployment run it:
collectstatic, the cache table, gunicorn with deploy/gunicorn.conf.py and the production
settings, against the test database, behind an imagined TLS proxy."""

import datetime as dt
import gzip
import json
import os
import re
import subprocess

import brotli
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from minden_integration.site.explanations import Explanation, ExplanationTopic
from tests.factories import ConceptFactory
from tests.operations.servers import (
    HTTPS,
    ROOT,
    TOKEN,
    free_port,
    gunicorn,
    production_environment,
)

VIDEO = bytes(range(256)) * 16


@pytest.fixture
def server(transactional_db, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the production configuration runs on PostgreSQL")
    settings.MEDIA_ROOT = tmp_path / "media"
    env = production_environment(
        tmp_path,
        settings.MEDIA_ROOT,
        GUNICORN_BIND=f"127.0.0.1:{free_port()}",
        GUNICORN_WORKERS="2",
    )
    with gunicorn(env, tmp_path / "gunicorn.log") as running:
        yield running


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
    assert report["checks"]["cache"]["detail"] == "CompressedDatabaseCache"
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
