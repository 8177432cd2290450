from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from ratusz.core.ratelimit import hit, parse_rate, ratelimit


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


def test_parse_rate():
    assert parse_rate("10/m") == (10, 60)
    assert parse_rate("3/h") == (3, 3600)


def test_limit_answers_429_in_polish_then_problem_json_for_apis():
    @ratelimit("t", rate="2/m")
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    statuses = [view(factory.post("/api/x/")).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = view(factory.post("/api/x/"))
    assert response["Content-Type"] == "application/problem+json"
    assert "Zbyt wiele" in response.content.decode()
    assert response["Retry-After"] == "60"


def _guesses(moment, n, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = True
    with time_machine.travel(moment, tick=False):
        return [hit("guess", "198.51.100.7", "10/m") for _ in range(n)]


def test_a_window_edge_does_not_double_the_allowance(settings):
    edge = datetime(2026, 12, 7, 10, 1, 0, tzinfo=UTC)
    assert _guesses(edge - timedelta(seconds=1), 10, settings) == [True] * 10
    # A fixed window would allow ten more a second later; the last minute holds ten.
    assert _guesses(edge + timedelta(seconds=1), 1, settings) == [False]


def test_the_allowance_comes_back_as_the_last_minute_moves_on(settings):
    start = datetime(2026, 12, 7, 10, 0, 0, tzinfo=UTC)
    assert _guesses(start, 10, settings) == [True] * 10
    # Half-way through the next window, half of the earlier ten still count.
    assert _guesses(start + timedelta(seconds=90), 6, settings) == [True] * 5 + [False]
    # Two windows on, nothing of them is left.
    assert _guesses(start + timedelta(seconds=180), 10, settings) == [True] * 10


def test_get_is_not_limited_by_default():
    @ratelimit("g", rate="1/m")
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    assert {view(factory.get("/x/")).status_code for _ in range(3)} == {200}


@pytest.mark.parametrize(
    "path,bucket",
    [
        ("/szukaj/", "search"),
        ("/sit/szukaj/", "search"),
        ("/api/gis/szukaj", "search"),
        ("/budzet-obywatelski/glosowanie/mbo-2027/sprawdz/", "ballot-check"),
        ("/budzet-obywatelski/glosowanie/mbo-2027/karta/AB12CD34/", "ballot-check"),
        ("/api/budget/editions/", "api"),
        ("/ogcapi/collections", "api"),
        ("/aktualnosci/feed/atom/", "api"),
        ("/ngo/konkursy/kanal.atom", "api"),
        ("/ngo/kalendarz.ics", "api"),
        ("/fundusze-europejskie/projekty.csv", "api"),
        ("/", None),
        ("/komunikaty/", None),
        ("/budzet-obywatelski/glosowanie/mbo-2027/", None),
    ],
)
def test_read_buckets(path, bucket):
    from ratusz.core.ratelimit import read_bucket

    assert read_bucket(path) == bucket


@pytest.fixture
def low_read_rates(settings):
    settings.RATUSZ_RATELIMIT_ENABLED = True
    settings.RATUSZ_READ_RATES = {"search": "2/m", "api": "2/m", "ballot-check": "2/m"}


@pytest.mark.django_db
def test_search_reads_are_limited_with_a_polish_page(client, low_read_rates):
    statuses = [client.get("/szukaj/", {"q": f"słowo{i}"}).status_code for i in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get("/szukaj/", {"q": "inne"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "no-store"  # never kept by a front cache
    body = response.content.decode()
    assert 'lang="pl"' in body and "Zbyt wiele żądań" in body
    # other reads and other addresses are not affected
    assert client.get("/komunikaty/").status_code == 200
    assert client.get("/szukaj/", {"q": "x"}, REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.django_db
def test_api_reads_are_limited_with_problem_json(client, low_read_rates):
    for _ in range(2):
        assert client.get("/api/budget/editions/").status_code == 200
    response = client.get("/api/budget/editions/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    # a separate bucket: the search still answers
    assert client.get("/szukaj/", {"q": "smog"}).status_code == 200


@pytest.mark.django_db
def test_ballot_numbers_cannot_be_tried_in_bulk(client, low_read_rates):
    url = "/budzet-obywatelski/glosowanie/nie-ma/karta/{}/"
    statuses = [client.get(url.format(f"AAAA{i:04d}")).status_code for i in range(3)]
    assert statuses == [404, 404, 429]


@pytest.mark.django_db
def test_reads_are_not_limited_when_switched_off(client, low_read_rates, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = False
    assert {client.get("/szukaj/", {"q": f"s{i}"}).status_code for i in range(4)} == {200}
