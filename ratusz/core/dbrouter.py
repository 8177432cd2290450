"""Reads to the PostgreSQL read replica, writes and migrations to the primary.

Active only when DATABASE_REPLICA_URL is set (settings add the "replica"
alias and this router). A replica lags the primary by a little, so reads go
to the primary whenever they may need to see a write just made:
- inside a transaction on the primary (read-modify-write, Wagtail publishing);
- for the rest of a request (or a worker's task run) once it has written.
The pin is per thread and cleared when the next request starts.
"""

import threading

from django.conf import settings
from django.core.signals import request_started
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
_state = threading.local()


def pinned() -> bool:
    return getattr(_state, "pinned", False)


def pin_to_primary() -> None:
    _state.pinned = True


def unpin(**_kwargs) -> None:
    _state.pinned = False


request_started.connect(unpin, dispatch_uid="ratusz.core.dbrouter.unpin")


class PrimaryReplicaRouter:
    def __init__(self, databases=None):
        self.has_replica = REPLICA in (settings.DATABASES if databases is None else databases)

    def db_for_read(self, model, **hints):
        if not self.has_replica or pinned() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
