"""Settings for the test suite: fast, deterministic, no network."""

import os
import tempfile
import uuid
from pathlib import Path

from .base import *  # noqa: F403
from .base import env


def _run_directory():
    """One fresh directory per test run for uploaded files, public and private.

    It goes into the environment, so the servers and commands a test starts use the
    same one; the storages create it on the first upload and tests/conftest.py removes
    it when the run that chose it ends.
    """
    if not os.environ.get("RATUSZ_TEST_RUN_DIR"):
        name = f"ratusz-test-{uuid.uuid4().hex}"
        os.environ["RATUSZ_TEST_RUN_DIR"] = str(Path(tempfile.gettempdir()) / name)
        os.environ["RATUSZ_TEST_RUN_OWNER"] = str(os.getpid())
    return Path(os.environ["RATUSZ_TEST_RUN_DIR"])


DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdef"
RATUSZ_HMAC_KEY = "test-hmac-key"
RATUSZ_ENCRYPTION_KEY = "Pn-YNVmjN3D8ZkYJxK0XEdL2-8m7zVjT3w0mZyV6G2c="
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", "") or _run_directory() / "media")
RATUSZ_PRIVATE_MEDIA_ROOT = Path(
    env("RATUSZ_PRIVATE_MEDIA_ROOT", "") or _run_directory() / "private-media"
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Background jobs run in a forked child with a connection of its own
    # (ratusz.core.jobs): an in-memory test database would be invisible to it.
    _run_directory().mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(_run_directory() / "test.sqlite3")}  # noqa: F405
ALLOWED_HOSTS = ["*"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Page caching is exercised by its own tests (tests/core/test_pagecache.py);
# elsewhere a test that changes data must see the change at once.
RATUSZ_PAGE_CACHE_SECONDS = 0
# Other apps' admin tests sign in with force_login, which has no second
# factor; tests/accounts and tests/security turn the requirement back on.
RATUSZ_ADMIN_2FA_REQUIRED = False
