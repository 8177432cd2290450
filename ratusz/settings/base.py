"""Settings shared by every profile, driven by environment variables.

With nothing set, Ratusz runs on SQLite with a local-memory cache, so that
`make run` needs no services. Production sets DATABASE_URL, REDIS_URL (or
CACHE_URL), SECRET_KEY and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url

# Defaults of Ratusz's own settings are written once, there; what is not set
# below comes from that table (ratusz.core.conf.conf).
from ratusz.core.conf import DEFAULTS as APP_DEFAULTS

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "ratusz"


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "insecure-dev-key-change-me-in-production-0123456789")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

RATUSZ_APPS = [
    "ratusz.core",
    "ratusz.accounts",
    "ratusz.pages",
    "ratusz.cooperation",
    "ratusz.budget",
    "ratusz.budget.voting",
    "ratusz.alerts",
    "ratusz.gis",
    "ratusz.eufunds",
    "ratusz.ngo",
    "ratusz.services",
    "ratusz.search",
    "ratusz.demo",
]

INSTALLED_APPS = RATUSZ_APPS + [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # /healthz for load balancers: before host checks, redirects and caches.
    "ratusz.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A cache hit returns here with its stored headers (security headers, ETag).
    "ratusz.core.pagecache.AnonymousPageCacheMiddleware",
    "ratusz.core.middleware.SecurityHeadersMiddleware",
    "ratusz.core.nulbytes.RefuseNulMiddleware",
    "ratusz.core.ratelimit.ReadRateLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sets/clears the signed ``ratusz_auth`` cookie the page caches test.
    "ratusz.core.sessionmarker.SessionMarkerMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ratusz.accounts.middleware.IdleTimeoutMiddleware",
    "ratusz.accounts.middleware.AdminSecondFactorMiddleware",
    "ratusz.accounts.middleware.CredentialRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "ratusz.core.dbfaults.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "ratusz.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "ratusz.core.context_processors.site_shell",
                "ratusz.alerts.context_processors.active_alerts",
            ],
        },
    },
]

WSGI_APPLICATION = "ratusz.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a test server take
    # concurrent requests without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# A PostgreSQL streaming replica takes the reads (docs/deployment.md).
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["ratusz.core.dbrouter.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env("CACHE_URL") or env("REDIS_URL")
if _cache_url and _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            # Without Redis the portal works uncached, never 500 (docs/deployment.md).
            "BACKEND": "ratusz.core.resilientcache.ResilientRedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "ratusz"),
            # Short timeouts: an unreachable Redis must not hold a request for seconds.
            "OPTIONS": {
                "socket_connect_timeout": float(env("REDIS_CONNECT_TIMEOUT", "0.25")),
                "socket_timeout": float(env("REDIS_SOCKET_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratusz",
        }
    }

# Accounts (docs/security.md): the backend checks the lock-out before the
# password; every admin account needs a second factor (TOTP or recovery code).
AUTHENTICATION_BACKENDS = [
    "ratusz.accounts.auth.LockoutModelBackend",
    "django.contrib.auth.backends.ModelBackend",
]
WAGTAILADMIN_USER_LOGIN_FORM = "ratusz.accounts.forms.LoginForm"
LOGIN_URL = "wagtailadmin_login"
RATUSZ_ADMIN_IDLE_SECONDS = int(
    env("RATUSZ_ADMIN_IDLE_SECONDS", str(APP_DEFAULTS["RATUSZ_ADMIN_IDLE_SECONDS"]))
)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", APP_DEFAULTS["OTP_TOTP_ISSUER"])
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Length and a common-password list, no composition rules (NIST SP 800-63B).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "pl"
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
LANGUAGES = [("pl", "Polski"), ("en", "English"), ("de", "Deutsch"), ("cs", "Čeština")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Above every app's catalogue: ratusz/core/locale holds the project's strings outside
# cooperation and search (the shell in en/de/cs, Polish plural forms; makemessages
# writes it), ratusz/core/locale_upstream our Polish for the Wagtail and Django strings
# that upstream's Polish catalogue lacks, which must win over upstream's.
LOCALE_PATHS = [PACKAGE_DIR / "core" / "locale", PACKAGE_DIR / "core" / "locale_upstream"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Files that are never public (budget attachments, support-list scans).
RATUSZ_PRIVATE_MEDIA_ROOT = Path(
    env("RATUSZ_PRIVATE_MEDIA_ROOT", MEDIA_ROOT.parent / "private-media")
)
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]


def _leaflet_dir():
    # Leaflet comes from a Python package, so no CDN is ever needed.
    try:
        import xstatic.pkg.leaflet as leaflet
    except ImportError:  # pragma: no cover - dependency is declared
        return []
    return [("xstatic/leaflet", leaflet.BASE_DIR)]


STATICFILES_DIRS = _leaflet_dir()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Sessions exist for logged-in staff only; anonymous visitors get no cookie.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "ratusz.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# E-mail: console in development, SMTP from the environment in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
if env("EMAIL_FILE_PATH", ""):  # the file-based backend (make prod-smoke) needs a folder
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Urząd Miasta <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work: run at once in development; in production a database
# queue (django-tasks-db) drained by `manage.py db_worker` (docs/deployment.md).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Ratusz")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", APP_DEFAULTS["WAGTAILADMIN_BASE_URL"])
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "csv", "txt", "zip", "geojson"]
# Uploads (docs/security.md): documents checked by content and always served
# as attachments; images keep Wagtail's content check and no SVG, and are
# stored drawn anew without their metadata (EXIF, GPS).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "ratusz.accounts.forms.SafeDocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Outbound requests (ratusz/core/outbound.py, docs/security.md): only public
# addresses unless a host or network is listed here, comma-separated.
RATUSZ_OUTBOUND_ALLOWED_HOSTS = env_list("RATUSZ_OUTBOUND_ALLOWED_HOSTS")
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "ratusz.accounts.forms.SafeImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = []  # no oEmbed calls to other hosts
# No avatars from gravatar.com: the admin would send a hash of every editor's
# e-mail to another host; Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski"), ("en", "English")]
WAGTAIL_USER_TIME_ZONES = ["Europe/Warsaw"]
# One entry per front cache (comma-separated URLs): each gets Wagtail's PURGE.
WAGTAILFRONTENDCACHE = {
    f"front{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(env_list("FRONTEND_CACHE_URL"), start=1)
}

# Keys for personal data: a PESEL is kept only as an HMAC or Fernet token.
RATUSZ_HMAC_KEY = env("RATUSZ_HMAC_KEY", SECRET_KEY)
RATUSZ_ENCRYPTION_KEY = env("RATUSZ_ENCRYPTION_KEY", "")
# Key rotation (docs/operations.md): the new key first, the old ones after it.
RATUSZ_ENCRYPTION_KEYS = env_list("RATUSZ_ENCRYPTION_KEYS")
RATUSZ_TRUSTED_PROXY_COUNT = int(
    env("RATUSZ_TRUSTED_PROXY_COUNT", str(APP_DEFAULTS["RATUSZ_TRUSTED_PROXY_COUNT"]))
)
RATUSZ_PAGE_CACHE_SECONDS = int(
    env("RATUSZ_PAGE_CACHE_SECONDS", str(APP_DEFAULTS["RATUSZ_PAGE_CACHE_SECONDS"]))
)
# Rate limits per client address (the buckets: ratusz.core.conf).
RATUSZ_RATELIMIT_ENABLED = env_bool(
    "RATUSZ_RATELIMIT_ENABLED", APP_DEFAULTS["RATUSZ_RATELIMIT_ENABLED"]
)
RATUSZ_READ_RATES = dict(APP_DEFAULTS["RATUSZ_READ_RATES"])
RATUSZ_HEALTH_TASK_LATE_SECONDS = int(
    env("RATUSZ_HEALTH_TASK_LATE_SECONDS", str(APP_DEFAULTS["RATUSZ_HEALTH_TASK_LATE_SECONDS"]))
)
RATUSZ_MAP_TILE_URL = env("RATUSZ_MAP_TILE_URL", APP_DEFAULTS["RATUSZ_MAP_TILE_URL"])
RATUSZ_MAP_TILE_ATTRIBUTION = env(
    "RATUSZ_MAP_TILE_ATTRIBUTION", APP_DEFAULTS["RATUSZ_MAP_TILE_ATTRIBUTION"]
)
RATUSZ_MAP_PMTILES_FILE = env("RATUSZ_MAP_PMTILES_FILE", APP_DEFAULTS["RATUSZ_MAP_PMTILES_FILE"])
RATUSZ_MAP_PMTILES_URL = env("RATUSZ_MAP_PMTILES_URL", APP_DEFAULTS["RATUSZ_MAP_PMTILES_URL"])
RATUSZ_MAP_NATIONAL_WMTS = env("RATUSZ_MAP_NATIONAL_WMTS", APP_DEFAULTS["RATUSZ_MAP_NATIONAL_WMTS"])
RATUSZ_GIS_POSTGIS = env("RATUSZ_GIS_POSTGIS", APP_DEFAULTS["RATUSZ_GIS_POSTGIS"])
RATUSZ_GIS_EXTENT_MARGIN_KM = int(
    env("RATUSZ_GIS_EXTENT_MARGIN_KM", str(APP_DEFAULTS["RATUSZ_GIS_EXTENT_MARGIN_KM"]))
)
# Background jobs: memory (MiB of address space) and time of each job's child process.
RATUSZ_JOB_MEMORY_MB = int(env("RATUSZ_JOB_MEMORY_MB", str(APP_DEFAULTS["RATUSZ_JOB_MEMORY_MB"])))
RATUSZ_JOB_SECONDS = int(env("RATUSZ_JOB_SECONDS", str(APP_DEFAULTS["RATUSZ_JOB_SECONDS"])))

# LOG_FORMAT=json: one JSON object per line with the request id and any
# traceback (ratusz.core.logs; the production default); "text" for people.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ratusz.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
