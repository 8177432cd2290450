"""Reference material in ../shared, read in place and never copied.

When the CI variable is set a missing file fails the test; elsewhere the
test is skipped with the reason, so a checkout without ../shared still runs.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RATUSZ_SHARED_DIR", ROOT.parent / "shared"))


def shared_path(*parts):
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"brak materiałów referencyjnych: {path} (ustaw RATUSZ_SHARED_DIR)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def granian_settings():
    """The KEY=value lines of deploy/granian.env, the app server's settings."""
    settings = {}
    for line in (ROOT / "deploy" / "granian.env").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings[key] = value
    return settings
