"""`make load`: the production configuration under load, on this machine, at 10x the demo data.

Not part of the tests. Needs PostgreSQL (DATABASE_URL names the server; the database used is
always minden_bench_load, dropped and made anew) and wrk. Steps:

1. The database at LOAD_FACTOR (10) times the demo data (bench/scale.py), members and an
   officer with passwords, the officer with an app for the second factor (bench/load/setup.py).
2. gunicorn with deploy/gunicorn.conf.py, LOAD_WORKERS (5) workers, the production settings plus
   a constant ~20 KB view, the floor (bench/settings_load.py; not in production's urlconf), and
   the task worker (`manage.py db_worker`), as deploy/serve-local starts them.
3. wrk (-t LOAD_THREADS -c LOAD_CONNECTIONS, 2 and 20) on 127.0.0.1 with bench/load/mix.lua:
   the floor alone for FLOOR_SECONDS (10); each page type alone for PAGE_SECONDS (5; 0 skips);
   then the anonymous mix for LOAD_SECONDS (60) while members submit amendments through the
   forms and the officer decides them in the admin (bench/load/writers.py).
4. Afterwards every amendment the members saw stored is checked in the database.

Latencies: for a page type alone, wrk's own (client side: queueing included); in the mix, per
page type the server time gunicorn logs (%(D)s, from the request read to the response sent:
without the time a request waited for a free worker), since wrk cannot tell its requests apart;
wrk's overall figures for the mix are shown beside them.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent
PY = sys.executable
DB_NAME = "minden_bench_load"

sys.path.insert(0, str(HERE))
from config import (  # noqa: E402
    CONNECTIONS,
    FACTOR,
    FLOOR_SECONDS,
    GOAL_FLOOR_SHARE,
    GOAL_P99_MS,
    KEEP,
    LOG_FORMAT,
    MIX,
    NOT_ALONE,
    PAGE_SECONDS,
    PORT,
    SECONDS,
    THREADS,
    WORKERS,
)
from report import log_read, report_alone, report_mix  # noqa: E402


def database_urls() -> tuple[str, str]:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("make load needs PostgreSQL: DATABASE_URL=postgres://user@host:5432/any")
    parts = urlsplit(base)
    return parts._replace(path="/postgres").geturl(), parts._replace(path=f"/{DB_NAME}").geturl()


def database_run(admin_url: str, *statements: str) -> None:
    import psycopg2

    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        connection.close()


def database_recreate(admin_url: str) -> None:
    database_run(
        admin_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)", f"CREATE DATABASE {DB_NAME}"
    )


def database_drop(admin_url: str) -> None:
    database_run(admin_url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def server_env(url: str, work: Path) -> dict[str, str]:
    """What deploy/serve-local sets, with this run's own secrets, folders and database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_load",
        "DATABASE_URL": url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "PORTAL_HEALTH_TOKEN": secrets.token_urlsafe(32),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": f"http://127.0.0.1:{PORT}",
        "PORTAL_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
        "PORTAL_TRUSTED_PROXY_COUNT": "0",
        "PORTAL_LOCAL_HTTP": "1",
        "DJANGO_TASKS_BACKEND": "database",
        "DJANGO_EMAIL_BACKEND": "minden_integration.mail.ConsoleEmailBackend",
        "DJANGO_DEFAULT_FROM_EMAIL": "Integrationskonzept (Lasttest) <integration@localhost>",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "GUNICORN_WORKERS": str(WORKERS),
        "PYTHONPATH": str(ROOT),
    }


