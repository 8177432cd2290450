"""Second-factor devices of one user: a TOTP app and ten recovery codes."""

import time
from base64 import b32encode

import segno
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ratusz.core.conf import conf

RECOVERY_CODES = 10
CONFIRMED_KEY = "ratusz_2fa_confirmed_at"


def confirm_seconds():
    return conf.RATUSZ_2FA_CONFIRM_SECONDS


def mark_confirmed(session, clock=time.time):
    session[CONFIRMED_KEY] = int(clock())


def recently_confirmed(session, clock=time.time):
    """The second factor was entered again on the confirmation screen lately."""
    at = session.get(CONFIRMED_KEY)
    return at is not None and 0 <= clock() - at <= confirm_seconds()


def has_confirmed_device(user):
    return any(devices_for_user(user, confirmed=True))


def pending_totp(user):
    """The unconfirmed TOTP device being enrolled (one per user, reused)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=device_name(), confirmed=False)
    return device


def device_name():
    return conf.OTP_TOTP_ISSUER


def secret_of(device):
    """The key as the base32 text that authenticator apps accept."""
    return b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(device, title):
    # Inline SVG: the QR code never leaves the server, no image host involved.
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=title, dark="#000", light="#fff"
    )


def new_recovery_codes(user):
    """Replace the user's recovery codes; return the new ones (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="kody-zapasowe", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
