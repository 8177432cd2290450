"""Landing and listing pages follow the records they show, without a reindex.

Before, `/ngo/organizacje/` or an edition's pages were indexed only by the
nightly `search_reindex view`: a new NGO, a layer or an edition's new phase
left the index showing yesterday's page.
"""

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from ratusz.search import index, signals, tasks
from ratusz.search.models import Document
from ratusz.search.sources import dependent_view_paths, view_dependencies, view_paths


def view_body(path):
    # the default city's entry (the demo has a second city, with an entry of its own)
    return Document.objects.get(kind="view", key=path, site__is_default_site=True).body


def test_an_ngo_leaving_the_catalogue_changes_the_catalogues_entry(
    demo, django_capture_on_commit_callbacks
):
    from ratusz.core.tenancy import in_city
    from ratusz.ngo.models import Organisation

    path = reverse("ngo:directory")
    approved = in_city(Organisation.objects.approved())  # the default city's catalogue
    count = approved.count()
    assert f"organizacji: {count}." in view_body(path)
    org = approved.first()
    with django_capture_on_commit_callbacks(execute=True):
        org.status = Organisation.Status.REJECTED
        org.save()
    assert f"organizacji: {count - 1}." in view_body(path)


def test_a_renamed_edition_shows_on_its_pages(demo, django_capture_on_commit_callbacks):
    from ratusz.budget.models import Edition

    edition = Edition.objects.order_by("pk").first()
    path = reverse("budget:map", args=[edition.slug])
    assert "Edycja Przemianowana" not in view_body(path)
    with django_capture_on_commit_callbacks(execute=True):
        edition.name = "Edycja Przemianowana"
        edition.save()
    assert "Edycja Przemianowana" in view_body(path)


def test_saves_in_one_transaction_queue_one_refresh(
    demo, django_capture_on_commit_callbacks, monkeypatch
):
    from ratusz.ngo.models import Organisation

    calls = []
    monkeypatch.setattr(index, "index_views", lambda labels: calls.append(labels) or 0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for org in Organisation.objects.approved()[:5]:
            org.description += " ."
            org.save()
    refreshes = [c for c in callbacks if isinstance(c, signals._RefreshViews)]
    assert len(refreshes) == 1
    assert calls == [["ngo.Organisation"]]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_burst_of_saves_queues_one_delayed_refresh(demo, django_capture_on_commit_callbacks):
    from django.core.cache import cache
    from django_tasks import default_task_backend

    from ratusz.ngo.models import Organisation

    cache.delete(tasks._VIEWS_KEY + "ngo.Organisation")
    default_task_backend.clear()
    for org in Organisation.objects.approved()[:3]:  # three transactions
        with django_capture_on_commit_callbacks(execute=True):
            org.description += " ."
            org.save()
    queued = [r for r in default_task_backend.results if r.task.name == "index_views"]
    assert len(queued) == 1
    assert queued[0].task.run_after is not None
    assert queued[0].args == [["ngo.Organisation"]]
    cache.delete(tasks._VIEWS_KEY + "ngo.Organisation")


def test_a_save_renders_nothing_before_commit(demo, django_assert_max_num_queries):
    # The save itself only registers a callback: no page is rendered inside it.
    from ratusz.ngo.models import Organisation

    org = Organisation.objects.approved().first()
    with transaction.atomic(), django_assert_max_num_queries(12):
        org.description += " ."
        org.save()


@pytest.mark.django_db
def test_every_followed_page_is_a_declared_view():
    labels = [model._meta.label for model in view_dependencies()]
    assert {"ngo.Organisation", "budget.Edition", "gis.Layer", "services.ServiceCard"} <= set(
        labels
    )
    followed = dependent_view_paths(labels)
    assert followed and set(followed) <= set(view_paths())
