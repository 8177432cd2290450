"""The shell in Chromium: page tools, print, contrast, axe-core, keyboard."""

import re

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser

ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"
SHELL_PAGES = [
    "/",
    "/swiat-region-ludzie/",
    ARTICLE,
    "/aktualnosci/",
    "/aktualnosci/sesja-rady-miasta-listopad-2026/",
    "/kontakt/",
    "/deklaracja-dostepnosci/",
]


def article_font_size(page):
    return page.eval_on_selector(
        "article .rich-text p", "el => parseFloat(getComputedStyle(el).fontSize)"
    )


@pytest.mark.parametrize("path", SHELL_PAGES)
def test_axe_finds_no_violations(page, portal, path):
    page.goto(portal.url(path))
    assert_accessible(page)
    assert_no_external_requests(page, portal)


def test_contact_form_with_errors_is_accessible(page, portal):
    page.goto(portal.url("/kontakt/"))
    page.get_by_role("button", name="Wyślij wiadomość").click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert_accessible(page)


def test_plus_and_minus_keys_resize_text_and_survive_navigation(page, portal):
    page.goto(portal.url(ARTICLE))
    base = article_font_size(page)
    page.keyboard.press("+")
    page.keyboard.press("+")
    larger = article_font_size(page)
    assert larger > base
    assert "Rozmiar tekstu" in page.inner_text("[data-page-tools-status]")
    page.goto(portal.url("/aktualnosci/sesja-rady-miasta-listopad-2026/"))
    assert article_font_size(page) == larger
    page.keyboard.press("-")
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert article_font_size(page) < base
    assert page.context.cookies() == []


def test_keys_ignored_while_typing(page, portal):
    page.goto(portal.url(ARTICLE))
    base = article_font_size(page)
    page.fill("#site-search-q", "")
    page.focus("#site-search-q")
    page.keyboard.type("+-+")
    assert article_font_size(page) == base
    assert page.input_value("#site-search-q") == "+-+"


def test_page_tools_row_works_by_keyboard(page, portal):
    page.goto(portal.url(ARTICLE))
    base = article_font_size(page)
    page.focus('[data-action="larger"]')
    page.keyboard.press("Enter")
    assert article_font_size(page) > base
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "smaller"
    page.keyboard.press("Space")
    assert article_font_size(page) == base
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.classList.contains('contrast')")
    assert page.get_attribute('[data-action="contrast"]', "aria-pressed") == "true"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "print"


def test_contrast_switch_persists_and_is_accessible(page, portal):
    page.goto(portal.url(ARTICLE))
    page.click('[data-action="contrast"]')
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    page.goto(portal.url("/"))
    assert page.evaluate("document.documentElement.classList.contains('contrast')")
    assert_accessible(page)


def test_print_media_hides_navigation_and_spells_out_links(page, portal):
    page.goto(portal.url(ARTICLE))
    page.emulate_media(media="print")
    for selector in [".main-nav", ".site-footer", ".page-tools", ".site-header"]:
        assert page.eval_on_selector(selector, "el => getComputedStyle(el).display") == "none"
    after = page.eval_on_selector("main .notice a", "el => getComputedStyle(el, '::after').content")
    assert re.search(r"/wspolpraca/", after)


def test_without_javascript_the_page_reads_well(browser, portal):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portal.url(ARTICLE))
    assert page.is_hidden("[data-page-tools]")
    assert "Górnośląskiego Związku Metropolitalnego" in page.inner_text("main")
    context.close()
