"""Faults on the production stack under load, each bounded and self-stopping.

Visitors read pages through nginx (each from its own loopback address, so
the production rate limits apply per person), voters cast ballots and
residents subscribe to alerts while one component fails: Redis stopped and
started, PostgreSQL stopped and started, a Granian worker killed, the task
worker killed mid-queue, nginx reloaded. Each run prints its answers by
status (the figures in docs/deployment.md and docs/security.md come from
here). Afterwards: nothing but the documented Polish 503 (with Retry-After)
among the 5xx, the service recovers without a restart, every acknowledged
ballot or subscription is stored exactly once and every e-mail goes out once.
"""

import threading
import time
from collections import Counter
from datetime import date, timedelta

import pytest
import requests
from lxml import html

from tests.voters import BallotVoter, pesel_for

from .harness import wait_until

pytestmark = pytest.mark.stack

ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"
READS = [
    "/",
    ARTICLE,
    "/aktualnosci/",
    "/komunikaty/",
    "/ogcapi/collections?f=json",
    "/budzet-obywatelski/",
    "/szukaj/?q=smog",
    "/kontakt/",
]
RESULTS = []  # (fault, counts) for the summary at the end of the module


def documented_error(response):
    """The only 5xx anyone may see: the Polish 503 page (or problem+json) with Retry-After."""
    if response.status_code != 503 or not response.headers.get("Retry-After"):
        return False
    return "Spróbuj ponownie" in response.text or "problem+json" in response.headers.get(
        "Content-Type", ""
    )


class Load:
    """Readers and writers running until stopped; every answer counted."""

    def __init__(self, stack, fault, readers=4, voters=(), subscribers=()):
        self.stack = stack
        self.fault = fault
        self.stop = threading.Event()
        self.counts = Counter()
        self.undocumented = []  # (url, status, first bytes) of 5xx other than the 503
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._read, args=(f"127.2.{fault}.{n + 1}",), daemon=True)
            for n in range(readers)
        ]
        self.voters, self.subscribers = list(voters), list(subscribers)
        if self.voters:
            self.threads.append(threading.Thread(target=self._vote, daemon=True))
        if self.subscribers:
            self.threads.append(threading.Thread(target=self._subscribe, daemon=True))

    def record(self, response, url):
        with self.lock:
            if response is None:
                self.counts["conn"] += 1
                return
            self.counts[response.status_code] += 1
            if response.status_code >= 500 and not documented_error(response):
                self.undocumented.append((url, response.status_code, response.text[:200]))

    def _read(self, address):
        client = self.stack.client(address)
        n = 0
        while not self.stop.is_set():
            url = self.stack.base + READS[n % len(READS)]
            n += 1
            try:
                response = client.get(url, timeout=30)
            except requests.ConnectionError:
                # A keep-alive connection closed by a reloading nginx worker just as the
                # request went out: browsers retry such a GET once (RFC 9110, 9.2.2), so
                # do the same, and count it; a second failure is a real one.
                with self.lock:
                    self.counts["retried"] += 1
                try:
                    response = client.get(url, timeout=30)
                except requests.RequestException:
                    response = None
            except requests.RequestException:
                response = None
            self.record(response, url)
            time.sleep(0.05)

    def _vote(self):
        for voter in self.voters:
            if self.stop.is_set():
                return
            voter.vote(self)

    def _subscribe(self):
        for subscriber in self.subscribers:
            if self.stop.is_set():
                return
            subscriber.subscribe(self)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=90)

    def report(self, **extra):
        counts = {str(k): v for k, v in sorted(self.counts.items(), key=str)}
        RESULTS.append((self.fault, counts, extra))
        print(f"\nFAULT {self.fault}: answers by status {counts} {extra}")
        return counts


class Voter(BallotVoter):
    """One person from one address: open the ballot, send it, retry while told to."""

    def __init__(self, stack, edition, serial):
        self.stack = stack
        self.serial = serial
        self.address = f"127.3.{serial // 250}.{serial % 250 + 1}"
        self.load = None
        pesel = pesel_for(date(1975, 1, 1) + timedelta(days=serial), serial)
        url = f"{stack.base}/budzet-obywatelski/glosowanie/{edition}/"
        super().__init__(url, pesel, f"Wyborca {serial}", timeout=30, pause=0.5)

    def vote(self, load=None, tries=6):
        self.load = load
        super().vote(tries)

    def client(self):
        return self.stack.client(self.address)

    def seen(self, response, url):
        if self.load is not None:
            self.load.record(response, url)


