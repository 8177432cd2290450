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
from .pagecache import purge_all


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


def _purge_now_and_on_commit():
    # Now, so the change shows at once; again on commit, so that nothing
    # rendered inside the still-open transaction outlives it in the cache.
    purge_all()
    transaction.on_commit(purge_all)


def _changed(sender, **kwargs):
    if is_public_content(sender):
        _purge_now_and_on_commit()


def _m2m_changed(sender, instance, action, **kwargs):
    # The sender is the link table; what changed is the record it belongs to.
    if action.startswith("post_") and is_public_content(type(instance)):
        _purge_now_and_on_commit()


def _page_changed(sender, **kwargs):
    _purge_now_and_on_commit()


def connect():
    post_save.connect(_changed, dispatch_uid="ratusz-pagecache-save")
    post_delete.connect(_changed, dispatch_uid="ratusz-pagecache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="ratusz-pagecache-m2m")
    page_published.connect(_page_changed, dispatch_uid="ratusz-pagecache-publish")
    page_unpublished.connect(_page_changed, dispatch_uid="ratusz-pagecache-unpublish")
