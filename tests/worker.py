"""The production task path in tests: enqueue writes a row, the db worker runs it.

The test settings run tasks at once (ImmediateBackend); a test that proves work
happens in the worker, not in the request, switches to the database backend
with the ``db_tasks`` fixture (tests/conftest.py) and runs the real ``db_worker`` command with ``run_worker``.
"""

from django.core.management import call_command


def run_worker():
    """Run every queued task, as the worker service does, then return."""
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay")


# Saving a record a landing page shows also queues a delayed re-render of that
# page for the search index; it is not the work these tests look for.
SEARCH_VIEWS_REFRESH = "ratusz.search.tasks.index_views"


def queued_paths():
    from django_tasks_db.models import DBTaskResult

    paths = DBTaskResult.objects.values_list("task_path", flat=True)
    return [p for p in paths if p != SEARCH_VIEWS_REFRESH]
