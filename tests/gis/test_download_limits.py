"""Rate limits on, as in production: GIS clients can page through a whole
collection with their default page size, while many different queries from
one address are still refused."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db

PRODUCTION_RATES = dict(django_settings.RATUSZ_READ_RATES)  # from settings/base.py


@pytest.fixture
def limits_on(settings):
    settings.RATUSZ_RATELIMIT_ENABLED = True
    settings.RATUSZ_READ_RATES = PRODUCTION_RATES
    settings.RATUSZ_PAGE_CACHE_SECONDS = 60


def test_gdal_style_paging_downloads_a_whole_collection(client, demo_gis, limits_on):
    # GDAL: first ?f=json&limit=N, then each "next" link; one feature a page
    # makes the 400 demo parcels more pages than the plain API limit (300/min).
    url = "/ogcapi/collections/dzialki-demo/items?f=json&limit=1"
    ids, requests = [], 0
    while url:
        response = client.get(url, HTTP_ACCEPT="application/json")
        requests += 1
        assert response.status_code == 200, (requests, response.content[:200])
        doc = response.json()
        ids += [feature["id"] for feature in doc["features"]]
        url = next((link["href"] for link in doc["links"] if link["rel"] == "next"), None)
        assert requests <= 410
    assert len(ids) == len(set(ids)) == 400 and requests > 300


def test_many_different_queries_are_still_limited(client, demo_gis, limits_on):
    limit = int(PRODUCTION_RATES["api"].split("/")[0])
    # The windows are the clock's minutes: the requests are all made in one of
    # them (on a slow machine they took long enough to cross into the next).
    with time_machine.travel(datetime(2026, 12, 7, 10, 0, 1, tzinfo=UTC), tick=False):
        statuses = [
            # offsets 3 apart with pages of 10: never the next page of an earlier one
            client.get(
                f"/ogcapi/collections/dzialki-demo/items?limit=10&offset={3 * n}"
            ).status_code
            for n in range(limit + 1)
        ]
    assert statuses[:limit] == [200] * limit and statuses[-1] == 429


def test_jumping_ahead_is_not_a_walk(client, demo_gis, limits_on, settings):
    settings.RATUSZ_READ_RATES = {**PRODUCTION_RATES, "api": "3/m"}
    base = "/ogcapi/collections/dzialki-demo/items?limit=5"
    assert client.get(base).status_code == 200
    assert client.get(base + "&offset=5").status_code == 200  # the next page: a walk
    assert client.get(base + "&offset=10").status_code == 200
    assert client.get(base + "&offset=100").status_code == 200  # a jump: counted (2)
    assert client.get(base + "&offset=200").status_code == 200  # (3)
    assert client.get(base + "&offset=300").status_code == 429
