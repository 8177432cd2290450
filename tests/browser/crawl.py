"""Find every public page type of a running portal by crawling from its home page.

One URL stands for each page type, so a check over the result covers pages added
later without a fixed list. The type of an app page is its URL pattern (Django's
route, e.g. ``budzet-obywatelski/projekty/<int:pk>/``); the type of a CMS page is
the page model the ``<body data-page-type>`` names. The language of the page is part
of the type (an English page of a type is checked as well as the Polish one).

Used by the browser survey (tests/browser/test_site.py) and by ``make screenshots``.
"""

import re
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Not pages a resident reads: the CMS, machine interfaces, files and feeds.
SKIP_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/ogcapi/",
    "/static/",
    "/media/",
    "/documents/",
    "/_util/",
)
SKIP_SUFFIXES = (
    ".xml",
    ".json",
    ".geojson",
    ".csv",
    ".ics",
    ".pdf",
    ".png",
    ".jpg",
    ".svg",
    ".zip",
    ".txt",
    ".atom",
)
SKIP_PARTS = ("/feed/", "/atom/", "/rss/", "/wyloguj", "/logout")

MAX_FETCHES = 600  # bounds the crawl whatever the demo grows into
MAX_TYPES = 120


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.page_type = ""
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("hreflang") and attrs.get("href"):
            self.links.append(attrs["href"])  # the page in another language
        elif tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.links.append(attrs.get("action") or "")  # a search or filter result page
        elif tag == "body":
            self.page_type = attrs.get("data-page-type") or ""
        elif tag == "html":
            self.lang = attrs.get("lang") or ""


def crawlable(path):
    return (
        path.startswith("/")
        and not path.startswith(SKIP_PREFIXES)
        and not path.lower().endswith(SKIP_SUFFIXES)
        and not any(part in path for part in SKIP_PARTS)
    )


def route_of(path):
    """The URL pattern of an app page, or None for a CMS page (Wagtail's catch-all)."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name in ("wagtail_serve", None) or "wagtail" in (match.func.__module__ or ""):
        return None
    return match.route or match.view_name


def _fetch(url):
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            if "text/html" not in response.headers.get("Content-Type", ""):
                return None, None
            return response.geturl(), response.read(2_000_000).decode("utf-8", "replace")
    except (urllib.error.URLError, TimeoutError, ValueError):
        return None, None


def crawl(base_url, start="/", max_fetches=MAX_FETCHES, max_types=MAX_TYPES):
    """Return {page type: path}, the first path met of each type, breadth first."""
    own = urlsplit(base_url).netloc
    types = {}
    seen_routes = set()
    queue = deque([start])
    seen = {start}
    fetches = 0
    while queue and fetches < max_fetches and len(types) < max_types:
        path = queue.popleft()
        route = route_of(path)
        if route is not None and route in seen_routes:
            continue  # another page of an app type already checked
        fetches += 1
        final, html = _fetch(base_url + path)
        if html is None:
            continue
        final_path = urlsplit(final).path
        if final_path != path and not crawlable(final_path):
            continue
        parser = _Links()
        parser.feed(html)
        lang = (parser.lang or "pl").split("-")[0]
        if route is not None:
            seen_routes.add(route)
            key = f"{lang}:{route}"
        else:
            key = f"{lang}:page:{parser.page_type or final_path}"
        types.setdefault(key, final_path)
        for href in parser.links:
            parts = urlsplit(urljoin(base_url + final_path, href))
            if parts.netloc != own or parts.scheme not in ("http", "https"):
                continue
            link = re.sub(r"/{2,}", "/", parts.path)
            if link not in seen and crawlable(link):
                seen.add(link)
                queue.append(link)
    return types
