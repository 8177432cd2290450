"""Full-page cache for anonymous visitors, purged by every content change.

A visitor without a valid login marker (``sessionmarker``, set at login) gets
the stored copy of a page; anyone logged in always gets a fresh one, and
responses that set a cookie (the CSRF cookie of a form page) or forbid storing
(Wagtail sends ``no-store`` with every page behind a view restriction) are
never stored. A made-up ``sessionid`` cookie changes nothing.

Responses that depend on a request header (``Vary: Accept`` of the OGC API)
are stored once per normalised value of that header: the base key then holds
a small marker naming the headers, and the copy lives under a second key.
Misses an anonymous client causes are limited per address ("render" in
RATUSZ_READ_RATES), so random query strings cannot force renders without end.

Every copy records the content generations it was made in: the
installation's and its city's (a Wagtail Site: one installation serves many
cities). A save of public content (the models apps list in their
``public.py``, view restrictions included) bumps its city's generation, or
the installation's for what every city shows, so a published change is
visible on the next request on every app server at once (Redis in
production) and a publish in one city leaves the other cities' copies alone.
A short TTL bounds time-driven changes (an alert expiring, a
budget phase opening).

The middleware sits right after Django's SecurityMiddleware, so a hit skips
the rest of the stack: the copy is stored with its final headers (security
headers, ETag), the generation and the copy come back in one cache round
trip, and the copy is plain bytes rather than a pickled response.
"""

import functools
import hashlib
import secrets
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.http.cookie import parse_cookie
from django.utils.cache import (  # type: ignore[attr-defined]  # not in django-stubs
    cc_delim_re,
    patch_cache_control,
    patch_vary_headers,
)

from ratusz.core.conf import conf

from . import sessionmarker
from .ratelimit import client_address, hit, parse_rate, read_bucket, too_many

GENERATION_KEY = "pagecache:generation"
SITE_GENERATION_KEY = "pagecache:generation:site:{}"
SITES_KEY = "pagecache:sites"  # {host: site id, "": default site id}: host → city without SQL
SITES_SECONDS = 30  # a process re-reads that map at most this often
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/dokumenty/", "/healthz")
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


def _new_generation():
    # A count started again (Redis lost the key: a restart, an eviction) starts
    # anywhere, never at a number copies or processes may still hold.
    return secrets.randbelow(2**48) + 2


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        first = _new_generation()
        cache.add(GENERATION_KEY, first, timeout=None)
        value = cache.get(GENERATION_KEY, first)
    return value


def site_generation(site_id):
    key = SITE_GENERATION_KEY.format(site_id)
    value = cache.get(key)
    if value is None:
        first = _new_generation()
        cache.add(key, first, timeout=None)
        value = cache.get(key, first)
    return value


def purge_site(site_id):
    """Make one city's stored pages stale (its public content changed)."""
    global _purge_pending
    if site_id is None:
        purge_all()
        return
    key = SITE_GENERATION_KEY.format(site_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _new_generation(), timeout=None)
    # Redis unreachable: purge everything once it is back (see purge_all)
    _purge_pending = _purge_pending or not _cache_available()


_sites = {"map": None, "read": 0.0}


def forget_sites():
    """A Site was added, moved or removed: every process reads the map again."""
    cache.delete(SITES_KEY)
    _sites["map"] = None


def _sites_map(load=False):
    """{host: site id, "": default site id} — from this process, else the
    cache; with ``load`` (inside Django) from the database when neither has it."""
    import time

    now = time.monotonic()
    if _sites["map"] is not None and now - _sites["read"] < SITES_SECONDS:
        return _sites["map"]
    found = cache.get(SITES_KEY)
    if found is None and load:
        from wagtail.models import Site

        found, default = {}, None
        for site_id, hostname, is_default in Site.objects.order_by("pk").values_list(
            "pk", "hostname", "is_default_site"
        ):
            found.setdefault(hostname.lower(), site_id)
            if is_default or default is None:
                default = site_id
        found[""] = default
        cache.set(SITES_KEY, found, timeout=None)
    if found is not None:
        _sites["map"], _sites["read"] = found, now
    return found


def default_site_id():
    """The default site's id, mostly without SQL (the host map)."""
    found = _sites_map(load=True)
    return found.get("") if found else None


