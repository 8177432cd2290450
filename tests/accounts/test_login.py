"""Lock-out in the portal, password rules, idle logout."""

import pytest
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    validate_password,
)
from django.core.exceptions import ValidationError

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, password, username="urzednik", address="203.0.113.5"):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_account_locked_after_five_failures_in_polish(client, staff):
    for _ in range(5):
        response = attempt(client, "złe-hasło-złe-hasło")
        assert response.status_code == 200
        assert "nieprawidłowe" in response.content.decode()
    # Even the right password is refused now from that address.
    response = attempt(client, PASSWORD)
    text = response.content.decode()
    assert "Zbyt wiele nieudanych prób logowania" in text
    assert "_auth_user_id" not in client.session


def test_owner_on_another_address_signs_in_while_an_attacker_is_locked(client, staff):
    # Five wrong passwords every 15 minutes from one address used to keep the
    # account locked for everyone; now only that address is stopped.
    for _ in range(5):
        attempt(client, "złe-hasło-złe-hasło", address="203.0.113.66")
    assert "Zbyt wiele" in attempt(client, PASSWORD, address="203.0.113.66").content.decode()
    assert attempt(client, PASSWORD, address="198.51.100.1").status_code == 302
    assert "_auth_user_id" in client.session


def test_counters_survive_a_cache_flush(client, staff):
    from django.core.cache import cache

    for _ in range(5):
        attempt(client, "złe-hasło-złe-hasło")
    cache.clear()  # what a Redis restart or outage does to cached counters
    assert "Zbyt wiele" in attempt(client, PASSWORD).content.decode()
    assert "_auth_user_id" not in client.session


def test_counters_do_not_need_the_cache_at_all(client, staff, settings):
    # A cache that forgets everything (Redis down, prodfix makes it a no-op).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for _ in range(5):
        attempt(client, "złe-hasło-złe-hasło")
    assert "Zbyt wiele" in attempt(client, PASSWORD).content.decode()


def test_django_admin_login_is_locked_too(client, staff):
    for _ in range(5):
        attempt(client, "nie-to-hasło-123")
    client.post(
        "/django-admin/login/",
        {"username": "urzednik", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
    )
    assert "_auth_user_id" not in client.session


def test_address_locked_after_twenty_failures_across_accounts(client, staff):
    for n in range(20):
        attempt(client, "cokolwiek-długiego", username=f"ktoś{n}")
    response = attempt(client, PASSWORD)
    assert "Zbyt wiele nieudanych prób logowania" in response.content.decode()
    assert attempt(client, PASSWORD, address="203.0.113.6").status_code == 302


def test_success_resets_the_account_counter(client, staff):
    for _ in range(4):
        attempt(client, "złe-hasło-złe-hasło")
    assert attempt(client, PASSWORD).status_code == 302
    client.post("/admin/logout/")
    for _ in range(4):
        attempt(client, "złe-hasło-złe-hasło")
    assert attempt(client, PASSWORD).status_code == 302


def test_password_rules_length_and_common_list_without_composition():
    with pytest.raises(ValidationError):
        validate_password("Kr0tkie!1")  # 9 characters
    common = sorted(p for p in CommonPasswordValidator().passwords if len(p) >= 12)[0]
    with pytest.raises(ValidationError):
        validate_password(common)
    # Lower-case words only, no digits or symbols: accepted (no composition rules).
    validate_password("zielony most nad przemszą")


def test_admin_session_ends_after_idle_time(client, staff, settings):
    import time_machine
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .conftest import code_of

    settings.RATUSZ_ADMIN_IDLE_SECONDS = 600
    device = TOTPDevice.objects.create(user=staff, name="t", confirmed=True)
    with time_machine.travel("2026-03-02 09:00 +0000", tick=False) as traveller:
        attempt(client, PASSWORD)
        client.post("/admin/dwuetapowe/weryfikacja/", {"token": code_of(device)})
        assert client.get("/admin/").status_code == 200
        traveller.shift(540)
        assert client.get("/admin/").status_code == 200  # activity renews the clock
        traveller.shift(540)
        assert client.get("/admin/").status_code == 200
        traveller.shift(601)
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert "_auth_user_id" not in client.session
