"""A private redis-server on a free port, for tests of the production cache
(the shared Redis of a developer's machine is never touched)."""

import contextlib
import runpy
import socket
import subprocess
import time
from shutil import which

from ratusz.settings import base

AVAILABLE = bool(which("redis-server"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_caches(monkeypatch, url):
    """CACHES exactly as settings/base.py builds them for this REDIS_URL."""
    monkeypatch.setenv("REDIS_URL", url)
    monkeypatch.delenv("CACHE_URL", raising=False)
    return runpy.run_path(base.__file__)["CACHES"]


@contextlib.contextmanager
def redis_server(directory):
    """Yields the URL of a fresh redis-server, stopped on the way out."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(directory)],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(10)
