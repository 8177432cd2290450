"""Demo accounts (`manage.py demo --accounts`): an editor and an admin, passwords printed.

Each account gets a second factor the admin asks for: a TOTP key to type into an
authenticator app, and recovery codes for a newcomer without a phone
(docs/security.md). Both are printed again on every run; nothing changes on a
second run.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ratusz.accounts import twofactor

DEMO_ACCOUNTS = [
    # username, password, superuser, groups
    ("redaktor", "redaktor-mysłowice-2026", False, ["Redaktor"]),
    ("admin", "admin-mysłowice-2026", True, []),
]


def load(stdout):
    User = get_user_model()
    call_command("ratusz_roles", stdout=stdout)  # the groups the accounts join
    stdout.write("\nKonta demonstracyjne (panel: http://127.0.0.1:8000/admin/):\n")
    for username, password, superuser, groups in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "is_staff": True,
                "is_superuser": superuser,
                "email": f"{username}@example.invalid",
            },
        )
        if created:
            user.set_password(password)
            user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
        stdout.write(f"  {username} / {password}\n")
        device = totp(user)
        stdout.write(f"    klucz TOTP: {twofactor.secret_of(device)}\n")
        stdout.write(f"    kody zapasowe: {' '.join(recovery_codes(user))}\n")


def totp(user):
    """A confirmed TOTP device for a demo account (kept across runs)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=twofactor.device_name(), confirmed=True)
    return device


def recovery_codes(user):
    """The demo account's unused recovery codes, topped up to ten."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="kody-zapasowe", defaults={"confirmed": True}
    )
    missing = twofactor.RECOVERY_CODES - device.token_set.count()
    for _ in range(max(0, missing)):
        StaticToken.objects.create(device=device, token=StaticToken.random_token())
    return list(device.token_set.values_list("token", flat=True))
