"""Language versions: the English section page (Wagtail i18n) and the partner list."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from ratusz.demo import cooperation as demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_with_pages():
    from ratusz.demo import pages as pages_demo

    pages_demo.load()
    demo.load()


def test_demo_creates_the_english_section_once(site_with_pages):
    from wagtail.models import Page

    english = Page.objects.filter(locale__language_code="en", slug="world-region-people")
    assert english.count() == 1 and english.get().live
    demo.load()
    assert Page.objects.filter(locale__language_code="en").count() == 2  # home + section


def test_english_section_page_with_english_register(client, site_with_pages):
    # The real URLconf and middleware: Wagtail's pages under i18n_patterns, LocaleMiddleware.
    response = client.get("/en/world-region-people/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text(strip=True) == "World, region, people"
    text = soup.main.get_text(" ", strip=True)
    assert "Memberships:" in text and "Partners abroad:" in text
    assert "Membership ends" in text
    # The Polish page stays Polish at its unprefixed address.
    polish = client.get("/swiat-region-ludzie/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Partnerzy za granicą:" in polish.content.decode()


def test_partner_list_links_every_language(client, site_with_pages):
    soup = BeautifulSoup(client.get("/wspolpraca/partnerzy/de/").content, "html.parser")
    assert soup.html["lang"] == "de"
    links = {a["hreflang"] for a in soup.select(".coop-langs a")}
    assert links == {code for code, _name in settings.LANGUAGES}
    text = soup.main.get_text(" ", strip=True)
    assert "Friedek-Mistek" in text and "Tschechien" in text


@pytest.mark.parametrize(
    ("language", "heading", "label"),
    [
        ("de", "Partnerschaft: Friedek-Mistek", "Zusammenarbeit seit"),
        ("cs", "Partnerství: Frýdek-Místek", "Spolupráce od"),
        ("en", "Partnership: Frýdek-Místek", "Cooperation since"),
    ],
)
def test_partnership_page_in_the_partners_languages(
    client, site_with_pages, language, heading, label
):
    response = client.get(f"/wspolpraca/partnerstwa/frydek-mistek/{language}/")
    assert response.status_code == 200 and response["Content-Language"] == language
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == heading
    assert label in soup.main.get_text(" ", strip=True)
    # The city's own records stay Polish, and say so to screen readers.
    activity = soup.select_one(".coop-list h3")
    assert activity is not None and activity["lang"] == "pl"
    links = {a["hreflang"]: a["href"] for a in soup.select(".coop-langs a")}
    assert links["pl"] == "/wspolpraca/partnerstwa/frydek-mistek/"
    assert links["cs"] == "/wspolpraca/partnerstwa/frydek-mistek/cs/"


def test_partner_list_leads_to_the_partnership_in_the_same_language(client, site_with_pages):
    soup = BeautifulSoup(client.get("/wspolpraca/partnerzy/cs/").content, "html.parser")
    hrefs = [a["href"] for a in soup.select(".coop-list h2 a")]
    assert "/wspolpraca/partnerstwa/frydek-mistek/cs/" in hrefs


@pytest.mark.parametrize("language", ["pl", "fr", "xx"])
def test_partnership_page_in_other_languages_is_not_found(client, site_with_pages, language):
    assert client.get(f"/wspolpraca/partnerstwa/frydek-mistek/{language}/").status_code == 404


def test_polish_and_english_section_link_each_other_not_the_alias_home(client, site_with_pages):
    polish = client.get("/swiat-region-ludzie/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/world-region-people/"' in polish, polish[:3000]
    assert 'lang="en">English</a>' in polish
    english = client.get("/en/world-region-people/").content.decode()
    assert '<html lang="en"' in english and 'hreflang="pl"' in english
    assert "Skip to content" in english and "Przejdź do treści" not in english
    # the English home is an alias of the Polish one (Polish text): no switch to it
    home = client.get("/").content.decode()
    assert 'hreflang="en"' not in home and ">English</a>" not in home
