"""A password alone opens no private content: restricted pages and documents
need the verified second factor, like the admin."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from .conftest import PASSWORD, code_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_page(demo_site):
    page = Page.objects.get(url_path__endswith="/kontakt/").specific
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page.url


@pytest.fixture
def private_document(settings, tmp_path):
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = str(tmp_path)
    collection = Collection.get_first_root_node().add_child(name="Wewnętrzne")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document(title="Notatka", collection=collection)
    document.file.save("notatka.txt", ContentFile(b"poufne"), save=True)
    return document.url


def password_only(client):
    response = client.post("/admin/login/", {"username": "urzednik", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    return client


def test_password_only_session_does_not_read_a_restricted_page(client, staff, restricted_page):
    password_only(client)
    response = client.get(restricted_page)
    assert response.status_code == 302
    assert "login" in response["Location"] or "dwuetapowe" in response["Location"]


def test_password_only_session_does_not_read_a_private_document(client, staff, private_document):
    password_only(client)
    response = client.get(private_document)
    assert response.status_code == 302


def test_verified_session_reads_both(client, staff, restricted_page, private_document):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=staff, name="t", confirmed=True)
    password_only(client)
    client.post("/admin/dwuetapowe/weryfikacja/", {"token": code_of(device)})
    assert client.get(restricted_page).status_code == 200
    assert client.get(private_document).status_code == 200


def test_frontend_login_form_is_no_way_around_the_second_factor(client, staff, restricted_page):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=staff, name="t", confirmed=True)
    # The restriction sends a visitor to Wagtail's front-end login...
    to_login = client.get(restricted_page)
    assert to_login["Location"].startswith("/_util/login/")
    # ...which no longer takes a password: it leads to the second factor.
    response = client.post(to_login["Location"], {"username": "urzednik", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    step = client.get(to_login["Location"])
    assert step["Location"].startswith("/admin/dwuetapowe/weryfikacja/")
    login = client.get(step["Location"])  # anonymous: the admin's login first
    assert login["Location"].startswith("/admin/login/")
    signed = client.post(
        login["Location"], {"username": "urzednik", "password": PASSWORD}, follow=False
    )
    assert signed["Location"].startswith("/admin/dwuetapowe/weryfikacja/")
    back = client.post(signed["Location"], {"token": code_of(device)})
    assert back["Location"] == restricted_page
    assert client.get(restricted_page).status_code == 200
