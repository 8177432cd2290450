"""Deployment checks (``manage.py check --deploy``): what production must set.

Each of these once passed silently and broke something later: behind nginx
with no trusted proxy every visitor is 127.0.0.1 (twenty failed logins by
anyone lock every login; the search limit is shared by the whole city); keys
derived from SECRET_KEY make rotating it unreadable-data day and break
one-person-one-vote. Messages are Polish with the English in brackets.
"""

import base64
import binascii

from django.conf import settings
from django.core import checks

from .conf import conf

# The placeholders of deploy/env.example: copying the file is not configuring it.
PLACEHOLDERS = {
    "another-long-random-secret-never-rotated-without-a-rehash",
    "generate-with-python-c-from-cryptography.fernet-import-Fernet",
}
MIN_HMAC_KEY_LENGTH = 32
ENV_FILE = "/etc/ratusz/env"


def _error(number, message, hint):
    return checks.Error(message, hint=hint, obj="settings", id=f"ratusz_deploy.E{number:03d}")


def check_trusted_proxies():
    count = conf.RATUSZ_TRUSTED_PROXY_COUNT
    hint = (
        f"Ustaw w {ENV_FILE}: RATUSZ_TRUSTED_PROXY_COUNT=1 (jeden nginx przed aplikacją) "
        "albo 2 (load balancer i nginx). [Set RATUSZ_TRUSTED_PROXY_COUNT to the number of "
        "proxies in front of the app: 1 behind nginx, 2 behind a load balancer and nginx.]"
    )
    if count is None or isinstance(count, bool) or not isinstance(count, int) or count < 0:
        return [
            _error(
                1,
                "RATUSZ_TRUSTED_PROXY_COUNT nie jest ustawione (albo nie jest liczbą): bez niego "
                "każdy klient za proxy ma adres proxy, a limity i blokada logowania są wspólne "
                "dla wszystkich. [RATUSZ_TRUSTED_PROXY_COUNT is not set.]",
                hint,
            )
        ]
    if count == 0 and settings.SECURE_PROXY_SSL_HEADER:
        return [
            _error(
                2,
                "RATUSZ_TRUSTED_PROXY_COUNT=0, a ustawienia ufają nagłówkowi proxy "
                "(SECURE_PROXY_SSL_HEADER): za nginx każdy klient miałby adres 127.0.0.1. "
                "[RATUSZ_TRUSTED_PROXY_COUNT is 0 behind a proxy.]",
                hint,
            )
        ]
    return []


def check_hmac_key():
    key = conf.RATUSZ_HMAC_KEY or ""
    hint = (
        f"Wygeneruj raz i wpisz do {ENV_FILE}: RATUSZ_HMAC_KEY=$(python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(48))'); przechowuj w sejfie haseł i nie zmieniaj "
        "(zmiana = stare skróty PESEL nie pasują). [Generate once, store safely, never rotate.]"
    )
    if not key or key == settings.SECRET_KEY or key in PLACEHOLDERS:
        return [
            _error(
                3,
                "RATUSZ_HMAC_KEY nie jest ustawiony osobno (brak, przykład z env.example albo "
                "równy SECRET_KEY): zmiana SECRET_KEY złamałaby zasadę „jedna osoba — jeden "
                "głos”. [RATUSZ_HMAC_KEY must be set explicitly, not derived from SECRET_KEY.]",
                hint,
            )
        ]
    if len(key) < MIN_HMAC_KEY_LENGTH:
        return [
            _error(
                4,
                f"RATUSZ_HMAC_KEY jest za krótki (najmniej {MIN_HMAC_KEY_LENGTH} znaki). "
                "[RATUSZ_HMAC_KEY is too short.]",
                hint,
            )
        ]
    return []


def _is_fernet_key(key):
    try:
        return len(base64.urlsafe_b64decode(key.encode())) == 32
    except (binascii.Error, ValueError):
        return False


def check_encryption_key():
    key = conf.RATUSZ_ENCRYPTION_KEY or ""
    hint = (
        f"Wygeneruj raz i wpisz do {ENV_FILE}: RATUSZ_ENCRYPTION_KEY=$(python3 -c 'from "
        "cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'); "
        "przechowuj w sejfie haseł — jego utrata oznacza nieczytelne dane osobowe. "
        "[Generate a Fernet key once and keep it safe.]"
    )
    if not key or key in PLACEHOLDERS:
        return [
            _error(
                5,
                "RATUSZ_ENCRYPTION_KEY nie jest ustawiony: dane osobowe byłyby szyfrowane "
                "kluczem wyprowadzonym z SECRET_KEY, a jego zmiana uczyniłaby je nieczytelnymi. "
                "[RATUSZ_ENCRYPTION_KEY must be set explicitly.]",
                hint,
            )
        ]
    if not _is_fernet_key(key):
        return [
            _error(
                6,
                "RATUSZ_ENCRYPTION_KEY nie jest kluczem Fernet (32 bajty w base64 URL-safe). "
                "[RATUSZ_ENCRYPTION_KEY is not a valid Fernet key.]",
                hint,
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_production_settings(app_configs=None, **kwargs):
    return check_trusted_proxies() + check_hmac_key() + check_encryption_key()
