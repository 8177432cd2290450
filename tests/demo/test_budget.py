"""The demo loads a realistic edition and a second run changes nothing."""

import pytest

from ratusz.budget.models import Edition, Pool, Project, StatusChange
from ratusz.demo import budget as demo
from ratusz.demo.districts import DISTRICTS

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Edition.objects.values_list("slug", "submissions_end")),
        list(Pool.objects.order_by("pk").values_list("slug", "amount")),
        list(Project.objects.order_by("pk").values_list("number", "status", "cost")),
        StatusChange.objects.count(),
    )


def test_demo_is_realistic_and_idempotent():
    from ratusz.gis.models import District

    for number, (name, slug, _lon, _lat) in enumerate(DISTRICTS, start=1):
        District.objects.create(name=name, slug=slug, code=f"{number:02d}")
    demo.load()
    first = snapshot()
    demo.load()
    assert snapshot() == first
    edition = Edition.objects.get(slug="mbo-2027")
    assert edition.pools.filter(kind="district").count() == 15
    assert edition.pools.filter(kind="citywide").count() == 1
    statuses = set(edition.projects.values_list("status", flat=True))
    assert {"admitted", "not_feasible", "formal_rejected", "appeal_dismissed", "merged"} <= statuses
    # Every demo project respects the edition's own cost limits for its pool.
    for project in Project.objects.exclude(status="formal_rejected"):
        assert project.edition.min_cost <= project.cost <= project.pool.max_project_cost, project
    # District pools add up to the amount split between them.
    total = sum(p.amount for p in edition.pools.filter(kind="district"))
    assert total == edition.allocation_total
