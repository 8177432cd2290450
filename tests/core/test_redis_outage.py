"""Redis unreachable: pages render uncached, admin login works, nothing is 500.

The cache is the production configuration (``settings/base.py`` read with
REDIS_URL set) pointed at a port where no Redis listens, so the real redis
client raises its real ConnectionError; the page cache and rate limits are on.
"""

import runpy
import socket
import subprocess
import time
from shutil import which

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

from ratusz.core import pagecache, ratelimit, resilientcache
from ratusz.settings import base

ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"
PASSWORD = "długie-hasło-do-testów-2026"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_caches(monkeypatch, url):
    """CACHES exactly as settings/base.py builds them for this REDIS_URL."""
    monkeypatch.setenv("REDIS_URL", url)
    monkeypatch.delenv("CACHE_URL", raising=False)
    return runpy.run_path(base.__file__)["CACHES"]


@pytest.fixture(autouse=True)
def _fresh_breaker():
    resilientcache._down_until.clear()
    pagecache._purge_pending = False
    ratelimit._local_cache().clear()
    yield
    resilientcache._down_until.clear()
    pagecache._purge_pending = False


@pytest.fixture
def production_like(settings, demo_site):
    settings.RATUSZ_PAGE_CACHE_SECONDS = 60
    settings.RATUSZ_RATELIMIT_ENABLED = True
    settings.RATUSZ_TRUSTED_PROXY_COUNT = 1
    return settings


@pytest.fixture
def redis_down(production_like, monkeypatch):
    production_like.CACHES = production_caches(monkeypatch, f"redis://127.0.0.1:{_free_port()}/0")
    return production_like


def test_the_production_cache_is_the_resilient_backend(monkeypatch):
    caches = production_caches(monkeypatch, "redis://127.0.0.1:6379/0")
    assert caches["default"]["BACKEND"] == "ratusz.core.resilientcache.ResilientRedisCache"
    options = caches["default"]["OPTIONS"]
    assert options["socket_connect_timeout"] <= 0.5 and options["socket_timeout"] <= 1


def test_the_client_really_fails():
    import redis

    with pytest.raises(redis.exceptions.ConnectionError):
        redis.Redis(port=_free_port(), socket_connect_timeout=0.25).get("x")


def test_pages_render_uncached_without_redis(client, redis_down):
    for path in [ARTICLE, ARTICLE, "/", "/komunikaty/", "/kontakt/", "/szukaj/?q=park"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.get("X-Ratusz-Cache") != "hit"
    api = client.get("/ogcapi/collections", HTTP_ACCEPT="application/json")
    assert api.status_code == 200 and api["Content-Type"] == "application/json"


def test_wsgi_wrapper_passes_through_without_redis(redis_down, real_wsgi):
    app = pagecache.CachedPagesApp(WSGIHandler())
    environ = dict(RequestFactory().get(ARTICLE).META)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = status

    body = b"".join(app(environ, start_response))
    assert answer["status"].startswith("200") and b"<html" in body


def test_publishing_without_redis_works_and_purges_once_it_is_back(redis_down):
    from ratusz.pages.models import ArticlePage

    page = ArticlePage.objects.get(slug="wspolpraca-z-innymi-miastami")
    page.title = "Tytuł opublikowany w czasie awarii"
    page.save_revision().publish()  # signals bump the generation: must not raise
    assert pagecache._purge_pending


def test_admin_login_works_without_redis(client, redis_down, django_user_model):
    django_user_model.objects.create_superuser("urzednik", "u@example.invalid", PASSWORD)
    response = client.post("/admin/login/", {"username": "urzednik", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200  # the session is in the database
    wrong = client.post("/admin/login/", {"username": "urzednik", "password": "złe"})
    assert wrong.status_code in (200, 403)


def test_rate_limits_count_per_process_without_redis(client, redis_down):
    redis_down.RATUSZ_READ_RATES = {"search": "2/m", "api": "2/m", "ballot-check": "2/m"}
    statuses = [client.get("/szukaj/", {"q": f"słowo{i}"}).status_code for i in range(3)]
    assert statuses == [200, 200, 429]


def test_an_unanswering_redis_costs_one_timeout_not_one_per_request(
    client, production_like, monkeypatch
):
    # A listening socket nobody accepts on: connect succeeds, reads hang, as
    # with a frozen Redis or a black-holed network.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(100)
    try:
        production_like.CACHES = production_caches(
            monkeypatch, f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        )
        started = time.monotonic()
        for _ in range(10):
            assert client.get(ARTICLE).status_code == 200
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    # One socket timeout (0.5 s), then Redis is left alone for a few seconds.
    assert elapsed < 5, elapsed


@pytest.mark.skipif(not which("redis-server"), reason="brak redis-server")
def test_redis_stopped_and_started_again_recovers_without_restart(
    client, production_like, monkeypatch, tmp_path
):
    port = _free_port()

    def start():
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                return server
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    production_like.CACHES = production_caches(monkeypatch, f"redis://127.0.0.1:{port}/0")
    server = start()
    try:
        client.get(ARTICLE)
        assert client.get(ARTICLE)["X-Ratusz-Cache"] == "hit"
        server.terminate()
        server.wait(10)
        for _ in range(3):
            response = client.get(ARTICLE)
            assert response.status_code == 200 and response["X-Ratusz-Cache"] == "miss"
        server = start()
        # After the pause the next request tries Redis again and stores the page.
        monkeypatch.setattr(resilientcache, "RETRY_SECONDS", 0.0)
        resilientcache._down_until.clear()
        client.get(ARTICLE)
        assert client.get(ARTICLE)["X-Ratusz-Cache"] == "hit"
    finally:
        server.terminate()
        server.wait(10)
