"""The admin needs a second factor: TOTP or a one-time recovery code."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ratusz.accounts import twofactor

from .conftest import PASSWORD, code_of

pytestmark = pytest.mark.django_db

ENROL = "/admin/dwuetapowe/konfiguracja/"
VERIFY = "/admin/dwuetapowe/weryfikacja/"
CONFIRM = "/admin/dwuetapowe/potwierdz/"
CODES = "/admin/dwuetapowe/kody-zapasowe/"


def sign_in(client, username="urzednik", password=PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_admin_is_unreachable_after_password_alone(client, staff):
    sign_in(client)
    for path in ["/admin/", "/admin/pages/", "/admin/snippets/", "/django-admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(ENROL)
    assert client.post("/admin/pages/", {}).status_code == 302
    # What the second-factor screens themselves load stays reachable.
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200


def test_enrolment_shows_inline_qr_and_secret_then_gives_recovery_codes(client, staff):
    sign_in(client)
    page = client.get(ENROL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "http" not in html.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org", ""
    )
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert twofactor.secret_of(device) in html

    wrong = client.post(ENROL, {"token": "000000" if code_of(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "Kod jest nieprawidłowy" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    done = client.post(ENROL, {"token": code_of(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<code>(\w+)</code>", done.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200


def test_wrong_totp_code_is_refused_and_right_one_admits(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="t", confirmed=True)
    sign_in(client)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    # An attacker with the password alone cannot enrol a device of their own.
    assert client.get(ENROL)["Location"].startswith(VERIFY)

    right = code_of(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302

    response = client.post(VERIFY, {"token": right, "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_recovery_code_works_exactly_once(client, staff):
    TOTPDevice.objects.create(user=staff, name="t", confirmed=True)
    codes = twofactor.new_recovery_codes(staff)
    sign_in(client)
    assert client.post(VERIFY, {"token": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()

    client.post("/admin/logout/")
    sign_in(client)
    assert client.post(VERIFY, {"token": codes[0]}).status_code == 400
    assert client.get("/admin/").status_code == 302
    assert client.post(VERIFY, {"token": codes[1]}).status_code == 302


def test_next_cannot_point_to_another_host(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="t", confirmed=True)
    sign_in(client)
    response = client.post(VERIFY, {"token": code_of(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_verified_user_replaces_recovery_codes_from_the_account_page(verified, staff):
    client = verified(staff)
    old = twofactor.new_recovery_codes(staff)
    assert "/admin/dwuetapowe/kody-zapasowe/" in client.get("/admin/account/").content.decode()
    # The verified session alone is not enough: the current code is asked again.
    asked = client.get("/admin/dwuetapowe/kody-zapasowe/")
    assert asked.status_code == 302 and asked["Location"].startswith(CONFIRM)
    assert client.post("/admin/dwuetapowe/kody-zapasowe/").status_code == 302
    assert StaticToken.objects.filter(token__in=old).count() == 10
    device = TOTPDevice.objects.get(user=staff)
    assert client.post(CONFIRM, {"token": "000000"}).status_code == 400
    confirmed = client.post(CONFIRM, {"token": code_of(device), "next": CODES})
    assert confirmed["Location"] == CODES
    assert client.get(CODES).status_code == 200
    page = client.post(CODES)
    new = re.findall(r"<code>(\w+)</code>", page.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_removing_a_second_factor_asks_for_the_current_code(verified, staff, settings):
    client = verified(staff)
    device = TOTPDevice.objects.get(user=staff)
    delete = f"/django-admin/otp_totp/totpdevice/{device.pk}/delete/"
    for response in (client.get(delete), client.post(delete, {"post": "yes"})):
        assert response.status_code == 302
        assert response["Location"].startswith(CONFIRM)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    client.post(CONFIRM, {"token": code_of(device)})
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_the_confirmation_expires(verified, staff):
    import time_machine

    client = verified(staff)
    device = TOTPDevice.objects.get(user=staff)
    with time_machine.travel("2026-03-02 09:00 +0000", tick=False) as traveller:
        client.post(CONFIRM, {"token": code_of(device)})
        assert client.get(CODES).status_code == 200
        traveller.shift(301)
        assert client.get(CODES).status_code == 302
