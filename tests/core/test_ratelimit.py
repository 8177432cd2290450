import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from ratusz.core.ratelimit import parse_rate, ratelimit


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


def test_get_is_not_limited_by_default():
    @ratelimit("g", rate="1/m")
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    assert {view(factory.get("/x/")).status_code for _ in range(3)} == {200}
