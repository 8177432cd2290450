"""Several hosts on loopback, once per session, for tests marked `cluster`.

Like the stack suite (tests/stack/conftest.py) it runs only when asked for,
`pytest -m cluster` (`make cluster-test`), and needs root, nginx, redis-server,
PostgreSQL's binaries and pgbouncer; in CI a missing piece fails, elsewhere it
skips.
"""

import os

import pytest

from tests.stack.harness import missing_tools

from .harness import Cluster


def pytest_collection_modifyitems(config, items):
    # Only an -m expression that names the marker selects the cluster suite.
    if "cluster" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if "cluster" not in item.keywords]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if "cluster" in i.keywords])
        items[:] = kept


@pytest.fixture(scope="session")
def cluster():
    missing = missing_tools(extra=("pgbouncer",))
    if missing:
        message = f"klaster: brak {', '.join(missing)} (apt-get install pgbouncer …)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    hosts = Cluster()
    try:
        hosts.start()
        hosts.wait_worker_idle()
        print(f"\ncluster: {hosts.dir}, set up in {hosts.setup_seconds:.0f} s")
        yield hosts
    finally:
        if os.environ.get("RATUSZ_STACK_KEEP"):
            hosts.save()  # pids for tearing it down by hand
            print(f"cluster kept in {hosts.dir}")
        else:
            hosts.stop()
