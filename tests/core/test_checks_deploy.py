"""`check --deploy` refuses the configuration traps of production (#17)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from ratusz.core import checks_deploy

ROOT = Path(__file__).resolve().parent.parent.parent
GOOD = {
    "RATUSZ_TRUSTED_PROXY_COUNT": "1",
    "RATUSZ_HMAC_KEY": secrets.token_urlsafe(48),
    "RATUSZ_ENCRYPTION_KEY": Fernet.generate_key().decode(),
}


def ids(errors):
    return [error.id for error in errors]


@pytest.mark.parametrize(
    "count,expected",
    [(None, ["ratusz_deploy.E001"]), (0, ["ratusz_deploy.E002"]), (1, []), (2, [])],
)
def test_trusted_proxy_count(settings, count, expected):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.RATUSZ_TRUSTED_PROXY_COUNT = count
    assert ids(checks_deploy.check_trusted_proxies()) == expected


def test_hmac_key_must_be_its_own(settings):
    settings.RATUSZ_HMAC_KEY = settings.SECRET_KEY
    assert ids(checks_deploy.check_hmac_key()) == ["ratusz_deploy.E003"]
    settings.RATUSZ_HMAC_KEY = "another-long-random-secret-never-rotated-without-a-rehash"
    assert ids(checks_deploy.check_hmac_key()) == ["ratusz_deploy.E003"]
    settings.RATUSZ_HMAC_KEY = "krótki"
    assert ids(checks_deploy.check_hmac_key()) == ["ratusz_deploy.E004"]
    settings.RATUSZ_HMAC_KEY = GOOD["RATUSZ_HMAC_KEY"]
    assert checks_deploy.check_hmac_key() == []


def test_encryption_key_must_be_a_fernet_key(settings):
    settings.RATUSZ_ENCRYPTION_KEY = ""
    assert ids(checks_deploy.check_encryption_key()) == ["ratusz_deploy.E005"]
    settings.RATUSZ_ENCRYPTION_KEY = "generate-with-python-c-from-cryptography.fernet-import-Fernet"
    assert ids(checks_deploy.check_encryption_key()) == ["ratusz_deploy.E005"]
    settings.RATUSZ_ENCRYPTION_KEY = "not-a-key"
    assert ids(checks_deploy.check_encryption_key()) == ["ratusz_deploy.E006"]
    settings.RATUSZ_ENCRYPTION_KEY = GOOD["RATUSZ_ENCRYPTION_KEY"]
    assert checks_deploy.check_encryption_key() == []


def check_deploy(tmp_path, **extra):
    drop = {
        "DATABASE_URL",
        "CACHE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        *GOOD,
    }
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        DJANGO_SETTINGS_MODULE="ratusz.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.myslowice.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
        **extra,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_fails_with_a_clear_message_until_each_is_set(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode != 0
    for name in GOOD:
        assert name in result.stderr, name
    assert "Ustaw" in result.stderr or "Wygeneruj" in result.stderr
    clean = check_deploy(tmp_path, **GOOD)
    assert clean.returncode == 0, clean.stderr
