"""Django side of the lock-out: the policy from settings, a table as store."""

from datetime import timedelta

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

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
    return Lockout(DatabaseStore(), policy)


class DatabaseStore:
    """The lock-out's store in the database: counters outlive the cache."""

    def get(self, key):
        from .models import LoginFailures

        row = LoginFailures.objects.filter(key=key, expires__gt=timezone.now()).first()
        return row.record if row else None

    def set(self, key, value, timeout):
        from .models import LoginFailures

        now = timezone.now()
        LoginFailures.objects.update_or_create(
            key=key, defaults={"record": value, "expires": now + timedelta(seconds=timeout)}
        )
        # Expired counters go on every write, so the table stays small.
        LoginFailures.objects.filter(expires__lte=now).delete()

    def delete(self, key):
        from .models import LoginFailures

        LoginFailures.objects.filter(key=key).delete()


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
