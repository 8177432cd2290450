"""Admin guards: the second factor before any admin page, and idle logout.

Both sit after django_otp's OTPMiddleware (which sets ``user.is_verified``).
"""

import hashlib
import re
import time

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user

from ratusz.core.conf import conf

from . import twofactor

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# django-otp's own admin screens, where a device can be removed or changed.
DEVICE_ADMIN_PREFIXES = ("/django-admin/otp_totp/", "/django-admin/otp_static/")
FRONTEND_LOGIN = re.compile(r"^(/[a-z]{2})?/_util/login/$")
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
        if FRONTEND_LOGIN.match(request.path):
            # Wagtail's own front-end login form checks the password only.
            # The second-factor screen sends a visitor to the admin's login
            # first, then asks for the code, then returns to the page.
            url = reverse("ratusz_2fa_verify")
            if request.GET.get("next"):
                url += "?" + _next_query(request.GET["next"])
            return redirect(url)
        user = getattr(request, "user", None)
        half_signed_in = (
            user is not None
            and user.is_authenticated
            and second_factor_required()
            and not user.is_verified()
        )
        if half_signed_in and not request.path.startswith(ADMIN_PREFIXES):
            # A password alone opens nothing outside the admin either: pages
            # under a login restriction and private documents see a visitor.
            request.user = _anonymous()
        elif half_signed_in and request.path not in _open_paths():
            has_device = any(devices_for_user(user, confirmed=True))
            target = "ratusz_2fa_verify" if has_device else "ratusz_2fa_enrol"
            url = reverse(target)
            if request.method == "GET":
                url += "?" + _next_query(request.get_full_path())
            return redirect(url)
        elif (
            user is not None
            and user.is_authenticated
            and request.path.startswith(DEVICE_ADMIN_PREFIXES)
            and not twofactor.recently_confirmed(request.session)
        ):
            # Removing or changing a second factor asks for a current code again.
            from .views import redirect_to_confirm

            target = request.get_full_path() if request.method == "GET" else request.path
            return redirect_to_confirm(request, target)
        return self.get_response(request)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    anonymous.is_verified = lambda: False
    return anonymous


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


# Forms that check a secret without the login backend (so without its
# lock-out): Wagtail's page-password form and the password-reset form.
CREDENTIAL_FORMS = (
    ("page-password", re.compile(r"^(/[a-z]{2})?/_util/authenticate_with_password/")),
    ("password-reset", re.compile(r"^/admin/password_reset/$")),
)
DEFAULT_CREDENTIAL_RATES = {
    "page-password": "10/m",  # per address
    "password-reset": "5/h",  # per address
    "password-reset-email": "3/h",  # per e-mail address, from anywhere
}


class CredentialRateLimitMiddleware:
    """Limit POSTs to the forms above: guessing a page password, or mailing
    one official thirty reset links, costs hours instead of seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            for bucket, pattern in CREDENTIAL_FORMS:
                if pattern.search(request.path):
                    refused = self._refuse(request, bucket)
                    if refused is not None:
                        return refused
        return self.get_response(request)

    def _refuse(self, request, bucket):
        from ratusz.core.ratelimit import client_address, hit, parse_rate, too_many

        rates = {**DEFAULT_CREDENTIAL_RATES, **conf.RATUSZ_CREDENTIAL_RATES}
        checks = [(bucket, client_address(request), rates[bucket])]
        if bucket == "password-reset":
            email = request.POST.get("email", "").strip().lower()[:254]
            if email:
                ident = hashlib.sha256(email.encode()).hexdigest()[:32]
                checks.append(("password-reset-email", ident, rates["password-reset-email"]))
        for name, ident, rate in checks:
            if not hit(name, ident, rate):
                return too_many(request, parse_rate(rate)[1])
        return None
