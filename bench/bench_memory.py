"""Resident memory of one app worker after 10,000 requests over a mix of pages.

Starts the production stack (scripts/prod_stack.sh: PostgreSQL, Redis, demo
loaded) and one more Granian with a single worker whose replacement by size
is set out of reach (production replaces a worker above 512 MiB, which would
hide growth), then sends 10,000 anonymous GET requests from 4 client threads
over public pages of every app, API responses and searches with varying words
(many distinct URLs, so the worker renders as well as serving the page
cache). The figure is the worker's VmRSS after the 10,000 requests; the ratio
is against its VmRSS after the first 200 (warm: imports done, templates
compiled), i.e. how much it grew.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import Stack, StackError, children, fetch, rss_mib  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_MEMORY_REQUESTS", "10000"))
WARM = 200
APP_PORT, WORKER_PORT, NGINX_PORT = 18401, 18402, 18480
PATHS = [
    "/",
    "/swiat-region-ludzie/",
    "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/",
    "/aktualnosci/",
    "/aktualnosci/feed/atom/",
    "/deklaracja-dostepnosci/",
    "/kontakt/",
    "/sitemap.xml",
    "/wspolpraca/",
    "/wspolpraca/mapa/",
    "/api/cooperation/partners.geojson",
    "/budzet-obywatelski/",
    "/budzet-obywatelski/projekty/",
    "/api/budget/editions/",
    "/komunikaty/",
    "/api/alerts/atom.xml",
    "/api/alerts/active.geojson",
    "/sit/",
    "/sit/warstwy/dzielnice/",
    "/ogcapi/collections?f=json",
    "/ogcapi/collections/dzielnice/items?f=json",
    "/fundusze-europejskie/",
    "/api/eufunds/projects/",
    "/zalatw-sprawe/",
    "/zalatw-sprawe/urzad/",
    "/api/services/cards.json",
    "/ngo/",
    "/ngo/organizacje/",
    "/ngo/konkursy/",
]
WORDS = [
    "smog", "woda", "budżet", "projekt", "dowód", "odpady", "szkoła", "park", "droga",
    "dzielnica", "Słupna", "Brzezinka", "Janów", "Piasek", "Larysz", "partner", "Francja",
    "Czechy", "konkurs", "organizacja", "fundusze", "unia", "rower", "boisko", "seniorzy",
    "ulica", "plac", "zieleń", "komunikat", "ostrzeżenie", "powódź", "mieszkańcy",
]  # fmt: skip


def request_mix():
    searches = (
        f"/szukaj/?q={quote(word)}&strona={page}" for page in itertools.count(1) for word in WORDS
    )
    for n, path in enumerate(itertools.cycle(PATHS)):
        yield path
        if n % 5 == 4:
            yield next(searches)  # every sixth request a search: a fresh render


def drive(base: str, paths: list[str], failures: Counter) -> Counter:
    def get(path: str) -> int | str:
        try:
            return fetch(base + path)[0]
        except HTTPError as error:
            return error.code
        except OSError as error:
            return type(error).__name__

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(get, paths))
    failures.update(
        path.split("?")[0] for path, status in zip(paths, statuses, strict=True) if status != 200
    )
    return Counter(statuses)


def main() -> int:
    stack = Stack("bench_memory", APP_PORT, NGINX_PORT)
    reason = stack.missing()
    if reason:
        print(f"BENCH memory_worker n/a MiB ratio=n/a (skipped: {reason})")
        stack.stop()
        return 0
    try:
        stack.start()
        pidfile = stack.app_server(WORKER_PORT, 1, GRANIAN_WORKERS_MAX_RSS="4096")
        stack.wait_until_worker_idle()
        (worker,) = children(int(pidfile.read_text()))
        base = stack.url("", WORKER_PORT)
        mix = list(itertools.islice(request_mix(), REQUESTS))
        started = time.monotonic()
        failures = Counter()
        statuses = drive(base, mix[:WARM], failures)
        warm = rss_mib(worker)
        statuses += drive(base, mix[WARM:], failures)
        elapsed = time.monotonic() - started
        after = rss_mib(worker)
        if children(int(pidfile.read_text())) != [worker]:
            raise StackError("the worker was replaced during the run")
        print(f"  {REQUESTS} requests in {elapsed:.0f} s, statuses {dict(statuses)}")
        if failures:
            print(f"  failed paths: {dict(failures)}")
            log = stack.dir / f"app-{WORKER_PORT}.log"
            errors = [
                line for line in log.read_text(errors="replace").splitlines() if "Error" in line
            ]
            print("  " + "\n  ".join(errors[-6:]))
        print(
            f"  worker {worker}: {warm:.1f} MiB after {WARM} requests, {after:.1f} MiB after {REQUESTS}"
        )
        print(
            f"BENCH memory_worker {after:.1f} MiB ratio={after / warm:.2f} "
            f"(RSS after {REQUESTS} requests / after the first {WARM}: {warm:.1f} MiB)"
        )
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
