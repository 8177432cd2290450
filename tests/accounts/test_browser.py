"""Chromium: the second-factor screens pass axe-core and work by keyboard."""

import base64
import time

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser

USER, PASSWORD = "dwuetapowy", "Rynek-Mysłowice-2026"


def totp_now(secret):
    from django_otp.oath import totp

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, step=30, t0=0, digits=6):06d}"


def login(page, portal):
    page.goto(portal.url("/admin/login/"))
    page.fill("#id_username", USER)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_enrol_recovery_codes_and_verify_screens(portal, page):
    portal.shell(
        "from django.contrib.auth import get_user_model\n"
        "User = get_user_model()\n"
        f"User.objects.filter(username={USER!r}).delete()\n"
        f"User.objects.create_superuser({USER!r}, 'd@example.invalid', {PASSWORD!r})\n"
    )
    login(page, portal)
    page.goto(portal.url("/admin/dwuetapowe/konfiguracja/"))
    assert page.locator("h1").inner_text() == "Włącz logowanie dwuetapowe"
    assert page.locator(".ratusz-qr svg").count() == 1  # drawn on the server
    assert_accessible(page)
    assert_no_external_requests(page, portal)

    # a wrong code: an error tied to the field, still accessible
    page.fill("input[name=token]", "000000")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("input[name=token]").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    secret = page.locator("code").first.inner_text().strip()
    time.sleep(1.5)  # django-otp throttles the attempt right after a failure
    page.fill("input[name=token]", totp_now(secret))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Kody zapasowe"  # shown once
    codes = page.locator(".ratusz-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)

    # a new session: the verification screen
    page.context.clear_cookies()
    login(page, portal)
    page.goto(portal.url("/admin/dwuetapowe/weryfikacja/"))
    assert page.locator("input[name=token]").count() == 1
    assert_accessible(page)
    # the app's code was used in this 30-s window already: a recovery code, as
    # someone without the phone would
    page.fill("input[name=token]", codes[0])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/admin/" in page.url and "dwuetapowe" not in page.url
    assert "Pozostało kodów: 9" in page.content()
