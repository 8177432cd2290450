"""deploy/granian.env: every setting is one Granian reads, and it serves WSGI."""

import os
import re
import subprocess
import sys

from tests.files import granian_settings


def test_every_setting_is_a_granian_option():
    # Granian ignores unknown GRANIAN_* variables: a typo would silently change nothing.
    help_text = subprocess.run(
        [sys.executable, "-m", "granian", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "1000"},
    ).stdout
    known = set(re.findall(r"GRANIAN_[A-Z0-9_]+", help_text))
    settings = granian_settings()
    assert settings, "deploy/granian.env is empty"
    assert not set(settings) - known, sorted(set(settings) - known)


def test_it_is_a_wsgi_server_with_bounded_workers():
    settings = granian_settings()
    assert settings["GRANIAN_INTERFACE"] == "wsgi"
    assert int(settings["GRANIAN_WORKERS"]) >= 1
    assert int(settings["GRANIAN_WORKERS_MAX_RSS"]) > 300  # a worker uses about 260 MiB