def _host_of(environ):
    host = (environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")).lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def site_id_of(environ, load=False):
    """The city (Site id) a request's host name is served as, the way Wagtail
    finds it: its host name, else the default site. None: not known yet."""
    found = _sites_map(load)
    if found is None:
        return None
    return found.get(_host_of(environ), found.get(""))


_purge_pending = False


def _cache_available():
    available = getattr(cache, "available", None)
    return available is None or available()


def purge_all():
    """Make every stored page stale (called when public content changes)."""
    global _purge_pending
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    # Redis unreachable: copies made before the change may still be there when
    # it comes back, so this process bumps the generation once it can.
    _purge_pending = not _cache_available()


def _retry_purge():
    if _purge_pending and _cache_available():
        purge_all()


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


# Media types a negotiating view can tell apart; the rest of a browser's
# Accept header (image/avif, …) is dropped so that browsers share copies.
KNOWN_MEDIA = frozenset(CACHEABLE_TYPES) | {
    "application/xhtml+xml",
    "application/*",
    "text/*",
    "*/*",
    "application/problem+json",
    "application/vnd.oai.openapi+json",
}
VARY_MARKER = "vary"


def _normal_accept(value, environ):
    kept = []
    for part in value.split(",")[:20]:
        media, *params = (p.strip() for p in part.split(";"))
        media = media.lower()
        if media not in KNOWN_MEDIA:
            continue
        q = "1"
        for param in params:
            if param.startswith("q="):
                try:
                    q = f"{min(max(float(param[2:]), 0.0), 1.0):.1f}"
                except ValueError:
                    q = "0.0"
        kept.append(f"{media};q={q}")
    return ",".join(kept)


@functools.cache
def _language_from_path_only(urlconf):
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    used, prefixed_default = is_language_prefix_patterns_used(urlconf)
    return used and not prefixed_default


def _normal_accept_language(value, environ):
    # With i18n_patterns and an unprefixed default language (ratusz/urls.py),
    # LocaleMiddleware takes the language from the path alone, although it
    # still sends Vary: Accept-Language: no copy per browser language then.
    if _language_from_path_only(settings.ROOT_URLCONF):
        return ""
    from django.utils.translation import trans_real

    for code, _q in trans_real.parse_accept_lang_header(value[:500]):
        try:
            return trans_real.get_supported_language_variant(code)
        except LookupError:
            continue
    return ""


def _normal_accept_encoding(value, environ):
    tokens = {t.split(";")[0].strip().lower() for t in value.split(",")}
    return ",".join(sorted(tokens & {"gzip", "br", "zstd", "deflate"}))


NORMALISERS = {
    "accept": _normal_accept,
    "accept-language": _normal_accept_language,
    "accept-encoding": _normal_accept_encoding,
}


def _vary_names(response):
    """Headers the response varies on, besides Cookie; None for ``Vary: *``."""
    names = []
    for name in cc_delim_re.split(response.get("Vary", "")):
        name = name.strip().lower()
        if name == "*":
            return None
        if name and name != "cookie" and name not in names:
            names.append(name)
    return tuple(sorted(names))


def _variant_key(key, names, environ):
    values = []
    for name in names:
        raw = environ.get("HTTP_" + name.upper().replace("-", "_"), "")
        normalise = NORMALISERS.get(name)
        values.append(normalise(raw, environ) if normalise else raw.strip().lower()[:200])
    digest = hashlib.sha256("\n".join(values).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{key}:{digest}"


MISSED = "ratusz.pagecache.missed"  # environ: the generation a looked-up miss saw


def lookup(environ):
    """The stored copy for this request, or None (one round trip, two if the
    page varies on a header). On a miss the environ remembers the generation,
    so the middleware after the WSGI wrapper neither looks again nor asks for it."""
    _retry_purge()
    site_id = site_id_of(environ)
    if site_id is None:
        return None  # the middleware learns the host's city and looks again
    key = environ_key(environ)
    site_key = SITE_GENERATION_KEY.format(site_id)
    found = cache.get_many([GENERATION_KEY, site_key, key])
    current = (found.get(GENERATION_KEY), found.get(site_key))
    stored = found.get(key)
    if stored is not None and None not in current and stored[0] == current:
        if stored[1] != VARY_MARKER:
            return stored[1:]
        stored = cache.get(_variant_key(key, stored[2], environ))
        if stored is not None and stored[0] == current:
            return stored[1:]
    environ[MISSED] = current
    return None


def seen_generation(request):
    """The content generation this request's page-cache look-up read, or None
    (no look-up: the cache is off, the visitor signed in, Redis away). What a
    view builds from public content under one generation stays current while
    the generation is the same: every change of public content bumps it."""
    return request.META.get(MISSED)


def store(environ, current, response, seconds):
    names = _vary_names(response)
    key = environ_key(environ)
    copy = (current, response.status_code, list(response.items()), response.content)
    if names:
        cache.set_many(
            {key: (current, VARY_MARKER, names), _variant_key(key, names, environ): copy},
            seconds,
        )
    else:
        cache.set(key, copy, seconds)


def _is_anonymous(request):
    return not sessionmarker.valid(request.COOKIES.get(sessionmarker.COOKIE))


def _environ_is_anonymous(environ):
    header = environ.get("HTTP_COOKIE", "")
    if sessionmarker.COOKIE not in header:
        return True
    return not sessionmarker.valid(parse_cookie(header).get(sessionmarker.COOKIE))


def _signed_in(request):
    # A real session without the marker (signed in before the marker existed):
    # its page must never become everybody's copy.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def _storable(request, response):
    if response.status_code != 200 or response.cookies or response.streaming:
        return False
    if _vary_names(response) is None:
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
            stored = lookup(environ)
            if stored is not None:
                return self._serve(environ, start_response, *stored)
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
        if MISSED not in request.META:
            site_id_of(request.META, load=True)  # the WSGI wrapper may not have known the host
        stored = None if MISSED in request.META else lookup(request.META)
        if stored is not None:
            return _from_copy(request, stored)
        if not _within_render_budget(request):
            return too_many(request, parse_rate(_render_rate())[1])
        current = request.META.get(MISSED)
        if current is None or None in current:
            current = (generation(), site_generation(site_id_of(request.META, load=True)))
        response = self.get_response(request)
        signed_in = _signed_in(request)
        if request.method == "GET" and not signed_in and _storable(request, response):
            # Browsers revalidate (cheap, with ETag); a front cache may serve
            # the copy for one second, so a crowd reaches the app once a second.
            patch_cache_control(response, public=True, max_age=0, s_maxage=1)
            patch_vary_headers(response, ["Cookie"])
            # nginx's micro-cache keeps it for one second (it ignores s-maxage).
            response["X-Accel-Expires"] = "1"
            store(request.META, current, response, self.seconds)
            response[HEADER] = "miss"
        elif signed_in:
            patch_cache_control(response, private=True, no_store=True)
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response


def _render_rate():
    return conf.RATUSZ_READ_RATES.get("render")


def _within_render_budget(request):
    """Misses cost a render: an address gets a bounded number per minute.
    Paths with their own read limit (search, APIs) are counted there."""
    rate = _render_rate()
    if not rate or read_bucket(request.path):
        return True
    return hit("render", client_address(request), rate)
