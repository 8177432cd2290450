"""Background indexing (django-tasks): saving a record never waits for Morfeusz."""

from datetime import timedelta

from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from . import index

# Landing pages listing a kind of record are re-rendered at most once in this
# many seconds: an import saving a thousand NGOs renders the catalogue once
# or twice, not a thousand times.
VIEWS_DEBOUNCE_SECONDS = 30
_VIEWS_KEY = "search:views-queued:"


def _get(model_label: str, pk: str):
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is not None and hasattr(obj, "specific"):  # Wagtail pages: the page type
        obj = obj.specific
    return obj


@task()
def index_object(model_label: str, pk: str) -> None:
    obj = _get(model_label, pk)
    if obj is not None:
        index.index_object(obj)


@task()
def index_dependents(model_label: str, pk: str) -> None:
    obj = _get(model_label, pk)
    if obj is not None:
        index.index_dependents(obj)


@task()
def index_subtree(page_pk: int) -> None:
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_pk).first()
    if page is not None:
        index.index_subtree(page)


@task()
def remove_object(kind: str, key: str) -> None:
    index.store(kind, key, None)


@task()
def reindex() -> int:
    count = index.reindex()
    index.analyse()
    return count


@task()
def index_city(site_id: int) -> int:
    """A new city's landing and listing pages (its pages follow their publishing)."""
    return index.index_site_views(site_id)


def _claim(label: str) -> bool:
    """True unless a refresh of these pages is already waiting to run."""
    # The key outlives the delay, so a late worker causes at most a repeat.
    if cache.add(_VIEWS_KEY + label, 1, timeout=VIEWS_DEBOUNCE_SECONDS * 4):
        return True
    available = getattr(cache, "available", None)  # Redis down: refresh anyway
    return available is not None and not available()


def refresh_views_soon(model_labels: list[str]) -> None:
    """Queue one re-render of the pages showing these models' records,
    delayed when the backend can, so that a burst of saves makes one task."""
    labels = [label for label in sorted(set(model_labels)) if _claim(label)]
    if not labels:
        return
    queued = index_views
    if queued.get_backend().supports_defer:
        delay = timedelta(seconds=VIEWS_DEBOUNCE_SECONDS)
        queued = queued.using(run_after=timezone.now() + delay)
    queued.enqueue(labels)


@task()
def index_views(model_labels: list[str]) -> int:
    # Released first: a save committed while the pages render queues again.
    cache.delete_many([_VIEWS_KEY + label for label in model_labels])
    return index.index_views(model_labels)
