"""docs/deployment.md's several hosts, run on loopback (#24, "Proven beyond one machine").

Two app servers behind nginx's upstream, PgBouncer (transaction mode) in front
of the primary, a streaming replica that replays REPLICA_DELAY_SECONDS late,
one Redis, the task worker. Each test prints its answers by status and what
each database server saw from the app servers (statements in their logs by
application name), and asserts on both; docs/deployment.md quotes the figures.
"""

import binascii
import os
import signal
import threading
import time
from collections import Counter

import pytest
import requests

from tests.stack.harness import wait_until
from tests.stack.test_jobs import PASSWORD, _csrf, _sign_in

from .harness import REPLICA_DELAY_SECONDS

pytestmark = pytest.mark.cluster

ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"
READS = ["/", ARTICLE, "/aktualnosci/", "/komunikaty/", "/budzet-obywatelski/", "/kontakt/"]
FIGURES = []


@pytest.fixture(scope="module", autouse=True)
def figures():
    yield
    print("\n" + "\n".join(FIGURES))  # all of them together, for docs/deployment.md


def busted(path, n):
    # A new address each time: no cache (nginx's or the browser's) answers for the app.
    return f"{path}{'&' if '?' in path else '?'}odczyt={n}"


class Readers:
    """Anonymous visitors, each from its own loopback address; every answer kept
    with the time its request was sent."""

    def __init__(self, cluster, name, threads=4):
        self.cluster = cluster
        self.name = name
        self.stop = threading.Event()
        self.answers = []  # (sent at, status or "conn")
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._read, args=(f"127.6.{len(FIGURES) + 1}.{n + 1}", n))
            for n in range(threads)
        ]

    def _read(self, address, first):
        client = self.cluster.client(address)
        n = first
        while not self.stop.is_set():
            sent = time.monotonic()
            try:
                status = client.get(self.cluster.base + busted(READS[n % len(READS)], n),
                                     timeout=30).status_code  # fmt: skip
            except requests.RequestException:
                status = "conn"
            with self.lock:
                self.answers.append((sent, status))
            n += len(self.threads)

    def run(self, seconds):
        for thread in self.threads:
            thread.start()
        time.sleep(seconds)
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
        return self.counts()

    def counts(self, after=None):
        return Counter(
            str(status) for sent, status in self.answers if after is None or sent >= after
        )


def report(name, counts, statements=None, **extra):
    line = f"\nCLUSTER {name}: answers by status {dict(sorted(counts.items()))}"
    if statements is not None:
        for server, counter in statements.items():
            line += f"; {server}: " + (
                ", ".join(f"{app} {kind} {n}" for (app, kind), n in sorted(counter.items()))
                or "nothing"
            )
    line += "".join(f"; {k} {v}" for k, v in extra.items())
    FIGURES.append(line)
    print(line)


def served(counts):
    return sum(n for status, n in counts.items() if status == "200")


def test_reads_go_to_the_replica_and_writes_to_the_primary(cluster):
    since = cluster.log_offsets()
    counts = Readers(cluster, "reads").run(8)
    statements = cluster.statements(since)
    report("reads", counts, statements)
    assert set(counts) == {"200"} and served(counts) >= 8, counts
    replica, primary = statements["replica"], statements["primary"]
    # Both app servers took requests and read from the replica; none read from the primary.
    assert replica[("ratusz-app", "read")] > 0 and replica[("ratusz-app2", "read")] > 0
    assert sum(n for (app, kind), n in primary.items() if kind == "read") == 0, primary
    assert sum(n for (app, kind), n in replica.items() if kind == "write") == 0, replica


@pytest.fixture(scope="module")
def editor(cluster):
    key_hex = binascii.hexlify(os.urandom(20)).decode()
    cluster.shell(
        "from django.contrib.auth import get_user_model\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "User = get_user_model()\n"
        f"u = User.objects.create_superuser('importer', 'importer@example.org', {PASSWORD!r})\n"
        f"TOTPDevice.objects.create(user=u, name='t', confirmed=True, key={key_hex!r})\n"
    )
    session = cluster.client("127.0.6.1")
    # Signing in is itself read-your-writes: the POST reads the account just made
    # from the primary, and the session the login wrote is read by the next
    # request (on either app server) while the replica still lags.
    _sign_in(cluster, session, key_hex)
    return session


