"""Fixtures shared by the whole suite.

`portal` is a real server (Django's threaded WSGI server in a subprocess) on a
SQLite file loaded once per session with `manage.py demo`; `page` is a
Playwright page in Debian's Chromium that records every URL it requests.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("RATUSZ_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Portal:
    """A running demo portal and ways to reach into its database."""

    def __init__(self, base_url, env):
        self.base_url = base_url
        self.env = env

    def url(self, path="/"):
        return self.base_url + path

    def manage(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def shell(self, code):
        """Run Python code with Django set up against the portal's database."""
        return self.manage("shell", "-c", code)


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("portal")
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ratusz.settings.browser",
            "DATABASE_URL": f"sqlite:///{workdir / 'portal.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "demo"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    port = _free_port()
    log = open(workdir / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base_url + "/robots.txt", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.close()
                raise RuntimeError((workdir / "server.log").read_text()) from None
            time.sleep(0.3)
    yield Portal(base_url, env)
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"brak Chromium ({CHROMIUM}); zainstaluj: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back test must not leave
    cached pages or shell data behind for the next one."""
    from django.core.cache import cache

    cache.clear()
    yield
    # nor for a module's or session's fixture that runs before the next test
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the portal shell: home page, settings."""
    with django_db_blocker.unblock():
        from ratusz.demo.pages import load

        load()


@pytest.fixture
def demo_site(db):
    """The demo pages (re-created if a transactional test flushed them)."""
    from django.core.cache import cache

    from ratusz.demo.pages import load

    cache.clear()
    load()
    return "127.0.0.1"


def pytest_sessionfinish(session, exitstatus):
    """Remove the run's media directory (ratusz/settings/test.py chose it)."""
    if os.environ.get("RATUSZ_TEST_RUN_OWNER") == str(os.getpid()):
        shutil.rmtree(os.environ["RATUSZ_TEST_RUN_DIR"], ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    # Browser tests run last, after the fast unit tests have spoken.
    items.sort(key=lambda item: 1 if item.get_closest_marker("browser") else 0)
    # Every transactional test restores the migrated state (content types, the
    # default workflow …): one that flushed without it would leave content types
    # re-created under new ids, and the next serialized test fails to restore.
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is None or "django_db_serialized_rollback" in names:
            continue
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in names or "live_server" in names
        if marker is not None and marker.kwargs.get("transaction"):
            transactional = True
        if transactional:
            names.append("django_db_serialized_rollback")


os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop vs the ORM


@pytest.fixture
def db_tasks(settings):
    """Tasks queued as in production (a database row for the worker); see tests/worker.py."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return settings


@pytest.fixture
def two_cities(db):
    """Mysłowice (default site) and Tychy (tychy.localhost) in one installation."""
    from tests.cities import set_up_two_cities

    return set_up_two_cities()
