from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .auth import address_of, lockout


@receiver(user_login_failed, dispatch_uid="ratusz-accounts-failed")
def count_failure(sender, credentials, request=None, **kwargs):
    lockout().failure(credentials.get("username", ""), address_of(request))


@receiver(user_logged_in, dispatch_uid="ratusz-accounts-success")
def forgive(sender, request, user, **kwargs):
    lockout().success(user.get_username(), address_of(request))
