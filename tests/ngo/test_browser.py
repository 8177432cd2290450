"""Chromium: axe-core finds nothing on the NGO pages; no request leaves the portal."""

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser

PAGES = [
    "/ngo/",
    "/ngo/organizacje/",
    "/ngo/organizacje/stowarzyszenie-przemsza-razem/",
    "/ngo/konkursy/",
    "/ngo/konkursy/kultura-fizyczna-2026/",
    "/ngo/konkursy/aktywni-seniorzy/",
    "/ngo/male-granty/",
    "/ngo/program-wspolpracy/",
    "/ngo/kalendarz/",
    "/ngo/organizacje/zglos/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible(portal, page, path):
    response = page.goto(portal.url(path))
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert_no_external_requests(page, portal)


def test_resolved_competition_shows_results_table(portal, page):
    page.goto(portal.url("/ngo/konkursy/kultura-fizyczna-2026/"))
    table = page.locator("#wyniki + .table-wrap table")
    assert table.locator("tbody tr").count() == 4
    assert "166\u00a0500,00\u00a0zł" in table.locator("tfoot").inner_text()


def test_registration_errors_by_keyboard(portal, page):
    page.goto(portal.url("/ngo/organizacje/zglos/"))
    page.fill("#id_name", "Stowarzyszenie Klawiaturowe")
    page.fill("#id_nip", "8567346216")
    page.focus("#id_nip")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form from a text field
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "błędną cyfrę kontrolną" in summary.inner_text()
    assert page.locator("#id_nip").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    assert_no_external_requests(page, portal)


def test_directory_filter_by_keyboard(portal, page):
    page.goto(portal.url("/ngo/organizacje/"))
    page.select_option("#id_area", "18")
    page.focus("#id_q")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    text = page.locator("main").inner_text()
    assert "Przystań dla Łap" in text and "Orlik Brzęczkowice" not in text
    assert_accessible(page)


def test_forms_for_proposals_comments_and_unsubscribing(portal, page):
    page.goto(portal.url("/ngo/organizacje/stowarzyszenie-przemsza-razem/zmiany/"))
    assert_accessible(page)
    page.goto(portal.url("/ngo/male-granty/"))
    page.locator("main h2:has-text('Można zgłaszać uwagi') + ul a").first.click()
    page.wait_for_load_state()
    assert page.locator("form textarea").count() == 1  # the comment form is open
    assert_accessible(page)
    token = (
        portal.shell(
            "from ratusz.ngo.models import Organisation; from ratusz.ngo.views import unsubscribe_token; "
            "print(unsubscribe_token(Organisation.objects.get(slug='stowarzyszenie-przemsza-razem')))"
        )
        .strip()
        .splitlines()[-1]
    )
    page.goto(portal.url(f"/ngo/powiadomienia/wypisz/{token}/"))
    assert_accessible(page)
    assert_no_external_requests(page, portal)


def test_registration_map_click_fills_the_seat(portal, page):
    page.goto(portal.url("/ngo/organizacje/zglos/"))
    page.wait_for_selector("[data-pick-point].leaflet-container")
    assert page.locator("[data-pick-point] path.leaflet-interactive").count() >= 1  # districts
    page.locator("[data-pick-point]").click()
    lat, lon = page.input_value("#id_latitude"), page.input_value("#id_longitude")
    assert lat.startswith("50,") and lon.startswith("19,"), (lat, lon)
    assert_no_external_requests(page, portal)
