"""Chromium: ballots of every kind, the receipt and the results pass axe-core, stay on our
host, and a resident can vote with the keyboard alone."""

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests
from tests.budget.helpers import pesel_for, years_ago

pytestmark = pytest.mark.browser

SLUG = "glosowanie-przegladarka"
SETUP = f"""
from ratusz.budget.models import Edition
from tests.budget.voting.factory import make_voting_edition
if not Edition.objects.filter(slug="{SLUG}").exists():
    make_voting_edition(slug="{SLUG}")
"""
VOTE = f"/budzet-obywatelski/glosowanie/{SLUG}/"


DISTRICT = (
    "from ratusz.budget.models import Pool; "
    f"print(Pool.objects.get(edition__slug='{SLUG}', slug='%s').district_id)"
)


def district_of(portal, slug):
    return portal.shell(DISTRICT % slug).strip().splitlines()[-1]


@pytest.fixture(scope="module")
def ballot_page(portal):
    """The ballot after the first step, for the Piasek district (approval pool first)."""
    portal.shell(SETUP)
    return portal.url(f"{VOTE}?dzielnica={district_of(portal, 'piasek')}")


def test_the_district_step_is_accessible_and_leads_to_the_ballot(portal, page, ballot_page):
    page.goto(portal.url(VOTE))
    assert page.locator("form.ballot input[type=radio][name=dzielnica]").count() >= 2
    assert_accessible(page)
    page.locator("form.ballot input[name=dzielnica]").first.check()
    with page.expect_navigation():
        page.click("form.ballot button[type=submit]")
    assert "dzielnica=" in page.url and page.locator("form.ballot fieldset").count() >= 3


def test_ballot_with_every_kind_is_accessible(portal, page, ballot_page):
    # Larysz: its pool is choose-one (radios); the others are the city's and themes'.
    response = page.goto(portal.url(f"{VOTE}?dzielnica={district_of(portal, 'larysz')}"))
    assert response.status == 200
    for kind in ('input[type="checkbox"]', 'input[type="radio"]', "select", 'input[type="number"]'):
        assert page.locator(f"form.ballot fieldset {kind}").count() > 0
    assert_accessible(page)
    assert_no_external_requests(page, portal)


def test_refused_ballot_shows_accessible_errors(portal, page, ballot_page):
    page.goto(ballot_page)
    page.locator("form.ballot button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".error-summary").count() == 1
    assert "Wybierz co najmniej jeden projekt." in page.locator(".error-summary").inner_text()
    assert_accessible(page)


def tab_to(page, selector, limit=120):
    """Press Tab until the focused element matches ``selector`` (keyboard reachability)."""
    for _i in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"{selector} not reachable with Tab")


def test_vote_by_keyboard_alone_then_receipt_and_verification(portal, page, ballot_page):
    page.goto(ballot_page)
    # Approval pool (Piasek, the first fieldset): two projects with Space.
    tab_to(page, 'form.ballot fieldset:first-of-type input[type="checkbox"]')
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    # Ranked pool: three places chosen in the selects with the arrow keys.
    selects = page.locator(
        "form.ballot select[name$='_r1'], form.ballot select[name$='_r2'], form.ballot select[name$='_r3']"
    )
    for i in range(3):
        name = selects.nth(i).get_attribute("name")
        tab_to(page, f"select[name='{name}']")
        for _step in range(i + 1):
            page.keyboard.press("ArrowDown")
    # Cumulative pool: 3 points typed into the first field.
    first_points = page.locator("form.ballot input[type=number]").first.get_attribute("name")
    tab_to(page, f"input[name='{first_points}']")
    page.keyboard.type("3")
    tab_to(page, "#id_name")
    page.keyboard.type("Anna Nowak")
    page.keyboard.press("Tab")
    page.keyboard.type(pesel_for(years_ago(40), serial=777))
    tab_to(page, "#id_resident")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_to(page, "form.ballot button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/karta/**")
    assert "Twój głos został zapisany" in page.locator("main").inner_text()
    number = page.locator(".receipt-number").inner_text()
    assert_accessible(page)
    assert_no_external_requests(page, portal)
    # The verification page finds the ballot by its number, again by keyboard.
    page.goto(portal.url(f"/budzet-obywatelski/glosowanie/{SLUG}/sprawdz/"))
    assert_accessible(page)
    tab_to(page, "#id_number")
    page.keyboard.type(number)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/karta/{number}/")
    assert "Karta ważna" in page.locator("main").inner_text()


def test_results_page_is_accessible_and_local(portal, page):
    response = page.goto(portal.url("/budzet-obywatelski/wyniki/mbo-2027/"))
    assert response.status == 200
    assert page.locator("svg.chart").count() >= 1
    assert page.locator("table caption").count() >= 3
    assert_accessible(page)
    assert_no_external_requests(page, portal)
