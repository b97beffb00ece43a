"""The worker's heartbeat: `/health/` queues one when none waits, and a worker that takes
tasks runs it before any other (the highest priority), right after the task it is running. One
that waits too long means no worker is taking tasks."""

from django.tasks import TaskResultStatus, task
from django.tasks.base import TASK_MAX_PRIORITY
from django_tasks_db.models import DBTaskResult


@task(priority=TASK_MAX_PRIORITY)
def heartbeat() -> None:
    """Shows that a worker takes tasks; clears the heartbeats finished before, so that the
    queue's table keeps at most one of them."""
    DBTaskResult.objects.filter(
        task_path=heartbeat.module_path,
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
    ).delete()
