"""Schemathesis against the OpenAPI description of the OGC API (/ogcapi/api).

Cases are generated from the document the API publishes about itself, so a
parameter or collection added later is covered without editing this file.
Valid requests (positive mode) and requests that break the document (negative
mode: wrong types, values out of range or enum) are both sent. Every answer
must conform to the document: no 5xx, declared status codes and content
types, bodies valid against the declared schemas, invalid input refused with
a 4xx. RATUSZ_OPENAPI_EXAMPLES sets the cases per operation and mode
(scripts/fuzz.sh runs more). Schemathesis' own pytest decorators need
pytest < 9, so each operation is driven with hypothesis directly.
"""

import itertools
import os

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

EXAMPLES = int(os.environ.get("RATUSZ_OPENAPI_EXAMPLES", "15"))
# OpenAPI 3.0 cannot say that one parameter needs another: `bbox-crs` without
# `bbox` is refused with 400 by design (OGC API – Features Part 2), which this
# heuristic would call a valid request rejected. Every other check runs.
EXCLUDED = [positive_data_acceptance]


def check(operation, mode):
    """Run one operation's cases in one mode; return how many were sent."""
    sent = []

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call()
        case.validate_response(response, excluded_checks=EXCLUDED)
        sent.append(response.status_code)

    run()
    return len(sent)


@pytest.fixture
def keep_test_connection():
    """Requests go through a real WSGI handler, which closes the database
    connection at each request's start and end. On PostgreSQL that would end
    the test's transaction; Django's test client avoids it the same way."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


def test_ogc_api_keeps_to_its_openapi_document(world, db, settings, keep_test_connection):
    settings.RATUSZ_RATELIMIT_ENABLED = False
    cache.clear()
    schema = schemathesis.openapi.from_wsgi("/ogcapi/api?f=json", WSGIHandler())
    operations = [result.ok() for result in schema.get_all_operations()]
    # landing, conformance, API, collections, one collection, and items + item
    # for each of the demo's collections (GIS layers and every app's geo.py)
    assert len(operations) >= 5 + 2 * 5, [op.label for op in operations]
    counts = {
        f"{operation.label} [{mode.value}]": check(operation, mode)
        for operation, mode in itertools.product(operations, GenerationMode)
    }
    assert all(counts.values()), counts
    print(f"FUZZ openapi: {sum(counts.values())} cases on {len(counts)} operation-modes")
