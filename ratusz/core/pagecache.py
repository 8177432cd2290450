"""Full-page cache for anonymous visitors, purged by every content change.

A visitor without a session cookie gets the stored copy of a page; anyone
logged in (a session cookie) always gets a fresh one, and responses that set
a cookie (the CSRF cookie of a form page) are never stored. Keys carry a
generation number that any save of public content bumps, so a published
change is visible on the next request on every app server at once (Redis in
production). A short TTL bounds time-driven changes (an alert expiring, a
budget phase opening).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "pagecache:generation"
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/dokumenty/")
CACHEABLE_TYPES = ("text/html", "application/json", "application/geo+json", "application/atom+xml",
                   "application/rss+xml", "application/xml", "text/xml", "application/cap+xml",
                   "text/csv", "text/plain", "application/opensearchdescription+xml")
HEADER = "X-Ratusz-Cache"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def purge_all():
    """Make every stored page stale (called when public content changes)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _key(request, gen):
    raw = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:{gen}:{digest}"


def _is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _storable(request, response):
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # a form page: the token must be the visitor's own
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return content_type in CACHEABLE_TYPES


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = getattr(settings, "RATUSZ_PAGE_CACHE_SECONDS", 60)

    def __call__(self, request):
        cacheable_request = (
            self.seconds > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(SKIP_PREFIXES)
            and len(request.get_full_path()) < 2000
        )
        if not cacheable_request:
            return self.get_response(request)
        if not _is_anonymous(request):
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            return response
        key = _key(request, generation())
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if request.method == "GET" and _storable(request, response):
            # Browsers revalidate (cheap, with ETag); a front cache may serve
            # the copy for one second, so a crowd reaches the app once a second.
            patch_cache_control(response, public=True, max_age=0, s_maxage=1)
            patch_vary_headers(response, ["Cookie"])
            # nginx's micro-cache keeps it for one second (it ignores s-maxage).
            response["X-Accel-Expires"] = "1"
            response[HEADER] = "miss"
            cache.set(key, response, self.seconds)
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response
