"""Security headers on every public response, and a clean `check --deploy`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A sample of every app's public pages, its APIs, feeds and error pages.
PUBLIC = [
    "/",
    "/wspolpraca/",
    "/api/cooperation/",
    "/budzet-obywatelski/",
    "/komunikaty/",
    "/sit/",
    "/ogcapi/",
    "/ogcapi/collections",
    "/fundusze-europejskie/",
    "/ngo/",
    "/zalatw-sprawe/",
    "/szukaj/?q=podatek",
    "/sitemap.xml",
    "/robots.txt",
    "/nie-ma-takiej-strony/",
]


def directives(csp):
    parsed = {}
    for part in csp.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC)
def test_public_response_carries_the_security_headers(client, demo_site, path):
    response = client.get(path)
    assert response.status_code < 500, path
    csp = directives(response["Content-Security-Policy"])
    script = csp.get("script-src") or csp["default-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {
        "strict-origin-when-cross-origin",
        "same-origin",
        "no-referrer",
    }
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["object-src"] == ["'none'"]
    assert_no_other_host(csp)


def assert_no_other_host(csp):
    # Every source is a keyword ('self', 'none', …) or a scheme, never a host.
    for name, sources in csp.items():
        for source in sources:
            assert source.startswith("'") or source in {"data:", "blob:"}, (name, source)


@pytest.mark.django_db
def test_admin_pages_get_their_own_policy_still_without_other_hosts(client):
    # Wagtail's admin needs inline scripts; it still loads nothing from elsewhere
    # and may be framed only by itself (its own previews).
    response = client.get("/admin/login/")
    csp = directives(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert_no_other_host(csp)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CACHE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ratusz.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "portal.myslowice.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
            # what deploy/env.example asks for (ratusz/core/checks_deploy.py)
            "RATUSZ_TRUSTED_PROXY_COUNT": "1",
            "RATUSZ_HMAC_KEY": secrets.token_urlsafe(48),
            "RATUSZ_ENCRYPTION_KEY": "Pn-YNVmjN3D8ZkYJxK0XEdL2-8m7zVjT3w0mZyV6G2c=",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_refuses_the_default_secret(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ratusz.settings.production",
            "ALLOWED_HOSTS": "portal.myslowice.example",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_admin_avatars_never_come_from_gravatar():
    # Wagtail would otherwise send a hash of each editor's e-mail to gravatar.com.
    from wagtail.users.utils import get_gravatar_url

    assert get_gravatar_url("redaktor@myslowice.pl") is None
