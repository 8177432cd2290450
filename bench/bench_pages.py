"""Requests per second and p50/p99 for three pages through the production stack.

Starts scripts/prod_stack.sh (nginx front cache + Granian, 2 WSGI workers +
PostgreSQL + Redis + task worker, all on loopback, demo loaded) in its own
database and ports, then runs wrk (2 threads, 50 connections, BENCH_SECONDS
each, default 5) against the seed article, the home page and the budget
project catalogue in four ways:

- app, cached: Granian directly, the anonymous page cache (Redis) warm;
- app, uncached: a second Granian (2 workers) started with
  RATUSZ_PAGE_CACHE_SECONDS=0 — the same URL rendered on every request;
- front cache: through nginx, which keeps each page for a second;
- nginx static: the same page's HTML saved as a file under /static/ and
  served by the same nginx (the physical limit on this machine).

Ratios are the issue 12 targets: cached through the app >= 5 % of nginx static,
front cache >= 80 % of nginx static, uncached seed article >= 3x bakerydemo's
home page. bakerydemo cannot be installed here, so its baseline is the figure
quoted in issue 12 (46 requests/s, 2 gunicorn workers, 32 connections).
"""

from __future__ import annotations

import os
import sys
import time
import timeit
from pathlib import Path
from urllib.error import HTTPError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import Stack, StackError, fetch, wait_for, wrk  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
PAGES = {
    "article": "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/",
    "home": "/",
    "catalogue": "/budzet-obywatelski/projekty/",
}
BAKERYDEMO_RPS = 46.0  # issue 12, measured by its author; not reproducible here
APP_PORT, UNCACHED_PORT, NGINX_PORT = 18301, 18302, 18380
TARGETS = {"app_cached": 0.05, "front_cache": 0.80}


def measure(stack: Stack) -> dict:
    results = {}
    for name, path in PAGES.items():
        status, headers, body = fetch(stack.url(path, NGINX_PORT))
        if status != 200:
            raise StackError(f"{path} answers {status}")
        static = stack.dir / "static" / "bench" / f"{name}.html"
        static.parent.mkdir(parents=True, exist_ok=True)
        static.write_bytes(body)
        fetch(stack.url(path))  # warm the app cache
        hit = fetch(stack.url(path))[1].get("X-Ratusz-Cache")
        if hit != "hit":
            raise StackError(f"{path}: the app cache does not hold the page ({hit!r})")
        urls = {
            "nginx_static": stack.url(f"/static/bench/{name}.html", NGINX_PORT),
            "front_cache": stack.url(path, NGINX_PORT),
            "app_cached": stack.url(path),
            "app_uncached": stack.url(path, UNCACHED_PORT),
        }
        for mode, url in urls.items():
            figures = wrk(url, SECONDS)
            results[(name, mode)] = figures
            failed = ""
            if figures["non2xx"] or figures["timeouts"]:
                failed = f"  non-2xx {figures['non2xx']}, timeouts {figures['timeouts']}"
                failed += f" (now: {status_of(url)})"
            print(
                f"  {name:<10} {mode:<13} {figures['rps']:>10.0f} req/s  "
                f"p50 {figures['p50']:>7.2f} ms  p99 {figures['p99']:>8.2f} ms{failed}",
                flush=True,
            )
    return results


def status_of(url: str) -> str:
    try:
        return str(fetch(url)[0])
    except HTTPError as error:
        return f"{error.code} {error.read()[:200]!r}"
    except OSError as error:
        return repr(error)


def _errors(figures: dict) -> str:
    if figures["non2xx"] or figures["timeouts"]:
        return f"; {figures['non2xx']} non-2xx, {figures['timeouts']} timeouts"
    return ""


def report(results: dict) -> None:
    for name in PAGES:
        static = results[(name, "nginx_static")]
        for mode in ("app_cached", "front_cache"):
            figures = results[(name, mode)]
            share = figures["rps"] / static["rps"]
            verdict = "ok" if share >= TARGETS[mode] else "BELOW TARGET"
            print(
                f"BENCH pages_{mode}_{name} {figures['rps']:.0f} req/s ratio={share:.3f} "
                f"(of nginx static {static['rps']:.0f} req/s; target >= {TARGETS[mode]:.2f}, "
                f"{verdict}; p50 {figures['p50']:.2f} ms, p99 {figures['p99']:.2f} ms{_errors(figures)})"
            )
        figures = results[(name, "app_uncached")]
        times = figures["rps"] / BAKERYDEMO_RPS
        target = " target >= 3," if name == "article" else ""
        verdict = (" ok;" if times >= 3 else " BELOW TARGET;") if name == "article" else ""
        print(
            f"BENCH pages_uncached_{name} {figures['rps']:.1f} req/s ratio={times:.2f} "
            f"(x bakerydemo home 46 req/s quoted in issue 12;{target}{verdict} "
            f"p50 {figures['p50']:.1f} ms, p99 {figures['p99']:.1f} ms{_errors(figures)})"
        )
        print(
            f"BENCH pages_nginx_static_{name} {static['rps']:.0f} req/s "
            f"ratio={static['rps'] / 84000:.2f} (of 84,000 req/s quoted in issue 12; "
            f"p50 {static['p50']:.2f} ms, p99 {static['p99']:.2f} ms)"
        )


def main() -> int:
    stack = Stack("bench_pages", APP_PORT, NGINX_PORT)
    reason = stack.missing()
    if reason:
        print(f"BENCH pages n/a req/s ratio=n/a (skipped: {reason})")
        stack.stop()
        return 0
    started = time.monotonic()
    try:
        stack.start()
        stack.app_server(UNCACHED_PORT, 2, RATUSZ_PAGE_CACHE_SECONDS="0")
        wait_for(stack.url("/", UNCACHED_PORT))
        stack.wait_until_worker_idle()
        print(f"  load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        # The same machine type runs faster or slower from day to day; this figure
        # lets runs be compared (about 10 ms on an unloaded modern core).
        reference = min(timeit.repeat("sum(range(10**6))", number=1, repeat=5)) * 1000
        print(f"  CPU reference: sum(range(10**6)) takes {reference:.1f} ms")
        print(f"  stack ready in {time.monotonic() - started:.0f} s; wrk -t2 -c50 -d{SECONDS}s")
        results = measure(stack)
        print(f"  load average after: {os.getloadavg()[0]:.1f}")
        report(results)
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