class Subscriber:
    """An alert subscription sent through the form: acknowledged by a redirect."""

    def __init__(self, stack, tag, serial):
        self.stack = stack
        self.email = f"{tag}-{serial}@example.org"
        self.address = f"127.4.{serial // 250}.{serial % 250 + 1}"
        self.acknowledged = False
        self.outcomes = []

    def subscribe(self, load=None, tries=6):
        url = f"{self.stack.base}/komunikaty/subskrypcja/"
        for _ in range(tries):
            client = self.stack.client(self.address)
            try:
                page = client.get(url, timeout=30)
                load and load.record(page, url)
                if page.status_code != 200:
                    self.outcomes.append(page.status_code)
                    time.sleep(0.5)
                    continue
                token = html.fromstring(page.content).xpath(
                    "//input[@name='csrfmiddlewaretoken']/@value"
                )[0]
                data = {"csrfmiddlewaretoken": token, "email": self.email,
                        "min_severity": "Moderate", "consent": "on"}  # fmt: skip
                sent = client.post(url, data=data, timeout=30, allow_redirects=False,
                                   headers={"Referer": url})  # fmt: skip
                load and load.record(sent, url)
            except requests.RequestException:
                self.outcomes.append("conn")
                time.sleep(0.5)
                continue
            self.outcomes.append(sent.status_code)
            if sent.status_code == 302:
                self.acknowledged = True
                return
            time.sleep(0.5)


@pytest.fixture(scope="module")
def edition(stack):
    row = stack.psql(
        "UPDATE budget_edition SET voting_start = now() - interval '1 day', "
        "voting_end = now() + interval '6 days' WHERE id = (SELECT min(id) FROM budget_edition) "
        "RETURNING id || ' ' || slug"
    )
    number, slug = row.splitlines()[0].split()
    # the demo's edition has a stored count; voting reopens only without it
    # (the logged 'unieważnij wyniki' step does this in the admin)
    stack.psql(f"DELETE FROM budget_voting_tally WHERE edition_id = {int(number)}")
    yield int(number), slug
    _summary()


def _summary():
    print("\nFAULT SUMMARY")
    for fault, counts, extra in RESULTS:
        print(f"  {fault}: {counts} {extra}")


def _check_ballots(stack, edition, voters):
    """Acknowledged: stored once under the number shown; never two for anyone."""
    number, _ = edition
    rows = stack.psql(
        "SELECT v.pesel_hash || ' ' || b.number FROM budget_voting_voter v "
        f"JOIN budget_voting_ballot b ON b.voter_id = v.id WHERE v.edition_id = {number}"
    ).splitlines()
    by_number = Counter(line.split()[1] for line in rows)
    assert all(n == 1 for n in by_number.values()), by_number.most_common(3)
    hashes = Counter(line.split()[0] for line in rows)
    assert all(n == 1 for n in hashes.values()), "a voter with two ballots"
    for voter in voters:
        if voter.receipt:
            assert voter.receipt in by_number, (voter.outcomes, voter.receipt)
    return sum(1 for v in voters if v.receipt)


def _recovered(stack, path=ARTICLE):
    """The same processes serve again, from the page cache too, without a restart."""
    client = stack.client("127.5.0.1")

    def cached_again():
        response = client.get(stack.base + path + "?recovered", timeout=10)
        again = client.get(stack.base + path + "?recovered", timeout=10)
        return (
            response.status_code == 200
            and again.headers.get("X-Ratusz-Cache") == "hit"
            or (again.headers.get("X-Cache-Status") == "HIT")
        )

    started = time.monotonic()
    wait_until(cached_again, 30, "recovery", step=0.5)
    return round(time.monotonic() - started, 1)


def test_redis_stopped_and_started_under_load(stack, edition):
    voters = [Voter(stack, edition[1], serial) for serial in range(1, 41)]
    with Load(stack, 1, voters=voters) as load:
        time.sleep(3)
        stack.stop_redis()
        time.sleep(10)
        stack.start_redis()
        time.sleep(5)
    counts = load.report(voters=len(voters), acknowledged=_check_ballots(stack, edition, voters),
                         recovery_s=_recovered(stack))  # fmt: skip
    assert not load.undocumented, (counts, load.undocumented[:5])
    assert counts.get("conn", 0) == 0, counts


