"""/healthz: database, cache and task queue; never cached, never limited."""

import json
import socket
from datetime import timedelta

import pytest
from django.utils import timezone

from ratusz.core import resilientcache

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_like(settings):
    settings.RATUSZ_PAGE_CACHE_SECONDS = 60
    settings.RATUSZ_RATELIMIT_ENABLED = True
    settings.RATUSZ_READ_RATES = {**settings.RATUSZ_READ_RATES, "render": "2/m", "api": "2/m"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    resilientcache._down_until.clear()
    yield settings
    resilientcache._down_until.clear()


def test_healthy(client, production_like):
    for _ in range(5):  # the load balancer asks often: never cached, never refused
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert "X-Ratusz-Cache" not in response
    body = response.json()
    assert body["status"] == "ok"
    assert {"database", "cache", "tasks"} <= set(body["checks"])
    assert body["checks"]["tasks"]["waiting"] == 0


def test_plain_http_and_any_host_get_an_answer(client, production_like):
    production_like.SECURE_SSL_REDIRECT = True
    production_like.ALLOWED_HOSTS = ["www.myslowice.pl"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.11:8001")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_a_late_queue_is_degraded_but_still_200(client, production_like):
    from django_tasks_db.models import DBTaskResult

    from ratusz.alerts.tasks import send_pending  # any registered task

    result = send_pending.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=30)
    )
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["tasks"]["status"] == "degraded"
    assert body["checks"]["tasks"]["oldest_waiting_seconds"] >= 1700


def test_cache_down_is_degraded_but_still_200(client, production_like, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    production_like.CACHES = {
        "default": {
            "BACKEND": "ratusz.core.resilientcache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "degraded"


def test_database_down_is_503(client, production_like, monkeypatch):
    from django.db import OperationalError

    from ratusz.core import health

    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503 and response["Retry-After"]
    body = json.loads(response.content)
    assert body["status"] == "error" and body["checks"]["database"]["status"] == "error"
    assert "connection refused" not in response.content.decode()  # no details leak
