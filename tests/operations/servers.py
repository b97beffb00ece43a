"""The production server for the tests: gunicorn with deploy/gunicorn.conf.py and the
production settings against the test database, behind an imagined TLS proxy, as `make serve`
and the README's deployment run it."""

import http.client
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "health-" + "t" * 40
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


def production_environment(tmp_path: Path, media_root: Path, **more: str) -> dict[str, str]:
    """The environment of the production settings, with static files collected and the cache
    tables made (what deploy/serve-local does before it starts gunicorn)."""
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
        "DJANGO_MEDIA_ROOT": str(media_root),
        **more,
    }
    manage = [sys.executable, "manage.py"]
    for command in (["collectstatic", "--noinput", "-v0"], ["createcachetable"]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=300)
    return env


@contextmanager
def gunicorn(env: dict, log: Path):
    """gunicorn on env's GUNICORN_BIND, once it listens; stopped afterwards."""
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
