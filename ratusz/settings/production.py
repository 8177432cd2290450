"""Production: every secret from the environment, HTTPS everywhere.

`manage.py check --deploy` is clean once SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL and REDIS_URL are set (see docs/deployment.md).
"""

from django.core.exceptions import ImproperlyConfigured

from ratusz.core.logs import init_sentry

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False
if SECRET_KEY.startswith("insecure-"):  # noqa: F405
    raise ImproperlyConfigured("Ustaw zmienną środowiskową SECRET_KEY (co najmniej 50 znaków).")

# The admin's second factor cannot be switched off in production.
RATUSZ_ADMIN_2FA_REQUIRED = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
# No default: behind nginx it is 1 (2 with a load balancer); `check --deploy`
# refuses it unset (ratusz/core/checks_deploy.py), as it does RATUSZ_HMAC_KEY
# and RATUSZ_ENCRYPTION_KEY left to their SECRET_KEY-derived development values.
_proxies = env("RATUSZ_TRUSTED_PROXY_COUNT", "").strip()
RATUSZ_TRUSTED_PROXY_COUNT = int(_proxies) if _proxies.isdigit() else None  # type: ignore[assignment]
for _alias in DATABASES:  # noqa: F405 - the primary and, if set, the read replica
    DATABASES[_alias]["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "60"))  # noqa: F405
LOGGING = {
    **LOGGING,  # noqa: F405
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": env("LOG_FORMAT", "json")}
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# Error reports to a Sentry-compatible service (self-hosted Sentry, GlitchTip)
# only when a DSN is set; personal data scrubbed (ratusz.core.logs.scrub).
init_sentry(
    env("SENTRY_DSN", ""),
    environment=env("SENTRY_ENVIRONMENT", "production"),
    release=env("SENTRY_RELEASE", ""),
    traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
)
