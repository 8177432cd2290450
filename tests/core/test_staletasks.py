"""A task left RUNNING by a killed worker goes back to the queue when the worker restarts."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def task_row(status, worker_ids, started_ago=timedelta(seconds=30)):
    return DBTaskResult.objects.create(
        status=status,
        started_at=timezone.now() - started_ago if status == TaskResultStatus.RUNNING else None,
        worker_ids=worker_ids,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="ratusz.alerts.tasks.send_confirmation",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now() - timedelta(minutes=1),
    )


def test_the_killed_workers_task_is_requeued_and_others_are_left_alone():
    orphan = task_row(TaskResultStatus.RUNNING, ["web1"])
    # Claimed by web1 long ago, then by web2's live worker: web2 is running it.
    other_host = task_row(TaskResultStatus.RUNNING, ["web1", "web2"])
    forgotten = task_row(TaskResultStatus.RUNNING, ["gone"], started_ago=timedelta(hours=7))
    done = task_row(TaskResultStatus.SUCCESSFUL, ["web1"])
    assert not DBTaskResult.objects.ready().filter(pk=orphan.pk).exists()

    call_command("ratusz_requeue_stale_tasks", "--worker-id", "web1")

    statuses = {r.pk: r.status for r in DBTaskResult.objects.all()}
    assert statuses[orphan.pk] == TaskResultStatus.READY
    assert statuses[forgotten.pk] == TaskResultStatus.READY  # older than 6 h, any worker
    assert statuses[other_host.pk] == TaskResultStatus.RUNNING
    assert statuses[done.pk] == TaskResultStatus.SUCCESSFUL
    # The next worker takes it again.
    assert set(DBTaskResult.objects.ready().values_list("pk", flat=True)) == {
        orphan.pk,
        forgotten.pk,
    }


def test_the_hook_defaults_to_the_host_name():
    import socket

    orphan = task_row(TaskResultStatus.RUNNING, [socket.gethostname()])
    call_command("ratusz_requeue_stale_tasks")
    orphan.refresh_from_db()
    assert orphan.status == TaskResultStatus.READY and orphan.started_at is None
