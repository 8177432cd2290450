"""Ratusz's own settings in one place: each name with its default.

Code reads them as ``conf.RATUSZ_PAGE_CACHE_SECONDS`` (``from ratusz.core.conf import conf``).
Each access looks the name up in ``django.conf.settings`` (so a settings profile
or ``override_settings`` applies at once) and falls back to the default written
here; ``ratusz.settings.base`` takes its defaults from this table too, so a
default is written once. A name not in the table is a typo: AttributeError.

Operators set these in the environment or a settings profile; docs/operations
and docs/development.md list them. ``ratusz.core.checks`` checks their types.
"""

from typing import Any

from django.conf import settings

from . import outbound

MIB = 1024 * 1024

DEFAULTS: dict[str, Any] = {
    # The city itself (names, office, TERC code, colours, boundary) is a per-site
    # setting, not configuration: ratusz.core.city, docs/cities.md.
    "RATUSZ_CITY_POINT": (19.1411, 50.2417),  # lon, lat (CRS84): "is this alert ours?"
    # Absolute links in e-mails, feeds and CAP messages (a Wagtail setting).
    "WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000",
    # Staff accounts.
    "RATUSZ_ADMIN_2FA_REQUIRED": True,
    "RATUSZ_ADMIN_IDLE_SECONDS": 30 * 60,
    "RATUSZ_LOGIN_ACCOUNT_LIMIT": 5,
    "RATUSZ_LOGIN_ADDRESS_LIMIT": 20,
    "RATUSZ_LOGIN_WINDOW_SECONDS": 15 * 60,
    "RATUSZ_LOGIN_LOCK_SECONDS": 15 * 60,
    "OTP_TOTP_ISSUER": "Ratusz",  # the name in the staff's authenticator app
    "RATUSZ_2FA_CONFIRM_SECONDS": 5 * 60,  # a second factor re-asked after this
    "RATUSZ_CREDENTIAL_RATES": {},  # overrides of the login/password-form limits
    # Keys for personal data (a PESEL is kept only as an HMAC or Fernet token).
    # Empty: derived from SECRET_KEY, for development only; the deployment
    # checks refuse that in production (ratusz.core.checks_deploy).
    "RATUSZ_HMAC_KEY": "",
    "RATUSZ_ENCRYPTION_KEY": "",
    "RATUSZ_ENCRYPTION_KEYS": (),  # a rotation: the new key first, the old ones after it
    # Uploads.
    "RATUSZ_DOCUMENT_MAX_BYTES": 20 * MIB,
    "RATUSZ_GIS_MAX_UPLOAD_MB": 200,
    "RATUSZ_PRIVATE_MEDIA_ROOT": "",  # empty: "private-media" beside MEDIA_ROOT
    # Image renditions served by Django without DEBUG: only runserver without nginx
    # (the browser tests, `make screenshots`); production leaves them to nginx.
    "RATUSZ_SERVE_RENDITIONS": False,
    # Search indexes landing and list pages by rendering them as a visitor sees them.
    "RATUSZ_SEARCH_RENDER_PAGES": True,
    # Background jobs (imports, reindexing; ratusz.core.jobs): each runs in a child
    # process of the task worker under these limits (docs/operations.md).
    "RATUSZ_JOB_MEMORY_MB": 1536,  # address space a job may add to the worker's (RLIMIT_AS), MiB
    "RATUSZ_JOB_SECONDS": 15 * 60,  # wall-clock and CPU time of one job
    "RATUSZ_JOB_REPORT_ROWS": 5000,  # report rows kept per job (the rest are counted)
    # Caching and limits.
    "RATUSZ_PAGE_CACHE_SECONDS": 60,
    # Rate limits per client address: forms limit their POSTs in their views;
    # these are reads (each app names its paths in READ_LIMITS of its public.py).
    # "render" counts the page-cache misses of other pages (ratusz.core.pagecache).
    "RATUSZ_RATELIMIT_ENABLED": True,
    "RATUSZ_READ_RATES": {
        "ballot-check": "30/m",
        "search": "60/m",
        "api": "300/m",
        # Next pages of one collection walk (GDAL's 10 features a page): 100/s.
        "api-walk": "6000/m",
        "render": "120/m",
    },
    "RATUSZ_TRUSTED_PROXY_COUNT": 0,  # proxies in front of the app (production must set it)
    # Requests to other servers (ratusz.core.outbound): public addresses only,
    # unless a host or network is listed here.
    "RATUSZ_OUTBOUND_ALLOWED_HOSTS": (),
    "RATUSZ_OUTBOUND_DEADLINE_SECONDS": 15,
    # /healthz says "degraded" when the oldest waiting task waits longer than this.
    "RATUSZ_HEALTH_TASK_LATE_SECONDS": 300,
    # Maps: no tiles unless the operator names a tile server it may use.
    "RATUSZ_MAP_TILE_URL": "",
    "RATUSZ_MAP_TILE_ATTRIBUTION": "",
    "RATUSZ_GIS_BOUNDARY_FILE": "",
    # Geometries in PostGIS: auto (when the database has it), on (required), off.
    "RATUSZ_GIS_POSTGIS": "auto",
    # How far (km) outside the city's extent an imported layer may reach before
    # it is refused as misplaced (wrong CRS, swapped axes).
    "RATUSZ_GIS_EXTENT_MARGIN_KM": 30,
    # The city's own vector base map: a PMTiles archive (manage.py gis_build_basemap or
    # tilemaker, docs/gis.md), a path under MEDIA_ROOT (or absolute) that nginx serves
    # with range requests; the URL defaults to MEDIA_URL + the path. Drawn when the file
    # exists (or the URL is set); otherwise the GeoJSON outline of the districts.
    "RATUSZ_MAP_PMTILES_FILE": "podklad/miasto.pmtiles",
    "RATUSZ_MAP_PMTILES_URL": "",
    # GUGiK's national WMTS under every map, for cities that accept that host:
    # "" (off), "ortofotomapa" or "topograficzna" (the CSP then allows the host).
    "RATUSZ_MAP_NATIONAL_WMTS": "",
    # Alerts (CAP).
    "RATUSZ_ALERTS_SENDER": "",  # empty: komunikaty@<host of WAGTAILADMIN_BASE_URL>
    "RATUSZ_ALERTS_SENDER_NAME": "",  # empty: the office's name (the city identity)
    "RATUSZ_ALERTS_ID_PREFIX": "",  # empty: pl.<city name in ASCII>.komunikaty
    "RATUSZ_ALERTS_UNSUBSCRIBE_MAILTO": "",
    "RATUSZ_ALERTS_BANNER_CACHE_SECONDS": 10,
    "RATUSZ_ALERTS_BANNER_MIN_SEVERITY": "Moderate",
    "RATUSZ_CAP_FEED_MAX_ENTRIES": 50,
    "RATUSZ_CAP_FEED_SECONDS": 30,
    "RATUSZ_CAP_XSD": "",  # path to the OASIS CAP 1.2 schema, when the operator has it
    # NGO: the KRS open API (empty: the Ministry of Justice's public address).
    "RATUSZ_KRS_API": "",
}


class AppSettings:
    """Attribute access to the settings above, read at each access."""

    def __getattr__(self, name):
        try:
            default = DEFAULTS[name]
        except KeyError:
            raise AttributeError(f"{name} is not a Ratusz setting (ratusz.core.conf)") from None
        return getattr(settings, name, default)

    def __dir__(self):
        return sorted(DEFAULTS)


conf = AppSettings()


def site_url(path=""):
    """An absolute address on this portal, for e-mails and feeds."""
    return conf.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def outbound_policy(**overrides):
    """The outbound guard's policy with the operator's allow-list and deadline."""
    values = {
        "allowed_hosts": tuple(conf.RATUSZ_OUTBOUND_ALLOWED_HOSTS),
        "deadline": float(conf.RATUSZ_OUTBOUND_DEADLINE_SECONDS),
    }
    values.update(overrides)
    return outbound.Policy(**values)
