"""Requeue tasks left RUNNING by a worker that died (see ratusz_requeue_stale_tasks)."""

import logging

from django.db import transaction
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

log = logging.getLogger(__name__)


def requeue_stale_tasks(worker_id: str, started_before) -> int:
    """RUNNING tasks last claimed by `worker_id`, or started before `started_before`, go READY.

    Call only when the worker `worker_id` is not running (before it starts):
    then none of its RUNNING tasks is really in progress.
    """
    count = 0
    with transaction.atomic():
        # Few rows (one per live worker, plus the orphans); JSON "contains" is not
        # available on SQLite, so the worker id is compared here.
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        for result in running.iterator():
            # worker_ids is the claim history; only the last claim counts.
            last = result.worker_ids[-1] if result.worker_ids else None
            if last != worker_id and not (result.started_at and result.started_at < started_before):
                continue
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            log.warning(
                "Zadanie %s (%s) wraca do kolejki po workerze %s", result.id, result.task_path, last
            )
            count += 1
    return count
