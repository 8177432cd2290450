"""Rate limits on, as in production: GIS clients can page through a whole
collection with their default page size, while many different queries from
one address are still refused."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings as django_settings

from tests import redisserver

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


def _walk(client, url, limit=410):
    ids, statuses = [], []
    while url and len(statuses) < limit:
        response = client.get(url, HTTP_ACCEPT="application/json")
        statuses.append(response.status_code)
        if response.status_code != 200:
            break
        doc = response.json()
        ids += [feature["id"] for feature in doc["features"]]
        url = next((link["href"] for link in doc["links"] if link["rel"] == "next"), None)
    return ids, statuses


def test_a_refused_page_asked_again_later_continues_the_walk(client, demo_gis, limits_on, settings):
    settings.RATUSZ_READ_RATES = {**PRODUCTION_RATES, "api": "1/m", "api-walk": "2/m"}
    url = "/ogcapi/collections/dzialki-demo/items?f=json&limit=100"
    with time_machine.travel(datetime(2026, 12, 7, 10, 0, 1, tzinfo=UTC), tick=False):
        ids, statuses = _walk(client, url)
        assert statuses == [200, 200, 200, 429]  # the first page, then two of the walk
    # late in the next window (the walk is kept 2 minutes): the sliding window
    # weighs the first minute's 3 walk pages by 1/6 only
    with time_machine.travel(datetime(2026, 12, 7, 10, 1, 50, tzinfo=UTC), tick=False):
        # the refused page again: still the walk's next page, though "api" allows
        # only one request a minute and the two pages use it up otherwise
        settings.RATUSZ_READ_RATES = {**PRODUCTION_RATES, "api": "0/m", "api-walk": "2/m"}
        response = client.get(f"{url}&offset=300", HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert client.get(f"{url}&offset=200").status_code == 429  # not the next page


@pytest.mark.skipif(not redisserver.AVAILABLE, reason="brak redis-server")
def test_gdal_style_paging_with_the_production_cache(
    client, demo_gis, limits_on, settings, monkeypatch, tmp_path
):
    with redisserver.redis_server(tmp_path) as url:
        settings.CACHES = redisserver.production_caches(monkeypatch, url)
        ids, statuses = _walk(client, "/ogcapi/collections/dzialki-demo/items?f=json&limit=1")
        assert set(statuses) == {200} and len(ids) == len(set(ids)) == 400
        # the page cache keeps the copies: the same walk again is served from it
        response = client.get(
            "/ogcapi/collections/dzialki-demo/items?f=json&limit=1", HTTP_ACCEPT="application/json"
        )
        assert response["X-Ratusz-Cache"] == "hit"


def test_a_plain_page_reads_the_layer_and_the_page_only(
    client, demo_gis, django_assert_num_queries
):
    url = "/ogcapi/collections/dzialki-demo/items?limit=10&offset=20"
    client.get(url)  # the attribute types are read once per process and layer version
    with django_assert_num_queries(2):  # no count(*): the import keeps the number
        doc = client.get(url, HTTP_ACCEPT="application/geo+json").json()
    assert doc["numberMatched"] == 400 and doc["numberReturned"] == 10


def test_a_walk_reads_the_layer_once_per_content_generation(
    client, demo_gis, limits_on, django_assert_num_queries
):
    from ratusz.gis.models import Layer

    url = "/ogcapi/collections/dzialki-demo/items?limit=10"
    assert client.get(url).status_code == 200
    with django_assert_num_queries(1):  # the page; the layer row is kept
        assert client.get(f"{url}&offset=10").json()["numberMatched"] == 400
    layer = Layer.objects.get(slug="dzialki-demo")
    layer.published = False
    layer.save()  # public content changed: a new generation
    assert client.get(f"{url}&offset=20").status_code == 404
