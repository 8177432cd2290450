"""The CAP import reaches only public addresses, in bounded time, with a
bounded number of feed entries (ratusz/core/outbound.py does the fetching)."""

import http.server
import threading

import pytest

from ratusz.alerts import importing
from tests.worker import run_worker

from .test_admin import publisher  # noqa: F401  (fixture)


class Internal(http.server.BaseHTTPRequestHandler):
    hits = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Internal.hits.append(self.path)
        body = b"<internal-service>admin panel</internal-service>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def internal():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Internal)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    Internal.hits.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.django_db(transaction=True)
def test_admin_import_refuses_loopback_and_echoes_nothing(publisher, internal, db_tasks):  # noqa: F811
    response = publisher.post("/admin/komunikaty/import/", {"url": internal + "/"})
    assert response.status_code == 302
    run_worker()  # the worker fetches, never the web request
    text = publisher.get(response["Location"]).content.decode()
    assert "pętla zwrotna" in text
    assert "internal-service" not in text
    assert Internal.hits == []


@pytest.mark.django_db(transaction=True)
def test_allow_listed_internal_host_is_fetched(publisher, internal, settings, db_tasks):  # noqa: F811
    settings.RATUSZ_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    publisher.post("/admin/komunikaty/import/", {"url": internal + "/"})
    assert Internal.hits == []
    run_worker()
    assert Internal.hits == ["/"]


def test_a_feed_is_read_up_to_the_entry_cap(settings):
    settings.RATUSZ_CAP_FEED_MAX_ENTRIES = 5
    links = "".join(
        f'<entry><link type="application/cap+xml" href="https://x.example/{n}.xml"/></entry>'
        for n in range(1000)
    )
    feed = f'<feed xmlns="http://www.w3.org/2005/Atom">{links}</feed>'.encode()
    asked = []

    def fetcher(url):
        asked.append(url)
        raise OSError("offline")

    report = importing.import_bytes(feed, fetcher=fetcher)
    assert len(asked) == 5
    assert any("1000 wpisów" in line for line in report.errors)
    few = "".join(
        f'<entry><link type="application/cap+xml" href="https://x.example/{n}.xml"/></entry>'
        for n in range(22)
    )
    few_feed = f'<feed xmlns="http://www.w3.org/2005/Atom">{few}</feed>'.encode()
    report = importing.import_bytes(few_feed, fetcher=fetcher)
    assert any(line.startswith("Kanał ma 22 wpisy;") for line in report.errors)  # Polish plural


def test_feed_entries_share_one_deadline(settings, monkeypatch):
    import time

    settings.RATUSZ_CAP_FEED_SECONDS = 0.3
    links = "".join(
        f'<entry><link type="application/cap+xml" href="https://x.example/{n}.xml"/></entry>'
        for n in range(20)
    )
    feed = f'<feed xmlns="http://www.w3.org/2005/Atom">{links}</feed>'.encode()
    asked = []

    def slow_fetch(url, seconds=None):
        asked.append(seconds)
        time.sleep(0.1)
        raise importing.cap.CapError("wolny serwer")

    monkeypatch.setattr(importing, "fetch", slow_fetch)
    started = time.monotonic()
    report = importing.import_bytes(feed, fetcher=slow_fetch)
    assert time.monotonic() - started < 1.0
    assert len(asked) <= 4 and all(s <= 0.3 for s in asked)
    assert any("skończył się czas" in line for line in report.errors)
