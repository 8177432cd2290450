"""One JSON line per request and per task, with a request id; error reports
without personal data."""

import json
import logging

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

from ratusz.core import logs
from ratusz.core.pagecache import CachedPagesApp

ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"


def lines(caplog, logger):
    formatter = logs.JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == logger]


def call(app, path, **headers):
    environ = dict(RequestFactory().get(path, **headers).META)
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = status
        answer["headers"] = dict(response_headers)

    body = app(environ, start_response)
    b"".join(body)
    body.close()
    return answer


@pytest.fixture
def app(settings, demo_site, real_wsgi):
    settings.RATUSZ_PAGE_CACHE_SECONDS = 60
    return logs.RequestLogApp(CachedPagesApp(WSGIHandler()))


def test_one_line_per_request_with_id_status_and_duration(app, caplog):
    caplog.set_level(logging.INFO, logger="ratusz.request")
    first = call(app, ARTICLE)
    second = call(app, ARTICLE, HTTP_X_REQUEST_ID="nginx-abc123")
    call(app, ARTICLE + "?q=44051401359")
    entries = lines(caplog, "ratusz.request")
    assert len(entries) == 3
    miss, hit, query = entries
    assert query["path"] == ARTICLE and "44051401359" not in json.dumps(query)
    assert miss["status"] == 200 and miss["method"] == "GET" and miss["path"] == ARTICLE
    assert miss["duration_ms"] >= 0 and miss["cache"] == "miss"
    assert miss["request_id"] == first["headers"]["X-Request-ID"]
    assert len(miss["request_id"]) == 32
    # an id from nginx is kept, also on a cache hit answered before Django
    assert hit["cache"] == "hit" and hit["request_id"] == "nginx-abc123"
    assert second["headers"]["X-Request-ID"] == "nginx-abc123"


def test_a_bad_request_id_is_replaced(app, caplog):
    caplog.set_level(logging.INFO, logger="ratusz.request")
    answer = call(app, "/robots.txt", HTTP_X_REQUEST_ID="x" * 100 + "\n<script>")
    assert answer["headers"]["X-Request-ID"].isalnum()
    assert lines(caplog, "ratusz.request")[0]["request_id"] == answer["headers"]["X-Request-ID"]


def test_errors_are_logged_with_traceback_and_request_id(caplog):
    def broken(environ, start_response):
        raise RuntimeError("zepsute")

    caplog.set_level(logging.INFO, logger="ratusz.request")
    with pytest.raises(RuntimeError):
        call(logs.RequestLogApp(broken), "/x/", HTTP_X_REQUEST_ID="req-1")
    (entry,) = lines(caplog, "ratusz.request")
    assert entry["level"] == "ERROR" and entry["request_id"] == "req-1"
    assert "RuntimeError: zepsute" in entry["traceback"] and "Traceback" in entry["traceback"]


@pytest.mark.django_db
def test_django_errors_carry_the_request_id(caplog, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    token = logs.request_id.set("req-2")
    try:
        logging.getLogger("django.request").error(
            "boom", exc_info=(ValueError, ValueError("v"), None)
        )
    finally:
        logs.request_id.reset(token)
    entry = lines(caplog, "django.request")[0]
    assert entry["request_id"] == "req-2" and "ValueError: v" in entry["traceback"]


@pytest.mark.django_db
def test_one_line_per_task(caplog):
    from ratusz.alerts.tasks import send_pending

    caplog.set_level(logging.INFO, logger="ratusz.task")
    send_pending.enqueue()
    (entry,) = lines(caplog, "ratusz.task")
    assert entry["task"] == "ratusz.alerts.tasks.send_pending"
    assert entry["status"] == "SUCCESSFUL" and entry["duration_ms"] >= 0
    assert entry["request_id"].startswith("task-")


def test_scrub_removes_personal_data_and_secrets():
    event = {
        "message": "Głos 44051401359 od jan.kowalski@example.pl",
        "request": {
            "url": "https://portal/kontakt/",
            "query_string": "pesel=44051401359",
            "cookies": {"sessionid": "abc", "ratusz_auth": "x"},
            "headers": {"Cookie": "sessionid=abc", "Authorization": "Bearer t", "Host": "portal"},
            "data": {"imie": "Jan"},
        },
        "user": {"email": "jan.kowalski@example.pl", "ip_address": "192.0.2.1"},
        "breadcrumbs": {"values": [{"message": "mail do anna@example.org"}]},
        "exception": {"values": [{"value": "PESEL 44051401359 nieprawidłowy", "stacktrace": {}}]},
        "extra": {"X-CSRFToken": "t", "numer": 12345},
    }
    clean = json.dumps(logs.scrub(event), ensure_ascii=False)
    for secret in ("44051401359", "kowalski", "anna@", "abc", "Bearer", 'Jan"', "192.0.2.1"):
        assert secret not in clean, secret
    assert "portal" in clean and "12345" in clean  # the rest stays useful


def test_sentry_starts_only_with_a_dsn():
    import sentry_sdk

    assert logs.init_sentry("") is False
    assert logs.init_sentry("http://public@127.0.0.1:9/1") is True
    try:
        options = sentry_sdk.get_client().options
        assert options["send_default_pii"] is False
        assert options["before_send"] is logs.scrub
    finally:
        sentry_sdk.init()  # no DSN: switched off again
