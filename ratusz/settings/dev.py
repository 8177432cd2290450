"""Development and the demo portal (`make run`): SQLite, console e-mail."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS as BASE_ALLOWED_HOSTS
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The demo's cities answer on loopback names too: the second city at
# http://<city>.localhost:8000/ (browsers send *.localhost to this machine, RFC 6761).
ALLOWED_HOSTS = [*BASE_ALLOWED_HOSTS, ".localhost"]
