import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    # The test profile turns the requirement off for other apps' admin tests.
    settings.RATUSZ_ADMIN_2FA_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    cache.clear()
    yield
    cache.clear()


PASSWORD = "długie-hasło-do-testów-2026"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        "urzednik", "urzednik@example.invalid", PASSWORD
    )


def totp_now(device):
    from django_otp.oath import TOTP

    return TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()


def code_of(device):
    return f"{totp_now(device):0{device.digits}d}"


@pytest.fixture
def verified(client):
    """Sign a user in with a confirmed TOTP device, as the second step does."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def sign_in(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="t", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return sign_in
