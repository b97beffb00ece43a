"""What `/health/` checks: the database, the shared cache, the file storage and the task
worker, each for real (a query, a value written and read back, a file written, read and
deleted, a heartbeat the worker must take in time)."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Case, F, When
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from minden_integration.operations.tasks import heartbeat


class Unhealthy(Exception):
    """A check ran and found something wrong."""


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise Unhealthy("SELECT 1 answered something else")
    return connection.vendor


def check_cache() -> str:
    cache = caches[DEFAULT_CACHE_ALIAS]
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 60)
    try:
        if cache.get(key) != value:
            raise Unhealthy("a value written to the cache was not read back")
    finally:
        cache.delete(key)
    return type(cache).__name__


def check_storage() -> str:
    data = uuid.uuid4().hex.encode()
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(data))
    try:
        with default_storage.open(name, "rb") as stored:
            if stored.read() != data:
                raise Unhealthy("a file written to the storage was not read back")
    finally:
        default_storage.delete(name)
    return "a file written, read and deleted"


def check_tasks() -> str:
    """The worker's heartbeat must not wait longer than PORTAL_HEALTH_TASK_DELAY_MINUTES; one is
    queued when none waits, so that a stopped worker shows on an idle portal too. A backlog of
    other tasks is reported, not failed: a busy worker is a working one."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        return f"{type(backend).__name__}: tasks run without a worker"
    waiting_since = Case(
        When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after")
    )
    due = (
        DBTaskResult.objects.ready()
        .filter(backend_name=backend.alias)
        .annotate(waiting_since=waiting_since)
        .order_by("waiting_since")
    )
    now = timezone.now()
    beat = due.filter(task_path=heartbeat.module_path).values_list("waiting_since", flat=True)
    if not beat:
        heartbeat.enqueue()
    elif now - beat[0] > dt.timedelta(minutes=settings.PORTAL_HEALTH_TASK_DELAY_MINUTES):
        raise Unhealthy(
            f"the worker's heartbeat has waited {int((now - beat[0]).total_seconds() // 60)} "
            "minutes: is `manage.py db_worker` running?"
        )
    others = due.exclude(task_path=heartbeat.module_path)
    oldest = others.values_list("waiting_since", flat=True).first()
    if oldest is None:
        return "the worker takes tasks; none other waiting"
    return (
        f"the worker takes tasks; {others.count()} waiting, the oldest for "
        f"{int((now - oldest).total_seconds())} s"
    )


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "tasks": check_tasks,
}


def health_report(names: list[str] | None = None) -> tuple[bool, dict[str, dict]]:
    """The checks named (all by default), each in its own transaction so that one failing
    leaves the others their say: (all passed, {name: {"ok", "detail", "ms"}})."""
    results = {}
    for name in names or CHECKS:
        check = CHECKS[name]
        started = time.perf_counter()
        try:
            with transaction.atomic():
                detail, ok = check(), True
        except Exception as exc:  # a health check reports every failure
            detail, ok = f"{type(exc).__name__}: {exc}"[:300], False
        results[name] = {
            "ok": ok,
            "detail": detail,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }
    return all(result["ok"] for result in results.values()), results
