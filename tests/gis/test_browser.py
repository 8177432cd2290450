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
    fitted = int(page.get_attribute("#gis-permalink", "href").split("#")[1].split("/")[0])
    page.focus("#gis-map")
    page.keyboard.press("+")
    page.wait_for_timeout(400)
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == size_before
    assert f"#{fitted + 1}/" in page.get_attribute("#gis-permalink", "href")

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


def _console_errors(page):
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_map_in_the_first_screen_on_the_city_base_map(portal, browser, width, height):
    context = browser.new_context(locale="pl-PL", viewport={"width": width, "height": height})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request))
    errors = _console_errors(page)
    page.goto(portal.url("/sit/"))
    # the city's PMTiles base map: canvas tiles drawn by protomaps-leaflet
    page.locator("#gis-map.has-vector-basemap").wait_for()
    page.locator("#gis-map .leaflet-tile-container canvas").first.wait_for(state="attached")
    page.wait_for_timeout(500)
    top = page.evaluate("document.getElementById('gis-map').getBoundingClientRect().top")
    assert top < height - 200, f"the map starts at {top} px on a {height} px screen"
    archive = [r for r in requests if "/media/podklad/miasto.pmtiles" in r.url]
    assert archive and all(r.headers.get("range", "").startswith("bytes=") for r in archive)
    assert all(r.url.startswith(portal.base_url) for r in requests)
    assert page.locator(".leaflet-control-scale-line").inner_text().strip()
    assert page.locator(".leaflet-control-attribution summary").inner_text() == "Źródła danych"
    page.locator(".leaflet-control-attribution summary").click()
    sources = page.inner_text(".leaflet-control-attribution")
    assert "GUGiK, PRG" in sources and "Podkład" in sources
    assert errors == []
    assert_accessible(page)
    context.close()


def test_search_lists_matches_and_popups_stay_in_the_map(portal, browser):
    for width, height in [(1366, 768), (390, 844)]:
        context = browser.new_context(locale="pl-PL", viewport={"width": width, "height": height})
        page = context.new_page()
        errors = _console_errors(page)
        page.goto(portal.url("/sit/"))
        page.fill("#gis-q", "Mikołowska")
        page.press("#gis-q", "Enter")
        page.wait_for_selector("#gis-results button.gis-hit")
        hits = page.locator("#gis-results button.gis-hit")
        assert hits.count() > 2
        assert hits.first.inner_text().startswith("Mikołowska")
        assert "ulica" in hits.first.inner_text()
        hits.nth(1).click()  # an address point: the map zooms to it
        page.wait_for_selector("#gis-details a")
        # a feature's popup fits in the map and clears the zoom buttons
        page.goto("about:blank")
        page.goto(portal.url("/sit/#16/50.2418/19.1345/punkty-adresowe-demo"))
        point = page.locator("path.gis-f-punkty-adresowe-demo").first
        point.wait_for(state="attached")
        point.dispatch_event("click")
        popup = page.locator(".leaflet-popup-content-wrapper")
        popup.wait_for()
        page.wait_for_timeout(600)  # auto-pan
        box = page.locator("#gis-map").bounding_box()
        pop = popup.bounding_box()
        zoom = page.locator(".leaflet-control-zoom").bounding_box()
        assert box["x"] <= pop["x"] and pop["x"] + pop["width"] <= box["x"] + box["width"] + 1
        assert box["y"] <= pop["y"] and pop["y"] + pop["height"] <= box["y"] + box["height"] + 1
        overlap_x = pop["x"] < zoom["x"] + zoom["width"] and zoom["x"] < pop["x"] + pop["width"]
        overlap_y = pop["y"] < zoom["y"] + zoom["height"] and zoom["y"] < pop["y"] + pop["height"]
        assert not (overlap_x and overlap_y), "the zoom buttons cover the popup"
        assert errors == []
        context.close()


def test_high_contrast_map(portal, page):
    page.goto(portal.url("/sit/"))
    page.locator("#gis-map.has-vector-basemap").wait_for()
    page.locator("path.gis-f-dzielnice").first.wait_for(state="attached")
    page.click("[data-action='contrast']")  # the page tools are open at 1280 px
    page.wait_for_timeout(400)
    zoom = page.evaluate(
        "getComputedStyle(document.querySelector('.leaflet-control-zoom-in')).backgroundColor"
    )
    assert zoom == "rgb(0, 0, 0)"
    stroke = page.locator("path.gis-f-dzielnice").first.get_attribute("stroke")
    assert stroke == "#ffff00" or stroke in ("#00ffff", "#ff80ff", "#ffffff", "#66ff66", "#ffb347")
    assert page.locator("#gis-map.has-basemap-dark").count() == 1
    assert_accessible(page)
