"""The production stack, once per session, for tests marked `stack`.

`make test` and the ordinary legs of .ci/run never start it (it takes
minutes): the suite runs only when the marker is asked for, `pytest -m stack`
(.ci/run does that after the PostgreSQL leg). It needs root (to run the app
as `ratusz` and nginx's workers as `www-data`), nginx, gdal-bin, redis-server
and PostgreSQL's binaries; in CI a missing piece fails, elsewhere it skips.
"""

import os

import pytest

from .harness import ProductionStack, missing_tools


def pytest_collection_modifyitems(config, items):
    # Only an -m expression that names the marker selects the stack suite.
    if "stack" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if "stack" not in item.keywords]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if "stack" in i.keywords])
        items[:] = kept


@pytest.fixture(scope="session")
def stack():
    missing = missing_tools()
    if missing:
        message = f"stos produkcyjny: brak {', '.join(missing)} (uruchom przez .ci/run)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if os.environ.get("RATUSZ_STACK_ATTACH"):  # developing the suite: a kept stack
        yield ProductionStack.attach(os.environ["RATUSZ_STACK_ATTACH"])
        return
    production = ProductionStack()
    try:
        production.start()
        production.wait_worker_idle()
        print(f"\nstack: {production.dir}, set up in {production.setup_seconds:.0f} s")
        yield production
    finally:
        if os.environ.get("RATUSZ_STACK_KEEP"):
            production.save()
        else:
            production.stop()
