"""Django side of the lock-out: the policy from settings, the cache as store."""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from ratusz.core.conf import conf
from ratusz.core.ratelimit import client_address

from .lockout import Lockout, Policy


def lockout():
    policy = Policy(
        account_limit=conf.RATUSZ_LOGIN_ACCOUNT_LIMIT,
        address_limit=conf.RATUSZ_LOGIN_ADDRESS_LIMIT,
        window=conf.RATUSZ_LOGIN_WINDOW_SECONDS,
        lock_seconds=conf.RATUSZ_LOGIN_LOCK_SECONDS,
    )
    return Lockout(cache, policy)


def address_of(request):
    return client_address(request) if request is not None else ""


class LockoutModelBackend(ModelBackend):
    """Django's backend that refuses a locked account or address before any
    password is checked, for every login form (Wagtail's and Django's)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if lockout().locked_for(username or "", address_of(request)):
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None and username is not None:
            # Stop here: the plain ModelBackend listed after us (kept so that
            # sessions and tests naming it stay valid) would check the password again.
            raise PermissionDenied
        return user
