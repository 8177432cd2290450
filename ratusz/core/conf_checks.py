"""System checks of Ratusz's own settings (``ratusz.core.conf``): types and ranges.

``manage.py check`` (and runserver, migrate, the deploy check) reports a setting
of the wrong type or out of range when the portal starts, instead of a 500 on
the first request that reads it: an environment variable gives text, so
``RATUSZ_PAGE_CACHE_SECONDS = env(...)`` without ``int()`` is caught here.
What production must set (keys, proxies) is checked with the deployment checks.
"""

import os
import re

from django.core import checks

from .conf import DEFAULTS, conf

# Checked with the deployment checks, not here.
DEPLOY_SETTINGS = {"RATUSZ_TRUSTED_PROXY_COUNT"}
PATH_SETTINGS = {
    "RATUSZ_PRIVATE_MEDIA_ROOT",
    "RATUSZ_GIS_BOUNDARY_FILE",
    "RATUSZ_CAP_XSD",
    "RATUSZ_MAP_PMTILES_FILE",
}
LIST_SETTINGS = {"RATUSZ_OUTBOUND_ALLOWED_HOSTS", "RATUSZ_ENCRYPTION_KEYS"}
SECONDS_SETTINGS = {"RATUSZ_OUTBOUND_DEADLINE_SECONDS"}  # a fraction of a second is fine
AT_LEAST_ONE = {
    "RATUSZ_ADMIN_IDLE_SECONDS",
    "RATUSZ_LOGIN_ACCOUNT_LIMIT",
    "RATUSZ_LOGIN_ADDRESS_LIMIT",
    "RATUSZ_LOGIN_WINDOW_SECONDS",
    "RATUSZ_LOGIN_LOCK_SECONDS",
    "RATUSZ_DOCUMENT_MAX_BYTES",
    "RATUSZ_GIS_MAX_UPLOAD_MB",
    "RATUSZ_JOB_MEMORY_MB",
    "RATUSZ_JOB_SECONDS",
    "RATUSZ_JOB_REPORT_ROWS",
    "RATUSZ_HEALTH_TASK_LATE_SECONDS",
}
POSITIVE = {"RATUSZ_OUTBOUND_DEADLINE_SECONDS"}
AT_LEAST_ZERO = {
    "RATUSZ_PAGE_CACHE_SECONDS",
    "RATUSZ_ALERTS_BANNER_CACHE_SECONDS",
    "RATUSZ_GIS_EXTENT_MARGIN_KM",
}
CAP_SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
RATE = re.compile(r"^[1-9]\d*/[smhd]$")


def _error(number, name, message, hint=""):
    return checks.Error(
        f"{name}: {message}", hint=hint or None, obj="settings", id=f"ratusz_conf.E{number:03d}"
    )


def _type_problem(name, value, default):
    """What is wrong with the type of ``value``, or "" (defaults give the type)."""
    if name in PATH_SETTINGS:
        ok = isinstance(value, str | os.PathLike)
        wanted = "tekst (ścieżka)"
    elif name in LIST_SETTINGS:
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        wanted = "lista tekstów"
    elif name in SECONDS_SETTINGS:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        wanted = "liczba sekund"
    elif isinstance(default, bool):
        ok, wanted = isinstance(value, bool), "True albo False"
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
        wanted = "liczba całkowita"
    elif isinstance(default, str):
        ok, wanted = isinstance(value, str), "tekst"
    elif isinstance(default, tuple):
        ok, wanted = isinstance(value, tuple | list), "para liczb (długość, szerokość)"
    elif isinstance(default, dict):
        ok, wanted = isinstance(value, dict), "słownik"
    else:  # pragma: no cover - every default above has one of these types
        return ""
    return "" if ok else f"oczekiwano: {wanted}; jest {type(value).__name__} {value!r}"


def check_app_settings(app_configs=None, **kwargs):
    errors = []
    for name, default in DEFAULTS.items():
        if name in DEPLOY_SETTINGS:
            continue
        value = getattr(conf, name)
        problem = _type_problem(name, value, default)
        if problem:
            errors.append(_error(1, name, problem, "Zob. ratusz/core/conf.py."))
            continue
        if name in AT_LEAST_ONE and value < 1:
            errors.append(_error(2, name, f"musi być co najmniej 1 (jest {value})."))
        if name in AT_LEAST_ZERO and value < 0:
            errors.append(_error(2, name, f"nie może być ujemne (jest {value})."))
        if name in POSITIVE and value <= 0:
            errors.append(_error(2, name, f"musi być większe od zera (jest {value})."))
    errors += _value_checks()
    errors += _map_checks()
    return errors


def _map_checks():
    from .maps import NATIONAL_WMTS

    errors = []
    wmts = conf.RATUSZ_MAP_NATIONAL_WMTS
    if isinstance(wmts, str) and wmts and wmts not in NATIONAL_WMTS:
        errors.append(
            _error(
                8,
                "RATUSZ_MAP_NATIONAL_WMTS",
                f"jedna z wartości: {', '.join(NATIONAL_WMTS)} albo pusty tekst (jest {wmts!r}).",
            )
        )
    url = conf.RATUSZ_MAP_PMTILES_URL
    if isinstance(url, str) and url and not (url.startswith("/") and url.endswith(".pmtiles")):
        errors.append(
            _error(
                9,
                "RATUSZ_MAP_PMTILES_URL",
                f"adres pliku .pmtiles na tym samym serwerze, od „/” (jest {url!r}).",
                "Podkład z innego hosta łamie zasadę „bez zapytań do innych serwerów”.",
            )
        )
    return errors


def _value_checks():
    errors = []
    point = conf.RATUSZ_CITY_POINT
    if isinstance(point, tuple | list):
        numbers = len(point) == 2 and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in point
        )
        if not numbers or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
            errors.append(
                _error(
                    4,
                    "RATUSZ_CITY_POINT",
                    f"oczekiwano (długość, szerokość) w WGS 84; jest {point!r}.",
                    "Np. (19.1411, 50.2417) — najpierw długość geograficzna.",
                )
            )
    base = conf.WAGTAILADMIN_BASE_URL
    if isinstance(base, str) and not re.match(r"^https?://[^/\s]+", base):
        errors.append(
            _error(
                5,
                "WAGTAILADMIN_BASE_URL",
                f"adres portalu dla e-maili i kanałów musi zaczynać się od http:// "
                f"albo https:// (jest {base!r}).",
            )
        )
    rates = conf.RATUSZ_READ_RATES
    if isinstance(rates, dict):
        for bucket, rate in rates.items():
            if not isinstance(rate, str) or not RATE.match(rate):
                errors.append(
                    _error(
                        6,
                        "RATUSZ_READ_RATES",
                        f"limit „{bucket}” ma postać liczba/jednostka (jest {rate!r}).",
                        "Jednostki: s, m, h, d — np. „60/m”.",
                    )
                )
    severity = conf.RATUSZ_ALERTS_BANNER_MIN_SEVERITY
    if isinstance(severity, str) and severity not in CAP_SEVERITIES:
        errors.append(
            _error(
                7,
                "RATUSZ_ALERTS_BANNER_MIN_SEVERITY",
                f"jedna z wartości CAP: {', '.join(CAP_SEVERITIES)} (jest {severity!r}).",
            )
        )
    postgis = conf.RATUSZ_GIS_POSTGIS
    if isinstance(postgis, str) and postgis not in ("auto", "on", "off"):
        errors.append(_error(8, "RATUSZ_GIS_POSTGIS", f"auto, on albo off (jest {postgis!r})."))
    return errors
