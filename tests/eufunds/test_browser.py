"""Chromium: the register's pages pass axe-core, stay on our host and work by keyboard."""

import re

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser

LIST = "/fundusze-europejskie/"


def project_urls(portal, page):
    page.goto(portal.url(LIST))
    hrefs = page.locator("table.eu-projects tbody th a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(hrefs) >= 5
    return hrefs


@pytest.mark.parametrize("query", ["", "?fund=EFRR&year=2025", "?year=kiedys"])
def test_list_is_accessible_and_local(portal, page, query):
    response = page.goto(portal.url(LIST + query))
    assert response.status == (400 if "kiedys" in query else 200)
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    assert_no_external_requests(page, portal)


def test_project_pages_and_map_are_accessible_and_local(portal, page):
    urls = project_urls(portal, page)
    for path in [*urls, "/fundusze-europejskie/mapa/"]:
        response = page.goto(portal.url(path))
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() == 1
        assert_accessible(page)
        assert_no_external_requests(page, portal)


def test_map_draws_every_listed_project(portal, page):
    page.goto(portal.url("/fundusze-europejskie/mapa/"))
    page.wait_for_selector("#eu-map.leaflet-container")
    listed = page.locator("table tbody tr").count()
    assert listed >= 3
    assert page.locator("#eu-map path.leaflet-interactive").count() == listed
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Przybliż"


def test_filters_work_by_keyboard(portal, page):
    page.goto(portal.url(LIST))
    page.focus("#id_fund")
    page.keyboard.press("ArrowDown")  # the first fund after "wszystkie": EFRR
    page.focus("#id_year")
    page.keyboard.type("2025")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"fund=EFRR"))
    assert "year=2025" in page.url
    funds = page.locator("table.eu-projects tbody td:nth-child(2)").all_inner_texts()
    assert funds and all("EFRR" in text for text in funds)
