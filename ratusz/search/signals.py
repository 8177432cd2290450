"""Indexing follows publishing: saves, deletes and Wagtail (un)publishing enqueue tasks.

The receivers listen to every model and ask the registry of sources
(``sources.py``, filled from the apps' ``search.py``) what a save means:
reindex the record itself, the records that show its text (its
dependents), or, for a page's view restriction, the whole subtree.
Tasks run after the transaction commits, so the worker sees the saved row.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import sources as registry


def _is_page(obj) -> bool:
    from wagtail.models import Page

    return isinstance(obj, Page)


def _enqueue_index(obj) -> None:
    from .tasks import index_object

    label, pk = obj._meta.label, str(obj.pk)
    transaction.on_commit(lambda: index_object.enqueue(label, pk))


def _enqueue_dependents(obj) -> None:
    from .tasks import index_dependents

    label, pk = obj._meta.label, str(obj.pk)
    transaction.on_commit(lambda: index_dependents.enqueue(label, pk))


def _enqueue_subtree(page_pk) -> None:
    from .tasks import index_subtree

    transaction.on_commit(lambda: index_subtree.enqueue(page_pk))


class _RefreshViews:
    """One on-commit callback per transaction for all the landing pages its
    saves touch: a hundred NGOs saved in one transaction queue one refresh."""

    def __init__(self) -> None:
        self.labels: set[str] = set()

    def __call__(self) -> None:
        from .tasks import refresh_views_soon

        refresh_views_soon(sorted(self.labels))


def _enqueue_views(labels: list[str]) -> None:
    connection = transaction.get_connection()
    pending = None
    if connection.in_atomic_block:
        # One per savepoint level: a savepoint rolled back drops its own.
        here = set(connection.savepoint_ids)
        callbacks = (f for sids, f, *_ in connection.run_on_commit if sids == here)
        pending = next((f for f in callbacks if isinstance(f, _RefreshViews)), None)
    if pending is None:
        pending = _RefreshViews()
        pending.labels.update(labels)
        transaction.on_commit(pending)
    else:
        pending.labels.update(labels)


def _page_kinds() -> list[str]:
    from wagtail.models import Page

    models = [(s.kind, s.get_model()) for s in registry.available()]
    return [kind for kind, model in models if model is not None and issubclass(model, Page)]


def _enqueue_remove(obj) -> None:
    from .tasks import remove_object

    if _is_page(obj):  # whatever its type, a page's entries are keyed by its pk
        pairs = [(kind, str(obj.pk)) for kind in _page_kinds()]
    else:
        pairs = [(s.kind, s.key(obj)) for s in registry.sources_for(obj)]
    for kind, key in pairs:
        transaction.on_commit(lambda kind=kind, key=key: remove_object.enqueue(kind, key))


def on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # Pages follow publishing, not every draft save.
    if not _is_page(instance) and registry.sources_for(instance):
        _enqueue_index(instance)
    if registry.dependents_of(instance):
        _enqueue_dependents(instance)
    _views_follow(instance)


def _views_follow(obj) -> None:
    # Landing and listing pages showing records of this model (a count, a phase).
    labels = registry.view_models_of(obj)
    if labels:
        _enqueue_views(labels)


def on_delete(sender, instance, **kwargs):
    if _is_page(instance) or registry.sources_for(instance):
        _enqueue_remove(instance)
    _views_follow(instance)


def on_m2m_changed(sender, instance, action, **kwargs):
    # e.g. an organisation's fields of activity: part of its entry
    if not action.startswith("post_"):
        return
    if not _is_page(instance) and registry.sources_for(instance):
        _enqueue_index(instance)
    _views_follow(instance)


def on_page_published(sender, instance, **kwargs):
    _enqueue_index(instance)


def on_page_unpublished(sender, instance, **kwargs):
    _enqueue_remove(instance)


def on_page_moved(sender, instance, **kwargs):
    # New addresses for the subtree (moved or a new slug), perhaps a new
    # restricted ancestor.
    _enqueue_subtree(instance.pk)


def on_view_restriction_changed(sender, instance, raw=False, **kwargs):
    # A page behind a restriction (its own or an ancestor's) is never indexed:
    # adding, changing or removing one reindexes the page and everything below.
    if not raw:
        _enqueue_subtree(instance.page_id)


def connect() -> None:
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_published.connect(on_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search-page-moved")
    page_slug_changed.connect(on_page_moved, dispatch_uid="search-page-slug-changed")
    post_save.connect(on_save, dispatch_uid="search-save")
    post_delete.connect(on_delete, dispatch_uid="search-delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="search-m2m")
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-view-restriction-{name}",
        )
