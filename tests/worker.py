"""The production task path in tests: enqueue writes a row, the db worker runs it.

The test settings run tasks at once (ImmediateBackend); a test that proves work
happens in the worker, not in the request, switches to the database backend
with the ``db_tasks`` fixture (tests/conftest.py) and runs the real ``db_worker`` command with ``run_worker``.
"""

from django.core.management import call_command


def run_worker():
    """Run every queued task, as the worker service does, then return."""
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay")


def queued_paths():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.values_list("task_path", flat=True))
