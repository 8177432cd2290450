"""PostgreSQL reads a search's matches off its GIN indexes, whatever its guesses.

The planner prices testing a row's text vector as nearly free, though each is
read from TOAST. Left alone, it tested every row of the city (off the
``site_id`` index) or of the table, 45-130 ms on 20,000 documents, where the
GIN index gives the matches in 1-3 ms (``bench/bench_search.py``). These tests
read the plan of every statement a search runs, inside its own transaction.
"""

import json

import pytest
from django.db import connection, transaction

from ratusz.search import engine, index
from ratusz.search.models import Document
from ratusz.search.polish import normalise

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL plans"),
]

WALK = '"Scan Direction": "Backward"'  # an index walked from the newest
FILLER = "Mieszkańcy dzielnicy spotkali się w sprawie remontu ulicy i placu zabaw"


def load(n=3_000, rare_every=150):
    rows = []
    for i in range(n):
        title = f"Komunikat numer {i}"
        body = FILLER + (" kangurzyca" if i % rare_every == 0 else "") + f" wpis {i}."
        rows.append(
            Document(
                kind="page",
                key=f"p{i}",
                title=title,
                body=body,
                url=f"/p/{i}/",
                title_norm=normalise(title),
                body_norm=normalise(body),
            )
        )
    Document.objects.bulk_create(rows, batch_size=500)
    engine._shares["at"] = None  # the shares are cached per process


def plans_of(text):
    """The plan (JSON) of every SELECT on the search table the search ran."""
    plans = []

    def explain(execute, sql, params, many, context):
        if "search_document d" in sql and not sql.startswith("EXPLAIN"):
            cursor = context["cursor"]
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            plans.append(json.dumps(plan if not isinstance(plan, str) else json.loads(plan)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain):
        results = engine.search(text)
    return results, plans


def test_a_bulk_change_leaves_no_pending_entries_in_the_gin_indexes():
    load()
    index.analyse()
    with connection.cursor() as cur:
        for gin in index.GIN_INDEXES:
            cur.execute("SELECT gin_clean_pending_list(%s::regclass)", [gin])
            assert cur.fetchone()[0] == 0, f"{gin} still had pending pages"


@pytest.mark.parametrize("text", ["spotkanie mieszkańców", "kangurzyca", "remont kangurzyca"])
def test_matches_come_off_the_text_index_never_from_testing_every_row(text):
    load()
    index.analyse()
    results, plans = plans_of(text)
    assert results.hits and plans
    for plan in plans:
        assert "Seq Scan" not in plan, plan
        assert "search_document_site_id" not in plan, plan  # the city's rows, each tested
        assert (
            "search_document_vector_gin" in plan
            or "search_document_title_gin" in plan
            or (WALK in plan and "search_document_pkey" in plan)
        ), plan


def test_a_word_in_every_document_is_found_walking_back_from_the_newest():
    load()
    index.analyse()
    results, plans = plans_of("mieszkańcy")
    assert any(WALK in p for p in plans), (results.kind_counts, [p[:400] for p in plans])
    newest = max(Document.objects.values_list("id", flat=True))
    assert newest in [h.document.id for h in results.hits]


def test_a_rare_word_is_sorted_off_the_index_and_found_whole():
    load()
    index.analyse()
    results, plans = plans_of("kangurzyca")
    assert not any(WALK in p for p in plans)
    assert len(results.hits) == 20


def test_the_settings_end_with_the_search_inside_a_callers_transaction():
    load()
    with transaction.atomic():
        engine.search("mieszkańcy")
        with connection.cursor() as cur:
            cur.execute("SHOW enable_seqscan")
            assert cur.fetchone()[0] == "on"
            cur.execute("SHOW enable_bitmapscan")
            assert cur.fetchone()[0] == "on"


def test_a_small_citys_filter_may_use_its_index(two_cities):
    load()
    small = two_cities.b.pk
    Document.objects.create(kind="page", key="t1", title="Tychy", url="/t/", site_id=small)
    engine._shares["at"] = None
    assert engine._site_column(small) == "d.site_id"
    assert engine._site_column(Document.objects.first().site_id) == "d.site_id + 0"
