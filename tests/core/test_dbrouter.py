"""The read-replica router: reads to the replica unless they may need a fresh write."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.signals import request_started
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from ratusz.core import dbrouter
from ratusz.core.dbrouter import PrimaryReplicaRouter

ROOT = Path(__file__).resolve().parents[2]


class FakeConnection:
    """A replica connection that connects, or fails as a stopped server does."""

    def __init__(self, fails=False):
        self.fails = fails
        self.in_atomic_block = False
        self.connects = 0
        self.closed = 0

    def close_if_health_check_failed(self):
        pass

    def ensure_connection(self):
        self.connects += 1
        if self.fails:
            raise OperationalError("connection refused")

    def close(self):
        self.closed += 1


@pytest.fixture
def replica(monkeypatch):
    replica = FakeConnection()
    monkeypatch.setattr(dbrouter, "connections", {"default": FakeConnection(), "replica": replica})
    return replica


@pytest.fixture
def router(replica):
    router = PrimaryReplicaRouter(databases={"default": {}, "replica": {}})
    dbrouter.unpin()
    dbrouter.reset_replica()
    yield router
    dbrouter.unpin()
    dbrouter.reset_replica()


def test_without_a_replica_everything_goes_to_the_primary(settings):
    router = PrimaryReplicaRouter()
    assert "replica" not in settings.DATABASES
    assert router.db_for_read(None) == "default"
    assert router.db_for_write(None) == "default"


def test_reads_go_to_the_replica_and_writes_to_the_primary(router):
    assert router.db_for_read(None) == "replica"
    assert router.db_for_write(None) == "default"


def test_after_a_write_the_request_reads_from_the_primary(router):
    router.db_for_write(None)
    assert router.db_for_read(None) == "default"
    sync_receivers, _ = request_started._live_receivers(None)
    assert dbrouter.unpin in sync_receivers  # the next request starts unpinned
    dbrouter.unpin()
    assert router.db_for_read(None) == "replica"


def test_reads_inside_a_transaction_go_to_the_primary(router, monkeypatch, replica):
    primary = SimpleNamespace(in_atomic_block=True)
    monkeypatch.setattr(dbrouter, "connections", {"default": primary, "replica": replica})
    assert router.db_for_read(None) == "default"
    primary.in_atomic_block = False
    assert router.db_for_read(None) == "replica"


def test_the_task_queue_is_always_read_on_the_primary(router):
    from django_tasks_db.models import DBTaskResult

    from ratusz.pages.models import HomePage

    # db_worker locks queue rows in a transaction on the queryset's read database.
    assert router.db_for_read(DBTaskResult) == "default"
    assert router.db_for_read(HomePage) == "replica"


def test_only_the_primary_is_migrated(router):
    assert router.allow_migrate("default", "budget")
    assert not router.allow_migrate("replica", "budget")
    assert router.allow_relation(object(), object())


def _settings_with(extra_env):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps([sorted(settings.DATABASES), getattr(settings, 'DATABASE_ROUTERS', []),"
        " settings.DATABASES.get('replica', {}).get('NAME')]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ratusz.settings.base", **extra_env}
    if not extra_env:
        env.pop("DATABASE_REPLICA_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_settings_add_the_replica_only_when_its_url_is_set():
    import json

    aliases, routers, name = json.loads(
        _settings_with({"DATABASE_REPLICA_URL": "postgres://ro@replica.internal:5432/ratusz"})
    )
    assert aliases == ["default", "replica"]
    assert routers == ["ratusz.core.dbrouter.PrimaryReplicaRouter"]
    assert name == "ratusz"
    aliases, routers, _ = json.loads(_settings_with({}))
    assert aliases == ["default"] and routers == []


def test_a_replica_that_does_not_answer_is_skipped_for_a_while(router, replica, settings):
    settings.RATUSZ_DB_REPLICA_RETRY_SECONDS = 15
    replica.fails = True
    assert router.db_for_read(None) == "default"
    assert (replica.connects, replica.closed) == (1, 1)
    # Skipped without another connection attempt while it is marked down ...
    assert router.db_for_read(None) == "default"
    assert replica.connects == 1
    assert dbrouter.replica_down()
    assert not dbrouter.replica_down(dbrouter._replica_down_until)
    # ... and tried again afterwards: back, it takes the reads again.
    replica.fails = False
    dbrouter.reset_replica()
    assert router.db_for_read(None) == "replica"
    assert replica.connects == 2


def _request(method, cookie=None):
    request = getattr(RequestFactory(), method.lower())("/admin/pages/3/edit/")
    if cookie is not None:
        request.COOKIES[dbrouter.COOKIE] = cookie
    return request


@pytest.fixture
def with_replica(settings, router, monkeypatch):
    monkeypatch.setattr(dbrouter, "has_replica", lambda: True)
    settings.RATUSZ_DB_PIN_SECONDS = 10
    return router


def test_a_post_that_wrote_pins_the_browser_to_the_primary(with_replica):
    router = with_replica

    def publish(request):
        router.db_for_write(None)
        return HttpResponse("ok")

    response = dbrouter.PrimaryPinMiddleware(publish)(_request("POST"))
    cookie = response.cookies[dbrouter.COOKIE]
    assert cookie["max-age"] == 10 and cookie["httponly"]
    # The next request (any app server) reads from the primary ...
    dbrouter.unpin()
    seen = []

    def read(request):
        seen.append(router.db_for_read(None))
        return HttpResponse("page")

    dbrouter.PrimaryPinMiddleware(read)(_request("GET", cookie.value))
    # ... and one without the cookie, or with an expired or far-future one, from the replica.
    for value in (None, "1000", str(10**11), "abc"):
        dbrouter.unpin()
        dbrouter.PrimaryPinMiddleware(read)(_request("GET", value))
    assert seen == ["default", "replica", "replica", "replica", "replica"]


def test_reads_and_writes_without_a_post_set_no_cookie(with_replica):
    router = with_replica

    def view(request):
        router.db_for_write(None)  # e.g. a session touched by a GET
        return HttpResponse("page")

    assert dbrouter.COOKIE not in dbrouter.PrimaryPinMiddleware(view)(_request("GET")).cookies
    dbrouter.unpin()  # request_started

    def read_only(request):
        router.db_for_read(None)
        return HttpResponse("ok")

    response = dbrouter.PrimaryPinMiddleware(read_only)(_request("POST"))
    assert dbrouter.COOKIE not in response.cookies


def test_outside_web_requests_everything_reads_from_the_primary(router):
    import threading

    seen = []
    # A thread that never started a request: the task worker, a manage.py command.
    worker = threading.Thread(target=lambda: seen.append(router.db_for_read(None)))
    worker.start()
    worker.join(timeout=10)
    assert seen == ["default"]
    assert router.db_for_read(None) == "replica"  # this thread was unpinned (a request)


def test_a_post_reads_what_it_changes_from_the_primary(with_replica):
    router = with_replica
    seen = []

    def view(request):
        seen.append(router.db_for_read(None))
        return HttpResponse("form")

    response = dbrouter.PrimaryPinMiddleware(view)(_request("POST"))
    assert seen == ["default"]
    assert dbrouter.COOKIE not in response.cookies  # read only: nothing to pin afterwards
