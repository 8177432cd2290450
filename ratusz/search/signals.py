"""Indexing follows publishing: saves, deletes and Wagtail (un)publishing enqueue tasks.

Tasks run after the transaction commits, so the worker sees the saved row.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .sources import SOURCES, sources_for


def _enqueue_index(obj) -> None:
    from .tasks import index_object

    label, pk = obj._meta.label, str(obj.pk)
    transaction.on_commit(lambda: index_object.enqueue(label, pk))


PAGE_KINDS = ("page", "news")


def _enqueue_remove(obj, kinds=None) -> None:
    from .tasks import remove_object

    pairs = (
        [(k, str(obj.pk)) for k in kinds]
        if kinds
        else [(s.kind, s.key(obj)) for s in sources_for(obj)]
    )
    for kind, key in pairs:
        transaction.on_commit(lambda kind=kind, key=key: remove_object.enqueue(kind, key))


def on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        _enqueue_index(instance)


def on_delete(sender, instance, **kwargs):
    _enqueue_remove(instance)


def on_page_published(sender, instance, **kwargs):
    _enqueue_index(instance)


def on_page_unpublished(sender, instance, **kwargs):
    _enqueue_remove(instance, PAGE_KINDS)


def on_page_deleted(sender, instance, **kwargs):
    _enqueue_remove(instance, PAGE_KINDS)


def connect() -> None:
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(on_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search-page-unpublished")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search-page-deleted")
    for source in SOURCES:
        model = source.get_model()
        if model is None or issubclass(model, Page):
            continue  # pages follow publishing, not every draft save
        uid = f"search-{source.kind}"
        post_save.connect(on_save, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(on_delete, sender=model, dispatch_uid=uid + "-delete")