def test_postgresql_stopped_and_started_under_load(stack, edition):
    voters = [Voter(stack, edition[1], serial) for serial in range(101, 141)]
    with Load(stack, 2, voters=voters) as load:
        time.sleep(3)
        stack.stop_postgres("fast")
        time.sleep(8)
        stack.start_postgres()
        time.sleep(6)
    # Everyone told to try again gets through afterwards: one ballot each.
    for voter in voters:
        if not voter.receipt and (not voter.outcomes or voter.outcomes[-1] != 409):
            voter.vote(tries=3)
    counts = load.report(voters=len(voters), acknowledged=_check_ballots(stack, edition, voters),
                         recovery_s=_recovered(stack))  # fmt: skip
    assert not load.undocumented, (counts, load.undocumented[:5])
    assert counts.get("503", 0) > 0, "PostgreSQL was down: someone must have been told to wait"
    assert all(v.receipt or v.outcomes[-1] == 409 for v in voters), [
        v.outcomes for v in voters if not v.receipt
    ][:5]


def test_a_granian_worker_killed_under_load(stack, edition):
    import os
    import signal

    voters = [Voter(stack, edition[1], serial) for serial in range(201, 221)]
    before = stack.app_workers()
    assert len(before) >= 2, before
    with Load(stack, 3, voters=voters) as load:
        time.sleep(3)
        os.kill(before[0], signal.SIGKILL)
        wait_until(lambda: len(stack.app_workers()) == len(before), 60, "worker respawn")
        time.sleep(5)
    counts = load.report(voters=len(voters), acknowledged=_check_ballots(stack, edition, voters),
                         workers_after=len(stack.app_workers()))  # fmt: skip
    # The requests in flight in the killed process are lost (nginx answers 502
    # for them); nothing else is.
    bad = sum(v for k, v in counts.items() if k.isdigit() and int(k) >= 500 and k != "503")
    assert bad <= 4, (counts, load.undocumented[:5])


def test_the_task_worker_killed_mid_queue(stack, edition):
    """Residents subscribe while the worker is away; it is killed while mailing the queue."""
    subscribers = [Subscriber(stack, "kill", serial) for serial in range(1, 61)]
    stack.stop_worker()  # a deploy restarting it: the confirmations queue up
    with Load(stack, 4, readers=2, subscribers=subscribers) as load:
        wait_until(lambda: all(s.acknowledged or len(s.outcomes) >= 6 for s in subscribers),
                   300, "subscriptions", step=1)  # fmt: skip
        acknowledged = [s for s in subscribers if s.acknowledged]
        stack.smtp.delay = 0.2  # slow mail: the kill lands while mail is going out
        start = len(stack.smtp.received)
        stack.start_worker()
        wait_until(lambda: len(stack.smtp.received) - start >= 10, 120, "first e-mails")
        time.sleep(0.1)  # inside the next message's conversation
        at_kill = len(stack.smtp.received) - start
        stack.kill_worker()  # SIGKILL: an OOM kill, a crash
        time.sleep(2)
        stack.smtp.delay = 0.0
        stack.start_worker()  # systemd's Restart=always
        try:
            wait_until(
                lambda: all(stack.smtp.recipients()[s.email] >= 1 for s in acknowledged),
                60,
                "every confirmation e-mail",
                step=1,
            )
        finally:
            time.sleep(2)  # a doubled e-mail would arrive now
            received = stack.smtp.recipients()
            load.report(subscribers=len(subscribers), acknowledged=len(acknowledged),
                        emails=sum(received[s.email] for s in subscribers),
                        emails_before_kill=at_kill,
                        lost=sum(1 for s in acknowledged if not received[s.email]),
                        doubled=sum(1 for s in acknowledged if received[s.email] > 1))  # fmt: skip
    # The e-mail column is encrypted (a keyed hash for lookups): read it through the app.
    stored = Counter(
        stack.shell(
            "from ratusz.alerts.models import Subscription\n"
            "print('\\n'.join(s.email for s in Subscription.objects.all()))"
        ).splitlines()
    )
    assert len(acknowledged) == len(subscribers), [s.outcomes for s in subscribers][:5]
    for subscriber in acknowledged:
        assert stored[subscriber.email] == 1, subscriber.email
        assert received[subscriber.email] == 1, (subscriber.email, received[subscriber.email])
    assert not load.undocumented, load.undocumented[:5]


def test_nginx_reloaded_under_load(stack, edition):
    with Load(stack, 5, readers=6) as load:
        for _ in range(3):
            time.sleep(2)
            stack.nginx("-s", "reload")
        time.sleep(3)
    counts = load.report(reloads=3)
    assert not load.undocumented and "conn" not in counts, counts
    assert not [k for k in counts if k.startswith("5")], counts