def step(title: str, args: list[str], env: dict, **changes: str) -> None:
    started = time.perf_counter()
    result = subprocess.run(
        args, cwd=ROOT, env={**env, **changes}, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"{title} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    print(f"  {title}: {time.perf_counter() - started:.1f} s", flush=True)


def wait_for(url: str, seconds: int = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"the server did not answer {url} within {seconds} s")


def warm_up(addresses: list[str]) -> None:
    """One request per address before a page type is measured alone: its figures are those of
    a page in the cache (the mix, with the writers' invalidations, shows the cold ones)."""
    for address in addresses:
        try:
            request = urllib.request.Request(  # noqa: S310
                f"http://127.0.0.1:{PORT}{address}",
                headers={"Accept-Encoding": "gzip", "Accept-Language": "de-DE,de;q=0.9"},
            )
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                response.read()
        except OSError:
            pass


def mix_file(pages: dict[str, list[str]], path: Path) -> None:
    lines = []
    for tag, weight in MIX.items():
        addresses = pages[tag]
        for address in addresses:
            lines.append(
                f"{tag}\t{max(1, weight * 10 // len(addresses)) if weight else 0}\t{address}"
            )
    path.write_text("\n".join(lines) + "\n")


def wrk(seconds: int, mix: Path, only: str | None = None) -> dict:
    args = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(HERE / "mix.lua"),
        f"http://127.0.0.1:{PORT}",
        "--",
        str(mix),
        *([only] if only else []),
    ]
    output = subprocess.run(args, capture_output=True, text=True, check=False).stdout
    found = re.search(r"^BENCH-RESULT (\{.*\})$", output, re.MULTILINE)
    if not found:
        sys.exit(f"wrk gave no result:\n{output}")
    result = json.loads(found.group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def main() -> int:
    admin_url, url = database_urls()
    work = Path(os.environ.get("LOAD_DIR") or tempfile.mkdtemp(prefix="minden-bench-load-"))
    work.mkdir(parents=True, exist_ok=True)
    env = server_env(url, work)
    quiet_mail = {"DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    started = time.perf_counter()
    print(
        f"make load: {os.cpu_count()} cores (os.cpu_count()), {WORKERS} gunicorn workers, wrk "
        f"-t{THREADS} -c{CONNECTIONS}, data {FACTOR}x, database {DB_NAME}, files in {work}",
        flush=True,
    )
    database_recreate(admin_url)
    manage = [PY, "manage.py"]
    step("migrate", [*manage, "migrate", "--noinput", "-v0"], env)
    step("createcachetable", [*manage, "createcachetable"], env)
    step("collectstatic", [*manage, "collectstatic", "--noinput", "-v0"], env)
    # Version 1's files are issued here, as the demo presents it; the scaled versions' are not
    # (18 more renders): their downloads answer "wird erstellt".
    step(
        "demo data",
        [*manage, "load_minden", "--demo"],
        env,
        DJANGO_TASKS_BACKEND="immediate",
        **quiet_mail,
    )
    accounts = work / "accounts.json"
    step(
        f"scaled to {FACTOR}x",
        [PY, str(HERE / "setup.py"), "prepare", str(FACTOR), str(accounts)],
        env,
        DJANGO_TASKS_BACKEND="django.tasks.backends.dummy.DummyBackend",
        **quiet_mail,
    )
    prepared = json.loads(accounts.read_text())
    counts = prepared["counts"]
    print(
        f"  {counts['measures']} measures, {counts['sections_in_consultation']} sections in "
        f"version {counts['consulting_version']}, {counts['versions']} versions "
        f"({counts['frozen_versions']} frozen), {counts['members']} members, "
        f"{counts['amendments']} amendments"
    )
    mix = work / "mix.tsv"
    mix_file(prepared["pages"], mix)
    access = work / "access.log"
    access.write_text("")
    server_log = (work / "server.log").open("w")
    worker_log = (work / "worker.log").open("w")
    worker = subprocess.Popen(
        [*manage, "db_worker", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=worker_log,
        stderr=worker_log,
    )
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "-c",
            "deploy/gunicorn.conf.py",
            "--access-logfile",
            str(access),
            "--access-logformat",
            LOG_FORMAT,
        ],
        cwd=ROOT,
        env=env,
        stdout=server_log,
        stderr=server_log,
    )
    try:
        wait_for(f"http://127.0.0.1:{PORT}/bench-floor/")
        print(f"  server up after {time.perf_counter() - started:.0f} s in all", flush=True)
        offsets = [access.stat().st_size]
        floor = wrk(FLOOR_SECONDS, mix, "floor")
        alone = {}
        if PAGE_SECONDS > 0:
            for tag in MIX:
                if tag not in NOT_ALONE:
                    warm_up(prepared["pages"][tag])
                    alone[tag] = wrk(PAGE_SECONDS, mix, tag)
            # Again after the pages: how much the machine's own pace drifted meanwhile.
            floor_after = wrk(FLOOR_SECONDS, mix, "floor")
            print(
                f"  floor alone: {floor['rps']:.0f} req/s before the pages, "
                f"{floor_after['rps']:.0f} after; the shares below use the mean",
                flush=True,
            )
            floor = {**floor, "rps": (floor["rps"] + floor_after["rps"]) / 2}
        time.sleep(1)
        offsets.append(access.stat().st_size)
        writers_out = work / "writers.json"
        writers = subprocess.Popen(
            [
                PY,
                str(HERE / "writers.py"),
                f"http://127.0.0.1:{PORT}",
                str(accounts),
                str(SECONDS),
                str(writers_out),
            ],
            cwd=ROOT,
        )
        mix_started = time.perf_counter()
        mixed = wrk(SECONDS, mix)
        writers.wait(timeout=SECONDS + 120)
        mix_seconds = time.perf_counter() - mix_started
        time.sleep(1)
        offsets.append(access.stat().st_size)
    finally:
        for process in (server, worker):
            process.send_signal(signal.SIGTERM)
        for process in (server, worker):
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
    alone_logs = log_read(access, offsets[0], offsets[1])
    mix_logs = log_read(access, offsets[1], offsets[2])
    misses = report_alone(floor, alone, alone_logs) if alone else []
    misses += report_mix(mixed, mix_logs, mix_seconds)
    record = json.loads(writers_out.read_text())
    print()
    print(f"Writers: {', '.join(f'{k}: {v}' for k, v in sorted(record['stats'].items()))}")
    for error in record["errors"]:
        print(f"  writer stopped: {error}")
        misses.append("writer error")
    verified = subprocess.run(
        [PY, str(HERE / "setup.py"), "verify", str(writers_out)], cwd=ROOT, env=env, check=False
    )
    if verified.returncode:
        misses.append("amendments")
    print()
    print(
        f"Goals (p99 < {GOAL_P99_MS} ms, 0 errors, reading view and catalogue >= "
        f"{GOAL_FLOOR_SHARE:.0%} of the floor, no amendment lost): "
        + ("all met." if not misses else f"{len(misses)} missed: {'; '.join(misses)}")
    )
    print(f"make load took {time.perf_counter() - started:.0f} s; logs in {work}")
    if not KEEP:
        database_drop(admin_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
