"""`/health/`: only for the load balancer (its address) or monitoring (the token), and each
check failing for real when what it checks does not work."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from minden_integration.operations.tasks import heartbeat

TOKEN = "t" * 40
AUTHORISED = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
WORKER_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _health(settings, tmp_path):
    settings.PORTAL_HEALTH_TOKEN = TOKEN
    settings.PORTAL_HEALTH_ALLOWED_ADDRESSES = ["10.1.0.0/16", "2001:db8::1"]
    settings.MEDIA_ROOT = tmp_path / "media"


def health(client, **extra):
    return client.get("/health/", **extra)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer " + "x" * 40},
        {"HTTP_AUTHORIZATION": TOKEN},
        {"HTTP_AUTHORIZATION": f"Basic {TOKEN}"},
        # Whoever sends X-Forwarded-For writes it: only the connection's address counts.
        {"HTTP_X_FORWARDED_FOR": "10.1.2.3"},
        {"REMOTE_ADDR": "10.2.0.1"},
    ],
    ids=["nothing", "wrong token", "no scheme", "basic", "forwarded for", "other address"],
)
def test_the_health_endpoint_does_not_exist_for_anyone_else(client, db, headers):
    assert health(client, **headers).status_code == 404


def test_without_a_token_set_no_bearer_opens_it(client, db, settings):
    settings.PORTAL_HEALTH_TOKEN = ""
    assert health(client, HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.parametrize(
    "headers",
    [
        AUTHORISED,
        {"HTTP_AUTHORIZATION": f"bearer {TOKEN}"},
        {"REMOTE_ADDR": "10.1.200.7"},
        {"REMOTE_ADDR": "::ffff:10.1.0.9"},
        {"REMOTE_ADDR": "2001:db8::1"},
    ],
    ids=["token", "lower-case scheme", "network", "ipv4-mapped", "ipv6"],
)
def test_the_token_or_an_allowed_address_gets_the_report(client, db, headers):
    response = health(client, **headers)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    report = response.json()
    assert report["status"] == "ok"
    assert set(report["checks"]) == {"database", "cache", "storage", "tasks"}
    assert all(check["ok"] for check in report["checks"].values()), report


def test_the_storage_check_leaves_no_file_behind(client, db, settings):
    assert health(client, **AUTHORISED).status_code == 200
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_a_storage_that_cannot_be_written_fails_the_check(client, db, settings, tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    settings.MEDIA_ROOT = tmp_path / "a-file" / "media"
    response = health(client, **AUTHORISED)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert response.json()["status"] == "fail"
    assert not checks["storage"]["ok"] and "NotADirectoryError" in checks["storage"]["detail"]
    assert checks["database"]["ok"] and checks["cache"]["ok"] and checks["tasks"]["ok"]


def test_a_cache_without_its_table_fails_the_check(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "no_such_cache_table",
        }
    }
    response = health(client, **AUTHORISED)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert not checks["cache"]["ok"] and "no_such_cache_table" in checks["cache"]["detail"]
    # Each check in its own transaction: the failed one does not take the others along.
    assert checks["database"]["ok"] and checks["storage"]["ok"] and checks["tasks"]["ok"]


def test_the_shared_database_cache_passes_once_its_table_exists(client, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "health_test_cache",
        }
    }
    call_command("createcachetable")
    response = health(client, **AUTHORISED)
    assert response.json()["checks"]["cache"] == {
        **response.json()["checks"]["cache"],
        "ok": True,
        "detail": "DatabaseCache",
    }
    cache.clear()


def test_with_the_queue_the_report_queues_one_heartbeat_for_the_worker(client, db, settings):
    settings.TASKS = WORKER_QUEUE
    assert health(client, **AUTHORISED).status_code == 200
    assert health(client, **AUTHORISED).status_code == 200
    waiting = DBTaskResult.objects.filter(task_path=heartbeat.module_path)
    assert [row.status for row in waiting] == [TaskResultStatus.READY]


def test_the_worker_runs_the_heartbeat_and_keeps_only_the_last(client, transactional_db, settings):
    settings.TASKS = WORKER_QUEUE
    for _ in range(3):
        health(client, **AUTHORISED)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    finished = DBTaskResult.objects.filter(task_path=heartbeat.module_path)
    assert [row.status for row in finished] == [TaskResultStatus.SUCCESSFUL]


def test_a_heartbeat_waiting_too_long_means_no_worker(client, db, settings):
    settings.TASKS = WORKER_QUEUE
    settings.PORTAL_HEALTH_TASK_DELAY_MINUTES = 10
    health(client, **AUTHORISED)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=11))
    response = health(client, **AUTHORISED)
    assert response.status_code == 503
    tasks = response.json()["checks"]["tasks"]
    assert not tasks["ok"] and "11 minutes" in tasks["detail"] and "db_worker" in tasks["detail"]


def test_the_heartbeat_goes_before_the_tasks_waiting(client, db, settings):
    settings.TASKS = WORKER_QUEUE
    issue_task_waiting(minutes=30)
    health(client, **AUTHORISED)
    # The order in which the worker claims them.
    assert [row.task_path for row in DBTaskResult.objects.ready()] == [
        heartbeat.module_path,
        "concept.issuing_jobs.issue_files",
    ]


def test_a_backlog_of_other_tasks_is_reported_not_failed(client, db, settings):
    """A busy worker is a working one; failing would take the web out of the load balancer."""
    settings.TASKS = WORKER_QUEUE
    issue_task_waiting(minutes=30)
    response = health(client, **AUTHORISED)
    assert response.status_code == 200
    assert "1 waiting, the oldest for 18" in response.json()["checks"]["tasks"]["detail"]


def test_the_load_balancer_can_leave_the_worker_out(client, db, settings):
    settings.TASKS = WORKER_QUEUE
    health(client, **AUTHORISED)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(hours=1))
    response = client.get("/health/?checks=database,cache,storage", **AUTHORISED)
    assert response.status_code == 200
    assert set(response.json()["checks"]) == {"database", "cache", "storage"}
    assert client.get("/health/?checks=web", **AUTHORISED).status_code == 400


def issue_task_waiting(*, minutes: int) -> DBTaskResult:
    row = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="concept.issuing_jobs.issue_files",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=minutes)
    )
    return row


def test_a_task_deferred_to_later_is_not_waiting(client, db, settings):
    settings.TASKS = WORKER_QUEUE
    health(client, **AUTHORISED)
    DBTaskResult.objects.update(
        enqueued_at=timezone.now() - dt.timedelta(hours=2),
        run_after=timezone.now() - dt.timedelta(minutes=1),
    )
    assert health(client, **AUTHORISED).status_code == 200
