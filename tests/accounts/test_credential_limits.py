"""Forms that check a secret outside the login backend are rate-limited too."""

import pytest
from django.core import mail
from wagtail.models import Page, PageViewRestriction

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits_on(settings):
    settings.RATUSZ_RATELIMIT_ENABLED = True


def test_page_password_guessing_is_stopped_before_the_right_one(client, limits_on):
    root = Page.objects.get(depth=1).get_children().first()
    restriction = PageViewRestriction.objects.create(
        page=root, restriction_type=PageViewRestriction.PASSWORD, password="tajne-hasło"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{root.pk}/"
    for n in range(10):
        response = client.post(url, {"password": f"zgaduję-{n}", "return_url": "/"})
        assert response.status_code == 200
    response = client.post(url, {"password": "tajne-hasło", "return_url": "/"})
    assert response.status_code == 429
    assert "Zbyt wiele żądań" in response.content.decode()
    # Another address is not affected.
    response = client.post(
        url, {"password": "tajne-hasło", "return_url": "/"}, REMOTE_ADDR="198.51.100.2"
    )
    assert response.status_code == 302


def test_password_reset_cannot_flood_one_inbox(client, staff, limits_on):
    sent = []
    for n in range(30):
        response = client.post(
            "/admin/password_reset/",
            {"email": staff.email},
            REMOTE_ADDR=f"198.51.100.{n + 1}",  # many addresses: the e-mail limit holds
        )
        sent.append(response.status_code)
    assert len(mail.outbox) == 3
    assert sent.count(429) == 27


def test_password_reset_limited_per_address(client, staff, limits_on):
    codes = [
        client.post("/admin/password_reset/", {"email": f"ktos{n}@example.invalid"}).status_code
        for n in range(6)
    ]
    assert codes[:5] == [302] * 5 and codes[5] == 429


def test_login_still_works_under_the_limits(client, staff, limits_on):
    response = client.post("/admin/login/", {"username": "urzednik", "password": PASSWORD})
    assert response.status_code == 302
