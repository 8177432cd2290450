"""Every public page a resident can reach is in the index and in sitemap.xml.

The pages are found by crawling the demo from its home page (as
tests/browser/crawl.py does), not from a list, so a page type added later is
checked too. A page left out of search must be named below with the reason.
"""

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import resolve

from ratusz.search.models import Document
from tests.browser.crawl import _Links, crawlable

pytestmark = pytest.mark.django_db

# URL name → why the page is not a search result of its own.
EXCLUDED = {
    "search:index": "the search page itself: what it shows is the results of a query",
    "gis:search": "the map portal's search form: what it shows is the results of a query",
    "services:card-print": "the printable copy of a service card; the card itself is indexed",
    "ngo:propose": "a form proposing changes to one organisation, whose own page is indexed",
}
MAX_PAGES = 1_000


def crawl(client):
    """Every path of an HTML page answering 200 to an anonymous visitor."""
    seen, queue, found = {"/"}, deque(["/"]), []
    while queue and len(found) < MAX_PAGES:
        path = queue.popleft()
        # A crawler is many visitors, not one: each request from its own address
        # so that the per-address render limit (on, as in production) is not what is tested.
        n = len(seen)
        response = client.get(path, REMOTE_ADDR=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        found.append(path)
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.links:
            parts = urlsplit(urljoin("http://testserver" + path, href))
            if parts.netloc not in ("", "testserver"):
                continue
            link = re.sub(r"/{2,}", "/", parts.path)
            if link not in seen and crawlable(link):
                seen.add(link)
                queue.append(link)
    return found


def test_every_public_page_is_in_the_index_and_the_sitemap(demo, client):
    pages = crawl(client)
    assert len(pages) > 100, pages  # the demo has well over a hundred public pages
    # the default city's index (the demo's second city has a sitemap of its own)
    own = Document.objects.filter(site__is_default_site=True)
    indexed = set(own.values_list("url", flat=True))
    sitemap = client.get("/sitemap.xml").content.decode()
    listed = {urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    missing_index, missing_sitemap = [], []
    for path in pages:
        if resolve(path).view_name in EXCLUDED:
            continue
        if path not in indexed:
            missing_index.append(path)
        if path not in listed:
            missing_sitemap.append(path)
    assert not missing_index, missing_index
    assert not missing_sitemap, missing_sitemap
    # Nothing the index holds is missing from the sitemap either.
    assert indexed - listed == set()


def test_landing_pages_are_found_by_their_words(demo):
    from ratusz.search import engine

    def first(query):
        hits = engine.search(query).hits
        return hits[0].document.url if hits else None

    assert first("deklaracja dostępności") == "/deklaracja-dostepnosci/"
    assert first("katalog organizacji pozarządowych") == "/ngo/organizacje/"
    assert first("program współpracy z organizacjami") == "/ngo/program-wspolpracy/"
    assert first("kalendarz organizacji") == "/ngo/kalendarz/"
    assert first("system informacji o terenie") == "/sit/"
