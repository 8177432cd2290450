"""Chromium: the register's public pages pass axe-core and stay on our host."""

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser

PAGES = [
    "/swiat-region-ludzie/",
    "/wspolpraca/",
    "/wspolpraca/organizacje/gornoslaski-zwiazek-metropolitalny/",
    "/wspolpraca/partnerstwa/frydek-mistek/",
    "/wspolpraca/mapa/",
    "/wspolpraca/partnerzy/en/",
    "/wspolpraca/partnerstwa/frydek-mistek/de/",
    "/wspolpraca/partnerstwa/enzkreis/cs/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_and_local(portal, page, path):
    response = page.goto(portal.url(path))
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    assert_no_external_requests(page, portal)


def test_section_page_shows_today_and_recent_history_in_brief(portal, page):
    page.goto(portal.url("/swiat-region-ludzie/"))
    today, recent = page.locator("main .coop-summary").all()
    assert "Górnośląsko-Zagłębiowska Metropolia" in today.inner_text()
    assert "Górnośląski Związek Metropolitalny" not in today.inner_text()
    assert "28 grudnia 2017" in recent.inner_text()
    # The register itself is one click away, by keyboard too.
    recent.get_by_role("link", name="Cała historia współpracy w rejestrze").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/wspolpraca/#coop-history")
    assert "Oś czasu" in page.locator("#coop-history").inner_text()


def test_map_draws_every_listed_partner(portal, page):
    page.goto(portal.url("/wspolpraca/mapa/"))
    page.wait_for_selector("#coop-map.leaflet-container")
    labels = page.locator("#coop-map .leaflet-tooltip").all_inner_texts()
    listed = page.locator("table tbody th").all_inner_texts()
    assert all(any(name in label for label in labels) for name in listed)
    assert len(labels) == page.locator("#coop-map path.leaflet-interactive").count()
    # Keyboard: the zoom buttons are reachable and labelled in Polish.
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Przybliż"


def test_day_form_works_by_keyboard(portal, page):
    page.goto(portal.url("/wspolpraca/"))
    page.fill("#id_day", "2010-05-01")
    page.focus("#id_day")
    page.keyboard.press("Enter")  # implicit submission from the field
    page.wait_for_url("**day=2010-05-01**")
    assert "Stan na 1 maja 2010" in page.locator(".coop-today h2").inner_text()
