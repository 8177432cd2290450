"""``sitemap.xml``: Wagtail's pages, then every other public page the index holds.

The index already holds exactly the pages anyone may read (records, landing
and listing pages, other languages), so the sitemap is read from it: a page
added to search is in the sitemap too, and a private one is in neither.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap

from .models import Document


class IndexSitemap(Sitemap):
    limit = 5_000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        from wagtail.models import Page

        listed = set()
        for page in PageSitemap(self.request).items().only("url_path"):
            url = page.get_url(self.request)
            if url:
                listed.add(url)
        # A page restricted or unpublished a moment ago may still have its row
        # until the reindex task runs: the page tree's own word wins.
        public = Page.objects.live().public().values("pk")
        for page in Page.objects.filter(depth__gt=1).exclude(pk__in=public).only("url_path"):
            url = page.get_url(self.request)
            if url:
                listed.add(url)
        return [
            doc
            for doc in Document.objects.order_by("url").only("url", "date", "indexed_at")
            if doc.url.startswith("/") and doc.url not in listed
        ]

    def location(self, item):
        return item.url

    def lastmod(self, item):
        return item.indexed_at


SITEMAPS = {"strony": PageSitemap, "wykazy": IndexSitemap}
