"""Reads to the PostgreSQL read replica, writes and migrations to the primary.

Active only when DATABASE_REPLICA_URL is set (settings add the "replica"
alias and this router). A replica lags the primary by a little, so reads go
to the primary whenever they may need to see a write just made:
- outside web requests (the task worker, manage.py commands);
- for the whole of a POST (or other unsafe request): it reads what it will change;
- inside a transaction on the primary (read-modify-write, Wagtail publishing);
- for the rest of a request once it has written;
- always for the task queue (PRIMARY_ONLY_APPS);
- for RATUSZ_DB_PIN_SECONDS after a POST (or other unsafe request) that wrote,
  on whichever app server the same browser reaches next (a cookie,
  PrimaryPinMiddleware): an editor who publishes reads their own write.
The pin is per thread and cleared when the next request starts.

A replica that does not answer is skipped for RATUSZ_DB_REPLICA_RETRY_SECONDS:
its reads go to the primary, so a stopped replica costs no error page.
"""

import threading
import time

from django.conf import settings
from django.core.signals import request_started
from django.db import DatabaseError, connections

from .conf import conf

REPLICA = "replica"
PRIMARY = "default"
COOKIE = "ratusz_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
# Tables read only to be locked and written at once: the task queue (db_worker
# opens its transaction on the queryset's read database, then SELECT … FOR
# UPDATE, which a replica refuses).
PRIMARY_ONLY_APPS = frozenset({"django_tasks_database"})
_state = threading.local()
_replica_down_until = 0.0  # time.monotonic() before which the replica is skipped


def pinned() -> bool:
    # Only web requests read from the replica: a thread that never started one (the
    # task worker, manage.py) stays on the primary, where a task enqueued on commit
    # finds its rows and objects it saves were read (Django writes some related
    # rows to the database an object came from: a replica refuses them).
    return getattr(_state, "pinned", True)


def pin_to_primary() -> None:
    _state.pinned = True


def unpin(**_kwargs) -> None:
    _state.pinned = False
    _state.wrote = False


request_started.connect(unpin, dispatch_uid="ratusz.core.dbrouter.unpin")


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def replica_down(now: float | None = None) -> bool:
    return (time.monotonic() if now is None else now) < _replica_down_until


def mark_replica_down(now: float | None = None) -> None:
    global _replica_down_until
    now = time.monotonic() if now is None else now
    _replica_down_until = now + conf.RATUSZ_DB_REPLICA_RETRY_SECONDS


def reset_replica() -> None:
    global _replica_down_until
    _replica_down_until = 0.0


def replica_usable() -> bool:
    """Connect (or health-check the kept connection) before the replica takes a read."""
    if replica_down():
        return False
    connection = connections[REPLICA]
    try:
        # The health check Django does on a connection's first use in a request
        # (conn_health_checks), done here so a dead replica is found before the query.
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except DatabaseError:
        connection.close()
        mark_replica_down()
        return False
    return True


class PrimaryReplicaRouter:
    def __init__(self, databases=None):
        self.has_replica = REPLICA in (settings.DATABASES if databases is None else databases)

    def db_for_read(self, model, **hints):
        if not self.has_replica or pinned() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if model is not None and model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        return REPLICA if replica_usable() else PRIMARY

    def db_for_write(self, model, **hints):
        pin_to_primary()
        _state.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryPinMiddleware:
    """Read-your-writes across requests and app servers.

    After an unsafe request that wrote, the browser gets a short cookie holding
    the time until which its reads go to the primary; the next requests (on any
    app server, all share the clock well within a second) honour it. Unsigned:
    a forged value only sends that browser's reads to the primary, as if it had
    just written. Safe requests never set it, so cached pages stay cookie-free.
    Sits before SessionMiddleware: the session of a fresh login is read from
    the primary too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not has_replica():
            return self.get_response(request)
        unsafe = request.method not in SAFE_METHODS
        if unsafe or _pin_cookie_valid(request.COOKIES.get(COOKIE, ""), time.time()):
            pin_to_primary()
        response = self.get_response(request)
        seconds = conf.RATUSZ_DB_PIN_SECONDS
        if unsafe and _wrote() and seconds > 0:
            response.set_cookie(
                COOKIE,
                str(int(time.time() + seconds)),
                max_age=seconds,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response


def _wrote() -> bool:
    return getattr(_state, "wrote", False)


def _pin_cookie_valid(value: str, now: float) -> bool:
    # Bounded from outside: a value further ahead than the pin itself is ignored.
    if not value.isdigit() or len(value) > 12:
        return False
    until = int(value)
    return now < until <= now + conf.RATUSZ_DB_PIN_SECONDS
