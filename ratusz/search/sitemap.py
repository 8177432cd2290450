"""``sitemap.xml``: Wagtail's pages, then every other public page the index holds.

The index already holds exactly the pages anyone may read (records, landing
and listing pages, other languages), so the sitemap is read from it: a page
added to search is in the sitemap too, and a private one is in neither.

Each city's host name has its own sitemap (#24): its Site's pages (Wagtail's
part already is per site) and its own rows of the index, with its domain.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap

from .models import Document


class IndexSitemap(PageSitemap):
    """The index's rows of the request's city (a Wagtail ``Sitemap`` only so
    that Wagtail's sitemap view hands it the request)."""

    limit = 5_000

    def items(self):
        from wagtail.models import Page

        site = self.get_wagtail_site()
        listed = set()
        for page in PageSitemap(self.request).items().only("url_path"):
            url = page.get_url(self.request)
            if url:
                listed.add(url)
        # A page restricted or unpublished a moment ago may still have its row
        # until the reindex task runs: the page tree's own word wins.
        public = Page.objects.live().public().values("pk")
        pages = site.root_page.get_descendants(inclusive=True).exclude(pk__in=public)
        for page in pages.only("url_path"):
            url = page.get_url(self.request)
            if url:
                listed.add(url)
        rows = Document.objects.filter(site=site).order_by("url")
        return [
            doc
            for doc in rows.only("url", "date", "indexed_at")
            if doc.url.startswith("/") and not doc.url.startswith("//") and doc.url not in listed
        ]

    def location(self, item):
        return item.url

    def lastmod(self, item):
        return item.indexed_at

    # Rows are not pages: Django's way of listing them, with the request's domain.
    _urls = Sitemap._urls  # type: ignore[attr-defined]  # Django's own, not in the stubs


SITEMAPS = {"strony": PageSitemap, "wykazy": IndexSitemap}
