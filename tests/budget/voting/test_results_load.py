"""Results day: 50 residents open the results page at the same moment. None of them runs
the tally engine (the worker counted once), and none gets a 5xx — before the count is
stored (the page says it is being counted) and after."""

import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse

from ratusz.budget.voting import results

from .test_results import engine_calls, finished  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)

VISITORS = 50
TIMEOUT = 20  # seconds per request; the whole test stays well under a minute


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def crowd(url, n=VISITORS):
    """``n`` visitors at once; their status codes and the slowest answer."""
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=n) as pool:
        answers = list(pool.map(fetch, [url] * n))
    return [status for status, _body in answers], answers, time.monotonic() - started


def test_fifty_visitors_at_once_never_run_the_engine(live_server, finished, engine_calls):  # noqa: F811
    page = live_server.url + reverse("budget_voting:results", args=[finished.slug])
    api = live_server.url + reverse("budget_voting:api-results", args=[finished.slug])
    started = time.monotonic()

    # Before the worker's count is stored: "being counted", never a count in the request.
    statuses, answers, _took = crowd(page)
    assert statuses == [200] * VISITORS
    assert all("są właśnie liczone" in body.decode() for _s, body in answers)
    assert engine_calls == []

    results.publish(finished)  # the worker's job, once
    engine_calls.clear()
    statuses, answers, took = crowd(page)
    assert statuses == [200] * VISITORS, statuses
    assert all("Piasek" in body.decode() for _s, body in answers)
    assert set(crowd(api)[0]) == {200}
    assert engine_calls == []
    assert time.monotonic() - started < 60, f"{took:.1f}s for {VISITORS} visitors"
