"""The city (a Wagtail Site id) a map look-up is for, read without SQL where it can.

The OGC API's pages are walked by clients a page at a time: the host-to-site map
of the page cache (``ratusz.core.pagecache.site_id_of``) answers which city a
request is for without a query per page.
"""

from __future__ import annotations

from typing import Any


def city_id(site: Any) -> int | None:
    """The Site id of a request (its host name), a Site, or an id; None: the default site's."""
    from wagtail.models import Site

    from ratusz.core.pagecache import default_site_id, site_id_of

    if isinstance(site, int):
        return site
    if isinstance(site, Site):
        return site.pk
    if site is not None and hasattr(site, "META"):
        found = site_id_of(site.META, load=True)
        if found is not None:
            return found
    return default_site_id()


def in_city_id(queryset, site_id: int | None):
    """The records of the city ``site_id`` (none when there is no city at all)."""
    from ratusz.core.tenancy import city_path

    if site_id is None:
        return queryset.none()
    return queryset.filter(**{city_path(queryset.model): site_id})
