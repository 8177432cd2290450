"""Settings for the test suite: fast, deterministic, no network."""

from .base import *  # noqa: F403
from .base import env

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
MEDIA_ROOT = Path(env("MEDIA_ROOT", "/tmp/ratusz-test-media"))  # noqa: F405
ALLOWED_HOSTS = ["*"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Page caching is exercised by its own tests (tests/core/test_pagecache.py);
# elsewhere a test that changes data must see the change at once.
RATUSZ_PAGE_CACHE_SECONDS = 0
# Other apps' admin tests sign in with force_login, which has no second
# factor; tests/accounts and tests/security turn the requirement back on.
RATUSZ_ADMIN_2FA_REQUIRED = False