def test_an_editor_who_just_published_reads_their_own_write(cluster, editor):
    page_id = cluster.psql(
        "SELECT id FROM wagtailcore_page WHERE url_path LIKE "
        f"'%{ARTICLE}' AND live ORDER BY id LIMIT 1"
    )
    form = editor.get(f"{cluster.base}/admin/pages/{page_id}/unpublish/", timeout=30)
    since = cluster.log_offsets()
    published = time.monotonic()
    response = editor.post(
        form.url,
        data={"csrfmiddlewaretoken": _csrf(editor, form)},
        headers={"Referer": form.url},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    assert "ratusz_primary" in response.cookies  # the browser's reads go to the primary
    visitor = cluster.client("127.0.6.2").get(cluster.base + busted(ARTICLE, 1), timeout=30)
    stale_after = time.monotonic() - published
    own = Counter(
        str(editor.get(cluster.base + busted(ARTICLE, n), timeout=30).status_code)
        for n in range(6)  # round robin: both app servers
    )
    statements = cluster.statements(since)
    report(
        "editor",
        own,
        statements,
        visitor=f"{visitor.status_code} after {stale_after:.1f} s",
        replica_delay=f"{REPLICA_DELAY_SECONDS} s",
    )
    # The editor sees the page gone at once, on every app server ...
    assert own == {"404": 6}, own
    assert statements["primary"][("ratusz-app", "read")] > 0
    assert statements["primary"][("ratusz-app2", "read")] > 0
    # ... while a visitor without the cookie reads the lagging replica (the old page),
    # until the replica has replayed the change.
    assert visitor.status_code == 200 or stale_after >= REPLICA_DELAY_SECONDS
    wait_until(
        lambda: cluster.client("127.0.6.2").get(cluster.base + busted(ARTICLE, 2), timeout=30)
        .status_code == 404,
        30, "the replica replaying the unpublish",
    )  # fmt: skip
    cluster.shell(f"from wagtail.models import Page\nPage.objects.get(id={page_id})"
                  ".get_latest_revision().publish()")  # fmt: skip
    wait_until(lambda: cluster.get(busted(ARTICLE, 3)).status_code == 200, 30, "republished")


def _through(cluster, app, session, path, **kwargs):
    """A request straight to one app server, as nginx would pass it on."""
    cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    headers = {
        "Host": cluster.base.split("//", 1)[1],
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "127.0.6.1",
        "Origin": cluster.base,
        "Referer": cluster.base + path,
        "Cookie": cookies,
    }
    method = "post" if "files" in kwargs else "get"
    url = f"http://127.0.0.1:{cluster.ports[app]}{path}"
    return getattr(requests, method)(url, headers=headers, allow_redirects=False, timeout=30,
                                     **kwargs)  # fmt: skip


def test_media_written_through_one_app_server_are_served_by_the_other(cluster, editor):
    form = editor.get(cluster.base + "/admin/documents/add/", timeout=30)
    body = f"Uchwała klastra {time.time_ns()}\n".encode()
    stored = _through(
        cluster, "app", editor, "/admin/documents/add/",
        data={"title": "Uchwała klastra", "collection": "1",
              "csrfmiddlewaretoken": _csrf(editor, form)},
        files={"file": ("uchwala-klastra.txt", body, "text/plain")},
    )  # fmt: skip
    assert stored.status_code == 302, stored.text[:800]
    # As a browser keeps it: the pin to the primary, else the other server would read
    # the lagging replica and not find the document yet (a 404).
    assert "ratusz_primary" in stored.cookies
    editor.cookies.update(stored.cookies)
    doc_id, name = cluster.psql(
        "SELECT id, file FROM wagtaildocs_document ORDER BY id DESC LIMIT 1"
    ).split("|")
    path = f"/dokumenty/{doc_id}/{name.rsplit('/', 1)[-1]}"
    answers = Counter()
    for app in ("app2", "app"):
        response = _through(cluster, app, editor, path)
        answers[f"{app} {response.status_code}"] += 1
        assert response.status_code == 200 and response.content == body, response.status_code
    through_nginx = editor.get(cluster.base + path, timeout=30)
    answers[f"nginx {through_nginx.status_code}"] += 1
    report("media", answers, stored_through="app", file=name)
    assert through_nginx.content == body


def test_with_the_replica_stopped_reads_fall_back_to_the_primary(cluster):
    cluster.stop_replica()
    try:
        since = cluster.log_offsets()
        counts = Readers(cluster, "replica-down").run(8)
        statements = cluster.statements(since)
        report("replica stopped", counts, statements)
        assert set(counts) == {"200"} and served(counts) >= 8, counts
        assert statements["primary"][("ratusz-app", "read")] > 0
        assert statements["primary"][("ratusz-app2", "read")] > 0
    finally:
        cluster.start_replica()
    # Back, it takes the reads again once the skip (RATUSZ_DB_REPLICA_RETRY_SECONDS) ends.
    since = cluster.log_offsets()
    started = time.monotonic()

    def replica_reads():
        cluster.get(busted("/aktualnosci/", int(time.monotonic() * 1000)))
        return sum(n for (_, kind), n in cluster.statements(since)["replica"].items()
                   if kind == "read")  # fmt: skip

    wait_until(replica_reads, 60, "reads back on the replica", step=1)
    report("replica back", Counter(), back_after=f"{time.monotonic() - started:.1f} s")


def test_with_one_app_server_killed_nginx_routes_to_the_other(cluster):
    readers = Readers(cluster, "app-killed")
    killed = {}

    def kill():
        time.sleep(3)
        killed["at"] = time.monotonic()
        cluster._stop("app2", sig=signal.SIGKILL)  # a crashed or powered-off server
        killed["offsets"] = cluster.log_offsets()

    killer = threading.Thread(target=kill)
    killer.start()
    counts = readers.run(10)
    killer.join(timeout=60)
    after = readers.counts(after=killed["at"])
    in_flight = len(readers.threads)  # at most one request of each reader
    statements = cluster.statements(killed["offsets"])
    report("app server killed", counts, statements, after_the_kill=dict(after))
    bad = sum(n for status, n in counts.items() if status == "conn" or status.startswith("5"))
    assert bad <= in_flight, counts  # at most the requests the dead server held
    assert set(after) == {"200"} and served(after) >= 4, after
    assert statements["replica"][("ratusz-app2", "read")] == 0
    assert statements["replica"][("ratusz-app", "read")] > 0
