"""The read-replica router: reads to the replica unless they may need a fresh write."""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.signals import request_started

from ratusz.core import dbrouter
from ratusz.core.dbrouter import PrimaryReplicaRouter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def router():
    router = PrimaryReplicaRouter(databases={"default": {}, "replica": {}})
    dbrouter.unpin()
    yield router
    dbrouter.unpin()


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


def test_reads_inside_a_transaction_go_to_the_primary(router, monkeypatch):
    primary = SimpleNamespace(in_atomic_block=True)
    monkeypatch.setattr(dbrouter, "connections", {"default": primary})
    assert router.db_for_read(None) == "default"
    primary.in_atomic_block = False
    assert router.db_for_read(None) == "replica"


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
