"""Redis cache backend that degrades instead of failing (docs/deployment.md).

Everything that reads the cache (the page cache, the rate limits, Wagtail's
site-root paths, the site shell, the alert banner) treats a miss as "compute
it again". So when Redis cannot be reached, a read answers its default, a
write is dropped and ``incr`` raises ``ValueError`` (what every caller already
handles as "no such key"): pages render uncached and nothing answers 500.

After a failure the backend stops asking Redis for ``RETRY_SECONDS`` in this
process, so an outage costs one connect timeout per process every few seconds
rather than one per cache call; the first call after that tries again, so
recovery needs no restart. ``available()`` lets the rate limiter fall back to
counting in process memory.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger("ratusz.cache")

RETRY_SECONDS = 5.0

# Shared by every thread's backend instance (Django makes one per thread).
_down_until = {}
_lock = threading.Lock()


def _errors():
    import redis

    # Connection refused/reset, timeouts, a replica that became read-only in a
    # failover, Redis still loading its dump: all mean "not now", not a bug.
    return (
        redis.exceptions.ConnectionError,
        redis.exceptions.TimeoutError,
        redis.exceptions.ReadOnlyError,
        OSError,
    )


class _ReusedClients(RedisCacheClient):
    """Django builds a new ``redis.Redis`` (with its table of some 200 response
    callbacks) for every command; one per connection pool does the same work."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClients
        self._location = server if isinstance(server, str) else ",".join(server)
        self._redis_errors = _errors()

    def available(self):
        """False while this process is waiting before retrying Redis."""
        return _down_until.get(self._location, 0.0) <= time.monotonic()

    def _failed(self, error):
        with _lock:
            first = self.available()
            _down_until[self._location] = time.monotonic() + RETRY_SECONDS
        if first:
            logger.warning(
                "Redis niedostępny (%s): strony bez cache, ponowna próba za %.0f s",
                error.__class__.__name__,
                RETRY_SECONDS,
            )

    def _call(self, default, method, *args, **kwargs):
        if not self.available():
            return default
        try:
            return method(*args, **kwargs)
        except self._redis_errors as error:
            self._failed(error)
            return default

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)

    def count(self, key, timeout, read=None, swap=None, version=None):
        """One round trip: add one to the counter ``key`` (made with ``timeout``
        seconds to live), read the value under ``read``, and with ``swap`` =
        (key, value, seconds) store that value. Returns (the new count, the value
        read, the value ``swap`` replaced); all None when Redis cannot be reached."""
        if not self.available():
            return None, None, None
        counter = self.make_and_validate_key(key, version=version)
        client = self._cache
        try:
            pipe = client.get_client(counter, write=True).pipeline(transaction=False)
            pipe.set(counter, 0, ex=self.get_backend_timeout(timeout), nx=True)
            pipe.incr(counter)
            if read is not None:
                pipe.get(self.make_and_validate_key(read, version=version))
            if swap is not None:
                other, value, seconds = swap
                other = self.make_and_validate_key(other, version=version)
                pipe.get(other)
                pipe.set(
                    other, client._serializer.dumps(value), ex=self.get_backend_timeout(seconds)
                )
            got = pipe.execute()
        except self._redis_errors as error:
            self._failed(error)
            return None, None, None

        def loaded(raw):
            return None if raw is None else client._serializer.loads(raw)

        value = loaded(got[2]) if read is not None else None
        old = loaded(got[3 if read is not None else 2]) if swap is not None else None
        return int(got[1]), value, old

    def incr(self, key, delta=1, version=None):
        if not self.available():
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        try:
            return super().incr(key, delta, version)
        except self._redis_errors as error:
            self._failed(error)
            raise ValueError(f"Key '{key}' not found (cache unavailable).") from error
