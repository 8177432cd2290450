"""Background upkeep of the SIT's tables (django-tasks)."""

from django.db import connection
from django_tasks import task

from .models import Feature


def tidy_features_now() -> None:
    """VACUUM (ANALYZE) the features: after a bulk change their pages are read
    off the index alone only once the rows are marked all-visible."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return  # VACUUM cannot run in a transaction (a test running callbacks inside one)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {Feature._meta.db_table}")


@task()
def tidy_features() -> None:
    """``tidy_features_now`` in the task worker (``importer.after_bulk_change``)."""
    tidy_features_now()
