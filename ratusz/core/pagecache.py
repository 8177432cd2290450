"""Full-page cache for anonymous visitors, purged by every content change.

A visitor without a session cookie gets the stored copy of a page; anyone
logged in (a session cookie) always gets a fresh one, and responses that set
a cookie (the CSRF cookie of a form page) or forbid storing (Wagtail sends
``no-store`` with every page behind a view restriction) are never stored.
Every copy records the content generation it was made in; any save of
public content (the models apps list in their ``public.py``, view
restrictions included) bumps the generation, so a published change is
visible on the next request on every app server at once (Redis in
production). A short TTL bounds time-driven changes (an alert expiring, a
budget phase opening).

The middleware sits right after Django's SecurityMiddleware, so a hit skips
the rest of the stack: the copy is stored with its final headers (security
headers, ETag), the generation and the copy come back in one cache round
trip, and the copy is plain bytes rather than a pickled response.
"""

import hashlib
import re
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

from ratusz.core.conf import conf

GENERATION_KEY = "pagecache:generation"
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/dokumenty/")
CACHEABLE_TYPES = (
    "text/html",
    "application/json",
    "application/geo+json",
    "application/atom+xml",
    "application/rss+xml",
    "application/xml",
    "text/xml",
    "application/cap+xml",
    "text/csv",
    "text/plain",
    "application/opensearchdescription+xml",
)
HEADER = "X-Ratusz-Cache"
NOT_MODIFIED_HEADERS = ("ETag", "Cache-Control", "Vary", "Expires", "Last-Modified")


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


def environ_key(environ):
    """The cache key of a request, from the raw WSGI environ.

    Both the WSGI wrapper and the Django middleware use it, so a copy stored
    by one is found by the other. Only hosts Django accepted ever get a copy.
    """
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if proxy:
        header, secure_value = proxy
        forwarded = environ.get(header)
        if forwarded is not None:
            scheme = "https" if forwarded.split(",", 1)[0].strip() == secure_value else "http"
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    raw = f"{scheme}://{host}{path}?{environ.get('QUERY_STRING', '')}"
    return "pagecache:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _key(request):
    return environ_key(request.META)


def _is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _environ_is_anonymous(environ):
    name = re.escape(settings.SESSION_COOKIE_NAME)
    return not re.search(rf"(?:^|;)\s*{name}=", environ.get("HTTP_COOKIE", ""))


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


def _from_copy(request, copy):
    status, headers, content = copy
    etag = dict(headers).get("ETag")
    if etag and etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name in NOT_MODIFIED_HEADERS:
                response[name] = value
    else:
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
    response[HEADER] = "hit"
    return response


class CachedPagesApp:
    """WSGI wrapper that answers cache hits before Django builds a request.

    Misses, logged-in visitors and everything else go to Django, whose
    middleware stores the copies. ratusz/wsgi.py wraps the application.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if (
            conf.RATUSZ_PAGE_CACHE_SECONDS > 0
            and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
            and not environ.get("PATH_INFO", "").startswith(SKIP_PREFIXES)
            and _environ_is_anonymous(environ)
        ):
            key = environ_key(environ)
            found = cache.get_many([GENERATION_KEY, key])
            stored = found.get(key)
            if stored is not None and stored[0] == found.get(GENERATION_KEY):
                return self._serve(environ, start_response, *stored[1:])
        return self.application(environ, start_response)

    @staticmethod
    def _serve(environ, start_response, status, headers, content):
        etag = dict(headers).get("ETag")
        if etag and etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            status, content = 304, b""
            headers = [(k, v) for k, v in headers if k in NOT_MODIFIED_HEADERS]
        else:
            headers = [(k, v) for k, v in headers if k != "Content-Length"]
            headers.append(("Content-Length", str(len(content))))
        headers.append((HEADER, "hit"))
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else content]


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = conf.RATUSZ_PAGE_CACHE_SECONDS

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
        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        stored = found.get(key)
        if stored is not None and stored[0] == current:
            return _from_copy(request, stored[1:])
        response = self.get_response(request)
        if request.method == "GET" and _storable(request, response):
            # Browsers revalidate (cheap, with ETag); a front cache may serve
            # the copy for one second, so a crowd reaches the app once a second.
            patch_cache_control(response, public=True, max_age=0, s_maxage=1)
            patch_vary_headers(response, ["Cookie"])
            # nginx's micro-cache keeps it for one second (it ignores s-maxage).
            response["X-Accel-Expires"] = "1"
            copy = (current, response.status_code, list(response.items()), response.content)
            cache.set(key, copy, self.seconds)
            response[HEADER] = "miss"
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response
