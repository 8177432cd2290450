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


def _count(store, key, timeout):
    if store.add(key, 1, timeout=timeout):
        return 1
    try:
        return store.incr(key)
    except ValueError:  # expired between add and incr (or the cache is down)
        store.add(key, 1, timeout=timeout)
        return 1


def _estimate(store, bucket, ident, window, now):
    # Counts per clock window, and the previous window's count weighted by
    # how much of it still lies within the last `window` seconds: a client
    # cannot double its allowance by straddling a window's edge (10 password
    # guesses at :59 and 10 more at :00), at the cost of one more read.
    slot, into = divmod(now, window)
    key = f"rl:{bucket}:{ident}:{int(slot)}"
    count = _count(store, key, 2 * window + 1)  # read again in the next window
    previous = store.get(f"rl:{bucket}:{ident}:{int(slot) - 1}") or 0
    return count + previous * (1 - into / window)


def hit(bucket, ident, rate):
    """Count one hit; return True while the caller is within ``rate``."""
    if not conf.RATUSZ_RATELIMIT_ENABLED:
        return True
    limit, window = parse_rate(rate)
    now = time.time()
    estimate = _estimate(cache, bucket, ident, window, now) if _shared_available() else None
    if estimate is None or not _shared_available():
        estimate = _estimate(_local_cache(), bucket, ident, window, now)
    return estimate <= limit


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
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        bucket = read_bucket(request.path)
        rates = conf.RATUSZ_READ_RATES
        rate = rates.get(bucket) if bucket else None
        if not rate:
            return self.get_response(request)
        ident = client_address(request)
        walk_rate = rates.get(f"{bucket}-walk")
        walk = _paging_walk(request) if walk_rate else None
        walk_key = f"rl-walk:{ident}:{walk[0]}" if walk else None
        name = bucket
        if walk and walk[1] > 0 and cache.get(walk_key) == walk[1]:
            name, rate = f"{bucket}-walk", walk_rate
        if not hit(f"read-{name}", ident, rate):
            return too_many(request, parse_rate(rate)[1])
        response = self.get_response(request)
        if walk and response.status_code == 200:
            cache.set(walk_key, walk[2], 120)
        return response
