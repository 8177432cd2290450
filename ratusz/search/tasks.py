"""Background indexing (django-tasks): saving a record never waits for Morfeusz."""

from django.apps import apps
from django_tasks import task

from . import index


@task()
def index_object(model_label: str, pk: str) -> None:
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return
    if hasattr(obj, "specific"):  # Wagtail pages: index the page type, not the base row
        obj = obj.specific
    index.index_object(obj)


@task()
def remove_object(kind: str, key: str) -> None:
    from .models import Document

    Document.objects.filter(kind=kind, key=key).delete()


@task()
def reindex() -> int:
    return index.reindex()
