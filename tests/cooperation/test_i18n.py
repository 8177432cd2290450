"""Language versions: the English section page (Wagtail i18n) and the partner list."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from ratusz.cooperation import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_with_pages():
    from ratusz.pages import demo as pages_demo

    pages_demo.load()
    demo.load()


@pytest.fixture
def i18n_urls(settings):
    settings.ROOT_URLCONF = "tests.cooperation.i18n_urls"
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.middleware.common.CommonMiddleware"),
        "django.middleware.locale.LocaleMiddleware",
    )
    settings.MIDDLEWARE = middleware


def test_demo_creates_the_english_section_once(site_with_pages):
    from wagtail.models import Page

    english = Page.objects.filter(locale__language_code="en", slug="world-region-people")
    assert english.count() == 1 and english.get().live
    demo.load()
    assert Page.objects.filter(locale__language_code="en").count() == 2  # home + section


def test_english_section_page_with_english_register(client, site_with_pages, i18n_urls):
    response = client.get("/en/world-region-people/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "World, region, people"
    text = soup.main.get_text(" ", strip=True)
    assert "Local and national level: memberships" in text
    assert "Membership ends" in text
    # The Polish page stays Polish at its unprefixed address.
    polish = client.get("/swiat-region-ludzie/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Poziom lokalny i krajowy: członkostwa" in polish.content.decode()


def test_partner_list_links_every_language(client, site_with_pages):
    soup = BeautifulSoup(client.get("/wspolpraca/partnerzy/de/").content, "html.parser")
    assert soup.html["lang"] == "de"
    links = {a["hreflang"] for a in soup.select(".coop-langs a")}
    assert links == {code for code, _name in settings.LANGUAGES}
    text = soup.main.get_text(" ", strip=True)
    assert "Friedek-Mistek" in text and "Tschechien" in text
