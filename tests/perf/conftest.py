"""The demo loaded once per module inside a transaction that is rolled back.

Other apps' tests share the session database, so nothing may stay behind.
"""

import os

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with open(os.devnull, "w") as devnull:
                call_command("demo", verbosity=0, stdout=devnull)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_db, db):
    """Per test: the demo plus a savepoint, so a test's writes are undone."""
    from django.core.cache import cache

    cache.clear()
    return None
