"""The security middleware is in the settings a city runs, and in an order that works.

No fixture adds middleware to the suite: the tests run with what ratusz.settings
configures. This reads the configured lists themselves (the test profile, base and
production), so taking a middleware out of the settings fails here.
"""

import json
import os
import subprocess
import sys

import pytest

from tests.files import ROOT

REQUIRED = {
    "django.middleware.security.SecurityMiddleware": "HSTS, HTTPS redirect, nosniff",
    "ratusz.core.middleware.SecurityHeadersMiddleware": "CSP and the other response headers",
    "ratusz.core.nulbytes.RefuseNulMiddleware": "a NUL byte in the address is a 400",
    "ratusz.core.ratelimit.ReadRateLimitMiddleware": "rate limit on reads",
    "django.middleware.csrf.CsrfViewMiddleware": "CSRF tokens on forms",
    "django.contrib.auth.middleware.AuthenticationMiddleware": "who is signed in",
    "django_otp.middleware.OTPMiddleware": "the second factor is verified",
    "ratusz.accounts.middleware.IdleTimeoutMiddleware": "idle sessions end",
    "ratusz.accounts.middleware.AdminSecondFactorMiddleware": "the admin needs a second factor",
    "ratusz.accounts.middleware.CredentialRateLimitMiddleware": "page-password and reset limits",
    "django.middleware.clickjacking.XFrameOptionsMiddleware": "no framing by other sites",
    "ratusz.core.dbfaults.DatabaseUnavailableMiddleware": "a lost database is a 503",
}
# (earlier, later): the later one needs what the earlier one sets up.
ORDER = [
    ("django.middleware.security.SecurityMiddleware", "ratusz.core.pagecache."),
    ("django.contrib.auth.middleware.AuthenticationMiddleware", "django_otp.middleware."),
    ("django_otp.middleware.OTPMiddleware", "ratusz.accounts.middleware.AdminSecondFactor"),
    ("django.contrib.auth.middleware.AuthenticationMiddleware", "ratusz.accounts.middleware.Idle"),
    (
        "django.contrib.sessions.middleware.SessionMiddleware",
        "ratusz.accounts.middleware.Credential",
    ),
    ("django.contrib.sessions.middleware.SessionMiddleware", "django.middleware.csrf."),
]


def production_middleware():
    """MIDDLEWARE of ratusz.settings.production, read in a fresh interpreter."""
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.invalid",
        "PYTHONPATH": str(ROOT),
    }
    code = "import json, ratusz.settings.production as p; print(json.dumps(p.MIDDLEWARE))"
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def configured(profile):
    if profile == "production":
        return production_middleware()
    if profile == "base":
        from ratusz.settings import base

        return base.MIDDLEWARE
    from django.conf import settings

    return settings.MIDDLEWARE  # what this suite runs with


def missing_and_misordered(middleware):
    missing = [f"{name} ({why})" for name, why in REQUIRED.items() if name not in middleware]

    def position(prefix):
        return next((i for i, name in enumerate(middleware) if name.startswith(prefix)), None)

    misordered = [
        f"{first} before {later}"
        for first, later in ORDER
        if None not in (position(first), position(later)) and position(first) > position(later)
    ]
    return missing, misordered


@pytest.mark.parametrize("profile", ["test", "base", "production"])
def test_security_middleware_is_configured(profile):
    missing, misordered = missing_and_misordered(configured(profile))
    assert missing == [], f"missing from {profile} MIDDLEWARE: {missing}"
    assert misordered == [], f"{profile} MIDDLEWARE must have {misordered}"


def test_the_check_finds_a_removed_or_moved_middleware():
    from ratusz.settings import base

    for name in REQUIRED:
        without = [m for m in base.MIDDLEWARE if m != name]
        assert missing_and_misordered(without)[0], name
    swapped = list(base.MIDDLEWARE)
    i = swapped.index("django_otp.middleware.OTPMiddleware")
    j = swapped.index("ratusz.accounts.middleware.AdminSecondFactorMiddleware")
    swapped[i], swapped[j] = swapped[j], swapped[i]
    assert missing_and_misordered(swapped)[1]
