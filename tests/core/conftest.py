import pytest
from django.core import signals
from django.db import close_old_connections


@pytest.fixture
def real_wsgi():
    """Call Django's WSGIHandler in a database test: its request signals would
    close the connection and, on PostgreSQL, end the test's transaction."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)
