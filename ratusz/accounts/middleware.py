"""Admin guards: the second factor before any admin page, and idle logout.

Both sit after django_otp's OTPMiddleware (which sets ``user.is_verified``).
"""

import time

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user

from ratusz.core.conf import conf

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
SEEN_KEY = "ratusz_seen"


def _open_paths():
    # Pages a half-logged-in user must still reach: signing in and out, the
    # second-factor screens themselves, and the admin's catalogue and icons
    # (which those screens load).
    return {
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("ratusz_2fa_enrol"),
        reverse("ratusz_2fa_verify"),
        reverse("admin:login"),
        reverse("admin:logout"),
        reverse("wagtailadmin_sprite"),
        "/admin/jsi18n/",
    }


def second_factor_required():
    # Production cannot turn it off (settings/production.py); the test profile
    # does, so that other apps' admin tests can use force_login.
    return conf.RATUSZ_ADMIN_2FA_REQUIRED


class AdminSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith(ADMIN_PREFIXES)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and second_factor_required()
            and request.path not in _open_paths()
        ):
            has_device = any(devices_for_user(user, confirmed=True))
            target = "ratusz_2fa_verify" if has_device else "ratusz_2fa_enrol"
            url = reverse(target)
            if request.method == "GET":
                url += "?" + _next_query(request.get_full_path())
            return redirect(url)
        return self.get_response(request)


def _next_query(path):
    from django.utils.http import urlencode

    return urlencode({"next": path})


class IdleTimeoutMiddleware:
    """Log a signed-in user out after RATUSZ_ADMIN_IDLE_SECONDS without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            idle = conf.RATUSZ_ADMIN_IDLE_SECONDS
            now = int(time.time())
            seen = request.session.get(SEEN_KEY)
            if seen is not None and now - seen > idle:
                logout(request)
                if request.path.startswith(ADMIN_PREFIXES):
                    return redirect_to_login(
                        request.get_full_path(), login_url=reverse("wagtailadmin_login")
                    )
            elif seen is None or now - seen >= 30:
                # Written at most every 30 s to spare the session store.
                request.session[SEEN_KEY] = now
        return self.get_response(request)
