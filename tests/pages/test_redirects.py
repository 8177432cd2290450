"""One address per thing: an address a page had keeps leading to it.

Wagtail's redirects app records the old address when an editor renames or
moves a page (with its subpages); the page cache must not keep serving the
old answer. Editors can add their own redirects in Ustawienia → Przekierowania.
"""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_a_renamed_page_and_its_subpages_keep_their_old_addresses(
    client, demo_site, settings, django_capture_on_commit_callbacks
):
    settings.RATUSZ_PAGE_CACHE_SECONDS = 60  # as in production: the old answer was cached
    assert client.get("/swiat-region-ludzie/wspolpraca-z-innymi-miastami/").status_code == 200
    section = Page.objects.get(slug="swiat-region-ludzie", locale__language_code="pl").specific
    section.slug = "wspolpraca-i-partnerzy"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail records it on commit
        section.save_revision().publish()

    response = client.get("/swiat-region-ludzie/")
    assert response.status_code == 301
    assert response["Location"].endswith("/wspolpraca-i-partnerzy/")
    response = client.get("/swiat-region-ludzie/wspolpraca-z-innymi-miastami/")
    assert response.status_code == 301
    assert response["Location"].endswith("/wspolpraca-i-partnerzy/wspolpraca-z-innymi-miastami/")
    assert client.get(response["Location"]).status_code == 200


def test_an_editors_redirect_to_an_app_address(client, demo_site):
    Redirect.objects.create(old_path="/partnerzy", redirect_link="/wspolpraca/partnerzy/pl/")
    response = client.get("/partnerzy/")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/wspolpraca/partnerzy/pl/")
