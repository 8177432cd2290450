"""The map and the layer tables in Chromium: axe-core, no other host, it works."""

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser


def test_map_page(portal, page):
    page.goto(portal.url("/sit/"))
    # districts (15) and another collection drawn from the portal's own OGC API
    page.locator("path.gis-f-dzielnice").nth(14).wait_for(state="attached")
    assert_accessible(page)
    assert_no_external_requests(page, portal)
    assert any("/ogcapi/collections/dzielnice/items" in url for url in page.requested_urls)

    # click a district: its attributes appear beside the map
    page.locator("path.gis-f-dzielnice").first.dispatch_event("click")
    page.wait_for_selector("#gis-details table")
    assert "nazwa" in page.inner_text("#gis-details")
    assert "#" in page.get_attribute("#gis-permalink", "href")

    # on the focused map, + zooms the map and leaves the page's text size alone
    size_before = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    page.focus("#gis-map")
    page.keyboard.press("+")
    page.wait_for_timeout(400)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == size_before
    assert "#13/" in page.get_attribute("#gis-permalink", "href")  # fitted to the city: 12

    # the layer switcher works by keyboard
    box = page.locator("#layer-dzielnice")
    box.focus()
    page.keyboard.press("Space")
    assert not box.is_checked()
    assert "dzielnice" not in page.get_attribute("#gis-permalink", "href").split("/")[-1]

    # search by parcel id zooms to the parcel and lists it
    page.fill("#gis-q", "247001_1.0001.3/2")
    page.press("#gis-q", "Enter")
    page.wait_for_selector("#gis-results button")
    assert "247001_1.0001.3/2" in page.inner_text("#gis-results")
    # the district's popup from the click above has gone with its layer; axe must
    # not read it while it fades out (CI once caught it half-transparent)
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert_accessible(page)


def test_permalink_restores_the_view(portal, page):
    page.goto(portal.url("/sit/#17/50.20035/19.15768/dzialki-demo"))
    page.locator("path.gis-f-dzialki-demo").first.wait_for(state="attached")
    assert page.locator("#layer-dzialki-demo").is_checked()
    assert not page.locator("#layer-dzielnice").is_checked()


def test_layer_table_pages(portal, page):
    for path in ("/sit/warstwy/dzielnice/", "/sit/warstwy/dzialki-demo/?q=247001_1.0001.2"):
        page.goto(portal.url(path))
        assert page.locator("table.table tbody tr").count() > 0
        assert_accessible(page)
        assert_no_external_requests(page, portal)


def test_ogc_api_html_pages(portal, page):
    for path in (
        "/ogcapi/?f=html",
        "/ogcapi/collections?f=html",
        "/ogcapi/collections/dzielnice?f=html",
        "/ogcapi/collections/dzielnice/items?f=html",
        "/ogcapi/collections/dzielnice/items/piasek?f=html",
        "/ogcapi/api.html",
    ):
        page.goto(portal.url(path))
        assert_accessible(page)
