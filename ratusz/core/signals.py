"""Purge the page cache when anything shown to the public changes.

Which models those are, each app says itself in its ``public.py``
(``PUBLIC_MODELS``, found by ``ratusz.core.discovery``): an explicit opt-in,
so a vote, a subscription or a log line never flushes the cache during the
last day of a budget vote, and a new model is public only when its app says so.
"""

import functools

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from .discovery import declared
from .pagecache import forget_sites, purge_all, purge_site
from .tenancy import site_id_of_record


@functools.cache
def public_models() -> tuple[type, ...]:
    found = []
    for label, model in declared("public", "PUBLIC_MODELS"):
        if not (isinstance(model, type) and issubclass(model, models.Model)):
            raise ImproperlyConfigured(f"{label}.public.PUBLIC_MODELS: {model!r} is not a model")
        found.append(model)
    return tuple(found)


def is_public_content(model) -> bool:
    """True for a declared model and its subclasses (every page type is a Page)."""
    return isinstance(model, type) and issubclass(model, public_models())


def _purge_now_and_on_commit(site_id=None):
    # Now, so the change shows at once; again on commit, so that nothing
    # rendered inside the still-open transaction outlives it in the cache.
    # A record of one city purges that city's pages only (``core.tenancy``).
    purge_site(site_id)
    transaction.on_commit(lambda: purge_site(site_id))


def _site_id(instance):
    from wagtail.models import Page

    if isinstance(instance, Page):
        site = instance.get_site()
        return site.pk if site is not None else None
    try:
        return site_id_of_record(instance)
    except Exception:  # noqa: BLE001 - a parent already deleted: purge everything
        return None


def _changed(sender, instance=None, **kwargs):
    if is_public_content(sender):
        _purge_now_and_on_commit(_site_id(instance) if instance is not None else None)


def _m2m_changed(sender, instance, action, **kwargs):
    # The sender is the link table; what changed is the record it belongs to.
    if action.startswith("post_") and is_public_content(type(instance)):
        _purge_now_and_on_commit(_site_id(instance))


def _page_changed(sender, instance=None, **kwargs):
    _purge_now_and_on_commit(_site_id(instance) if instance is not None else None)


def _sites_changed(sender, **kwargs):
    # a city added, renamed or removed: host names map anew, every copy goes
    forget_sites()
    purge_all()
    transaction.on_commit(forget_sites)


def connect():
    post_save.connect(_changed, dispatch_uid="ratusz-pagecache-save")
    post_delete.connect(_changed, dispatch_uid="ratusz-pagecache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="ratusz-pagecache-m2m")
    page_published.connect(_page_changed, dispatch_uid="ratusz-pagecache-publish")
    page_unpublished.connect(_page_changed, dispatch_uid="ratusz-pagecache-unpublish")
    from wagtail.models import Site

    post_save.connect(_sites_changed, sender=Site, dispatch_uid="ratusz-pagecache-site-save")
    post_delete.connect(_sites_changed, sender=Site, dispatch_uid="ratusz-pagecache-site-delete")
