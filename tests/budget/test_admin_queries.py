"""The project list in the admin costs the same number of queries for 1 row or 8
(bench/bench_cities.py found two queries per row: each pool's edition)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.budget.helpers import make_edition
from tests.budget.test_verification import make_project

pytestmark = pytest.mark.django_db


def _listing_queries(client):
    client.get("/admin/snippets/budget/project/")  # warm: session, menus
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/snippets/budget/project/").status_code == 200
    return len(queries)


def test_the_project_list_does_not_query_per_row(client, django_user_model):
    edition = make_edition()
    client.force_login(django_user_model.objects.create_superuser("szef", password="x"))
    make_project(edition, number="MBO/X/1")
    one = _listing_queries(client)
    for n in range(2, 9):
        make_project(edition, number=f"MBO/X/{n}")
    assert _listing_queries(client) == one
