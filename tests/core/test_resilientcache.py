"""The production cache backend against a real (private) redis-server."""

import pytest
from django.core.cache import cache

from ratusz.core import ratelimit
from tests.redisserver import AVAILABLE, production_caches, redis_server

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="brak redis-server")


@pytest.fixture
def redis_cache(settings, monkeypatch, tmp_path):
    with redis_server(tmp_path) as url:
        settings.CACHES = production_caches(monkeypatch, url)
        yield cache


def test_one_client_per_connection_pool(redis_cache):
    backend = redis_cache._cache
    assert backend.get_client("a") is backend.get_client("b", write=True)
    redis_cache.set("a", 1)
    assert redis_cache.get("a") == 1


def test_count_adds_one_reads_and_swaps_a_value_in_one_round_trip(redis_cache):
    assert redis_cache.count("hits", 60) == (1, None, None)
    assert redis_cache.count("hits", 60, swap=("walk", 20, 120)) == (2, None, None)
    assert redis_cache.count("hits", 60, swap=("walk", 30, 120)) == (3, None, 20)
    # plain cache values: readable and writable by the rest of the portal
    assert redis_cache.get("hits") == 3 and redis_cache.get("walk") == 30
    redis_cache.set("walk", {"not": "an int"}, 120)
    redis_cache.set("before", 7, 60)
    got = redis_cache.count("hits", 60, read="before", swap=("walk", 40, 120))
    assert got == (4, 7, {"not": "an int"})
    assert redis_cache.count("hits", 60, read="nothing") == (5, None, None)
    client = redis_cache._cache.get_client("x")
    assert 0 < client.ttl(redis_cache.make_key("hits")) <= 60
    assert 60 < client.ttl(redis_cache.make_key("walk")) <= 120


def test_rate_limit_counts_in_redis(redis_cache, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = True
    assert [ratelimit.hit("b", "1.2.3.4", "2/m") for _ in range(3)] == [True, True, False]
    assert ratelimit.hit_and_swap("b", "5.6.7.8", "2/m", ("k", 7, 60)) == (True, None)
    assert ratelimit.hit_and_swap("b", "5.6.7.8", "2/m", ("k", 8, 60)) == (True, 7)


def test_the_sliding_window_reads_the_previous_window_from_redis(redis_cache, settings):
    from datetime import UTC, datetime

    import time_machine

    settings.RATUSZ_RATELIMIT_ENABLED = True
    with time_machine.travel(datetime(2026, 12, 7, 10, 0, 50, tzinfo=UTC), tick=False):
        assert all(ratelimit.hit("g", "198.51.100.7", "10/m") for _ in range(10))
    with time_machine.travel(datetime(2026, 12, 7, 10, 1, 6, tzinfo=UTC), tick=False):
        # 9 of the last minute's 10 still count: one more, then no more
        assert [ratelimit.hit("g", "198.51.100.7", "10/m") for _ in range(3)] == [
            True,
            False,
            False,
        ]
