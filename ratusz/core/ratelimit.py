"""Sliding-window rate limits kept in the cache (Redis in production).

Keys are per client address (the first X-Forwarded-For hop only when the
operator trusts a proxy, RATUSZ_TRUSTED_PROXY_COUNT) and per named bucket.
Forms limit their POSTs with the ``ratelimit`` decorator; reads that cost
work (search, APIs and feeds, the ballot check) are limited by
``ReadRateLimitMiddleware``. Exceeding a limit answers 429 with a Polish
message or problem+json. When Redis cannot be reached the counters live in
each process's memory for the time being (limits per process, never a 500).
"""

import functools
import hashlib
import re
import time

from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from .conf import conf
from .discovery import declared
from .problems import problem, wants_problem_json

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """ "10/m" -> (10, 60)."""
    count, _, unit = rate.partition("/")
    return int(count), UNITS[unit]


def client_address(request):
    trusted = conf.RATUSZ_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "unknown")


_local = None


def _local_cache():
    # Counters for when the shared cache is down: per process, so with N app
    # processes a client gets at most N times the limit, never an error.
    global _local
    if _local is None:
        from django.core.cache.backends.locmem import LocMemCache

        _local = LocMemCache("ratusz-ratelimit", {"OPTIONS": {"MAX_ENTRIES": 20000}})
    return _local


def _shared_available():
    available = getattr(cache, "available", None)
    return available is None or available()


def _count(store, key, timeout, read=None, swap=None):
    """(hits in the window after this one, the value under ``read``, the value
    ``swap`` replaced). ``swap`` is (key, value, seconds): store ``value`` there.
    On Redis all of it is one round trip."""
    counter = getattr(store, "count", None)
    if counter is not None:  # the shared cache
        return counter(key, timeout, read=read, swap=swap)
    old = None
    if swap is not None:
        old = store.get(swap[0])
        store.set(*swap)
    value = store.get(read) if read is not None else None
    if store.add(key, 1, timeout=timeout):
        return 1, value, old
    try:
        return store.incr(key), value, old
    except ValueError:  # expired between add and incr (or the cache is down)
        store.add(key, 1, timeout=timeout)
        return 1, value, old


def _estimate(store, bucket, ident, window, now, swap=None):
    """(the estimate, the value ``swap`` replaced); (None, None) when the store
    could not be reached."""
    # Counts per clock window, and the previous window's count weighted by
    # how much of it still lies within the last `window` seconds: a client
    # cannot double its allowance by straddling a window's edge (10 password
    # guesses at :59 and 10 more at :00), read in the same round trip.
    slot, into = divmod(now, window)
    key = f"rl:{bucket}:{ident}:{int(slot)}"
    before = f"rl:{bucket}:{ident}:{int(slot) - 1}"
    # kept for 2 windows: read again in the next one
    count, previous, old = _count(store, key, 2 * window + 1, before, swap)
    if count is None:
        return None, None
    return count + (previous or 0) * (1 - into / window), old


def hit(bucket, ident, rate):
    """Count one hit; return True while the caller is within ``rate``."""
    return hit_and_swap(bucket, ident, rate)[0]


def hit_and_swap(bucket, ident, rate, swap=None):
    """``hit``, and ``swap`` = (key, value, seconds) stored in the cache in the
    same round trip; returns (within the rate, the value it replaced)."""
    if not conf.RATUSZ_RATELIMIT_ENABLED:
        return True, None
    limit, window = parse_rate(rate)
    now = time.time()
    estimate, old = (None, None)
    if _shared_available():
        estimate, old = _estimate(cache, bucket, ident, window, now, swap)
    if estimate is None or not _shared_available():
        estimate = _estimate(_local_cache(), bucket, ident, window, now)[0]
    return estimate <= limit, old


