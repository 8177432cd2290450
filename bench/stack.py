"""The production stack on loopback for page benchmarks (not a benchmark itself).

A thin wrapper over scripts/prod_stack.sh: the same nginx + Granian +
PostgreSQL + Redis + task worker that `make prod-smoke` starts, in its own
directory, database and ports, plus extra Granian servers started with the
same environment. Output of the daemons goes to files, never to a pipe: a
daemon holding our pipe open would hang the caller.
"""

from __future__ import annotations

import base64
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time
import urllib.request
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LATENCY_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


class StackError(RuntimeError):
    pass


class Stack:
    def __init__(self, name: str, app_port: int, nginx_port: int):
        self.name = name
        self.dir = Path(tempfile.mkdtemp(prefix=f"ratusz-{name}."))
        self.dir.chmod(0o755)
        self.app_port = app_port
        self.nginx_port = nginx_port
        self.env = dict(
            os.environ,
            STACK_DIR=str(self.dir),
            STACK_DB=f"ratusz_{name}",
            APP_PORT=str(app_port),
            NGINX_PORT=str(nginx_port),
            # stack_env draws a new SECRET_KEY on every call; fixed keys keep data
            # written by the demo readable by every app server started later.
            RATUSZ_ENCRYPTION_KEY=base64.urlsafe_b64encode(os.urandom(32)).decode(),
            RATUSZ_HMAC_KEY=os.urandom(32).hex(),
        )
        self.log = self.dir / "bench-stack.log"
        self.extra_pidfiles: list[Path] = []

    def _bash(self, script: str, check: bool = True, timeout: float = 600) -> int:
        with open(self.log, "a") as log:
            result = subprocess.run(
                ["bash", "-c", f"source scripts/prod_stack.sh; {script}"],
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=timeout,
            )
        if check and result.returncode != 0:
            tail = self.log.read_text(errors="replace")[-1500:]
            raise StackError(f"`{script}` exited {result.returncode}:\n{tail}")
        return result.returncode

    def missing(self) -> str | None:
        """Why the stack cannot run here (None when it can)."""
        if self._bash("stack_require", check=False, timeout=300) != 0:
            lines = self.log.read_text(errors="replace").strip().splitlines()
            return lines[-1] if lines else "stack_require failed"
        return None

    def start(self) -> None:
        self._bash("stack_start")

    def url(self, path: str, port: int | None = None) -> str:
        return f"http://127.0.0.1:{port or self.app_port}{path}"

    def app_server(self, port: int, workers: int, **env: str) -> Path:
        """Another Granian on `port` with the stack's environment; returns its pidfile."""
        name = f"app-{port}"
        exports = "".join(f"export {key}={shlex.quote(value)}; " for key, value in env.items())
        self._bash(f"stack_env; {exports}stack_app_server {port} {workers} {name}")
        pidfile = self.dir / f"{name}.pid"
        self.extra_pidfiles.append(pidfile)
        wait_for(self.url("/robots.txt", port))
        return pidfile

    def flush_cache(self) -> None:
        """Empty the stack's Redis database: page cache and rate-limit counters."""
        self._bash('redis-cli -n "$STACK_REDIS_DB" flushdb', timeout=60)

    def wait_until_worker_idle(self, quiet_seconds: float = 3, limit: float = 120) -> None:
        """The demo queues search indexing; let the task worker finish it first."""
        log = self.dir / "worker.log"
        deadline = time.monotonic() + limit
        size, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            current = log.stat().st_size if log.exists() else 0
            if current != size:
                size, since = current, time.monotonic()
            elif time.monotonic() - since >= quiet_seconds:
                return
            time.sleep(0.5)

    def stop(self) -> None:
        for pidfile in self.extra_pidfiles:
            try:
                os.kill(int(pidfile.read_text().strip()), 15)
            except (OSError, ValueError):
                pass
        try:
            self._bash("stack_stop", check=False, timeout=120)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def wait_for(url: str, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise StackError(f"{url} does not answer") from None
            time.sleep(0.3)


def fetch(url: str) -> tuple[int, Message, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers, response.read()  # case-insensitive


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text().split()
        found.extend(int(child) for child in text)
    return found


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise StackError(f"no VmRSS for {pid}")


def wrk(url: str, seconds: int, connections: int = 50, threads: int = 2) -> dict:
    """Run wrk and return requests/s, p50 and p99 in ms, and failed responses."""
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    )
    return parse_wrk(result.stdout)


def parse_wrk(text: str) -> dict:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if not match:
            raise StackError(f"no {percent}% latency in wrk output:\n{text}")
        return float(match.group(1)) * LATENCY_UNITS[match.group(2)]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not rate:
        raise StackError(f"no Requests/sec in wrk output:\n{text}")
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    return {
        "rps": float(rate.group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "non2xx": int(bad.group(1)) if bad else 0,
        "timeouts": int(errors.group(4)) if errors else 0,
    }
