"""Background indexing (django-tasks): saving a record never waits for Morfeusz."""

from django.apps import apps
from django_tasks import task

from . import index


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
    return index.reindex()
