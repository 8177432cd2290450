"""A signed cookie that says "this browser has a real login session".

The page caches (this app's and nginx's) must skip only visitors who are
really signed in: a made-up ``sessionid`` cookie costs an attacker nothing
and used to turn every request into a full render. So the app sets
``ratusz_auth`` at login and removes it at logout; it carries a signature
(HMAC with SECRET_KEY) that the page cache checks without touching the
database, and nginx bypasses its micro-cache only when the cookie is present
(a forged one still gets the app's cached copy).
"""

import secrets

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.core import signing
from django.dispatch import receiver

COOKIE = "ratusz_auth"
_SALT = "ratusz.core.sessionmarker"


def _signer():
    return signing.TimestampSigner(salt=_SALT)


def make():
    return _signer().sign(secrets.token_urlsafe(9))


def valid(value):
    """True for a marker this portal signed within the session lifetime."""
    if not value or len(value) > 200:
        return False
    try:
        _signer().unsign(value, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:
        return False
    return True


@receiver(user_logged_in, dispatch_uid="ratusz-session-marker-in")
def _logged_in(sender, request, user, **kwargs):
    if request is not None:
        request._ratusz_marker = "set"


@receiver(user_logged_out, dispatch_uid="ratusz-session-marker-out")
def _logged_out(sender, request, user, **kwargs):
    if request is not None:
        request._ratusz_marker = "clear"


def _set(response):
    response.set_cookie(
        COOKIE,
        make(),
        max_age=None if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE else settings.SESSION_COOKIE_AGE,
        path=settings.SESSION_COOKIE_PATH,
        domain=settings.SESSION_COOKIE_DOMAIN,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )


def _clear(response):
    response.delete_cookie(
        COOKIE,
        path=settings.SESSION_COOKIE_PATH,
        domain=settings.SESSION_COOKIE_DOMAIN,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )


class SessionMarkerMiddleware:
    """Keeps the marker in step with the session (after AuthenticationMiddleware).

    Anonymous visitors without either cookie are never looked at, so they get
    no cookie and no session lookup.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        action = getattr(request, "_ratusz_marker", None)
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        marker = request.COOKIES.get(COOKIE)
        if action is None and (has_session or marker):
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
            if signed_in and not valid(marker):
                action = "set"  # a session from before the marker existed
            elif marker and not signed_in:
                action = "clear"  # the session expired or was deleted
        if action == "set":
            _set(response)
        elif action == "clear" and marker:
            _clear(response)
        return response
