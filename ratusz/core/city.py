"""The city a site belongs to: one accessor for its identity.

Everything that names the city — page titles, the ballot's declaration of
residence, feeds, CAP messages, e-mails — reads it here, never from code: the
identity is a per-site setting (``OfficeSettings``) that ``manage.py ratusz_city
new`` or the admin fills in. Templates have it as ``city`` (the shell's context
processor).
"""

from __future__ import annotations

from typing import Any

# Work outside a request (a CAP feed of 50 entries, a task) reads the identity
# from the cache: it changes only with a save, which moves the content generation.
CACHE_SECONDS = 3600


def site_of(request_or_site: Any = None):
    """The Wagtail Site of a request, the site itself, or (no argument: work
    outside a request, a task or a command) the default site; None when there is none."""
    from wagtail.models import Site

    if isinstance(request_or_site, Site):
        return request_or_site
    if request_or_site is not None:
        return Site.find_for_request(request_or_site)
    return Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()


def current(request_or_site: Any = None):
    """The city identity (an ``OfficeSettings``) of a request or a site.

    For a request it is read once and kept on the request. Without any site (a
    database before its first city) an unsaved blank identity: names are empty,
    nothing is invented.
    """
    from wagtail.models import Site

    from .models import OfficeSettings

    if request_or_site is not None and not isinstance(request_or_site, Site):
        request = request_or_site
        identity = getattr(request, "_ratusz_city", None)
        if identity is None:
            site = Site.find_for_request(request)
            identity = current(site) if site is not None else OfficeSettings()
            request._ratusz_city = identity
        return identity
    from django.core.cache import cache

    from .pagecache import default_site_id, generation, site_generation

    site_pk = request_or_site.pk if request_or_site is not None else default_site_id()
    if site_pk is None:
        return OfficeSettings()
    key = f"city:{generation()}:{site_generation(site_pk)}:{site_pk}"
    identity = cache.get(key)
    if identity is None:
        site = site_of(request_or_site)
        if site is None:
            return OfficeSettings()
        identity = read_setting(OfficeSettings, site)
        cache.set(key, identity, CACHE_SECONDS)
    return identity


def read_setting(model, site):
    """A per-site setting of ``site`` as Wagtail's ``for_site`` gives it, but
    read first: ``for_site`` is a get_or_create, which asks the router for the
    primary and so pins the rest of an anonymous visitor's request there
    (``core.dbrouter``) — only a site without the setting yet needs that."""
    queryset = model.objects.filter(site=site)
    if getattr(model, "select_related", None):
        queryset = queryset.select_related(*model.select_related)
    found = queryset.first()
    return found if found is not None else model.for_site(site)


def default_name() -> str:
    """The default site's city name: the default of a model's "city" field (a
    callable, so neither the model nor its migration names a city)."""
    return current().city_name