def too_many(request, retry_after):
    message = _("Zbyt wiele żądań. Spróbuj ponownie za chwilę.")
    if wants_problem_json(request):
        response = problem(429, _("Zbyt wiele żądań"), message)
    else:
        response = render(request, "core/429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    # One client's refusal must never be served to others by a front cache.
    response["Cache-Control"] = "no-store"
    return response


def ratelimit(bucket, rate="30/m", methods=("POST",)):
    """Decorate a view: at most ``rate`` requests of ``methods`` per address."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and not hit(bucket, client_address(request), rate):
                return too_many(request, parse_rate(rate)[1])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Reads limited per address, by bucket (rates in RATUSZ_READ_RATES): each app
# names the paths it owns in its ``public.py`` (``READ_LIMITS``, pairs of
# bucket and regular expression), e.g. the ballot check (numbers must not be
# guessable by trying many) or search (real work on every cache miss). These
# conventions of every app come last: APIs under /api/, feeds and exports.
# The first match decides.
GENERIC_READ_LIMITS = (("api", r"^/api/|/feed/|\.(atom|ics|csv)$"),)


@functools.cache
def read_buckets() -> tuple[tuple[str, re.Pattern], ...]:
    declared_limits = [limit for _label, limit in declared("public", "READ_LIMITS")]
    return tuple(
        (bucket, re.compile(pattern))
        for bucket, pattern in [*declared_limits, *GENERIC_READ_LIMITS]
    )


def read_bucket(path):
    """The name of the read limit that applies to ``path``, or None."""
    for name, pattern in read_buckets():
        if pattern.search(path):
            return name
    return None


def _paging_walk(request):
    """(walk id, offset, next offset) of a request that pages with ``offset``
    and ``limit`` (OGC API items), or None."""
    offset, limit = request.GET.get("offset", "0"), request.GET.get("limit", "10")
    if not (offset.isdigit() and limit.isdigit()) or len(offset) > 9 or len(limit) > 9:
        return None
    if "offset" not in request.GET and "limit" not in request.GET:
        return None
    rest = sorted((k, v) for k, v in request.GET.items() if k != "offset")
    walk = hashlib.sha256(repr((request.path, rest)).encode()).hexdigest()[:32]
    return walk, int(offset), int(offset) + max(int(limit), 1)


class ReadRateLimitMiddleware:
    """Limit GET/HEAD of the buckets above. Copies served by the page cache
    are answered before this middleware and never counted: they cost nothing.

    A client that pages through one collection (GDAL asks for 10 features a
    page) asks for the next page right where the previous one ended: such a
    page counts against the much larger "<bucket>-walk" rate, not the
    bucket's, so a full download finishes while many different queries are
    still limited. The walk's next offset is kept per address for 2 minutes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not conf.RATUSZ_RATELIMIT_ENABLED:
            return self.get_response(request)
        bucket = read_bucket(request.path)
        rates = conf.RATUSZ_READ_RATES
        rate = rates.get(bucket) if bucket else None
        if not rate:
            return self.get_response(request)
        ident = client_address(request)
        walk_rate = rates.get(f"{bucket}-walk")
        walk = _paging_walk(request) if walk_rate else None
        if walk is None:
            allowed = hit(f"read-{bucket}", ident, rate)
            return self.get_response(request) if allowed else too_many(request, _window(rate))
        # The walk's next offset is stored before the page is made, in the same
        # round trip as the count, and put back if the page is not served: a
        # refused page asked again later still continues the walk.
        walk_key = f"rl-walk:{ident}:{walk[0]}"
        swap = (walk_key, walk[2], 120)
        if walk[1] > 0:
            # A page with an offset mostly continues a walk: counted in the walk's
            # bucket. One that does not is counted in the bucket's own rate too.
            allowed, previous = hit_and_swap(f"read-{bucket}-walk", ident, walk_rate, swap)
            if previous == walk[1]:
                rate = walk_rate
            else:
                allowed = hit(f"read-{bucket}", ident, rate)
        else:
            allowed, previous = hit_and_swap(f"read-{bucket}", ident, rate, swap)
        response = self.get_response(request) if allowed else too_many(request, _window(rate))
        if response.status_code != 200:
            if previous is None:
                cache.delete(walk_key)
            else:
                cache.set(walk_key, previous, 120)
        return response


def _window(rate):
    return parse_rate(rate)[1]
