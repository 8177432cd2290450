"""Chromium: the results page passes axe-core in every state and works by keyboard."""

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser

STATES = [
    "/szukaj/",
    "/szukaj/?q=miasta+partnerskie",
    "/szukaj/?q=kangurzyca",
    "/szukaj/?q=jarmrak",
    "/szukaj/?q=bud%C5%BCet+obywatelski&typ=budget-project&typ=budget&od=2025-01-01&do=2026-12-31",
    "/szukaj/?q=miasto&typ=nie-ma&od=31.02.2026",
]


@pytest.mark.parametrize("path", STATES)
def test_results_page_is_accessible_and_local(portal, page, path):
    response = page.goto(portal.url(path))
    assert response.status in (200, 400)
    assert_accessible(page)
    assert_no_external_requests(page, portal)
    assert not page.context.cookies()


def test_search_by_keyboard_from_the_header(portal, page):
    page.goto(portal.url("/"))
    page.focus("#site-search-q")
    page.keyboard.type("wywoz smieci w Brzeczkowicach")
    page.keyboard.press("Enter")
    page.wait_for_url("**/szukaj/?q=*")
    assert page.locator("h1").inner_text() == "Wyszukiwarka"
    page.fill("#id_q", "skatepark")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=skatepark*")
    first = page.locator(".search-result__title a").first
    assert "Skatepark" in first.inner_text()
    assert first.locator("mark").count() == 1
    first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/budzet-obywatelski/" in page.url


def test_filters_open_by_keyboard(portal, page):
    page.goto(portal.url("/szukaj/?q=miasto"))
    page.focus(".search-filters summary")
    page.keyboard.press("Enter")
    page.check("#typ-cooperation")
    page.click("text=Zastosuj filtry")
    page.wait_for_url("**typ=cooperation*")
    kinds = page.locator(".search-result .meta").all_inner_texts()
    assert kinds and all(k.startswith("Współpraca") for k in kinds)
