"""A resident on a phone (390 px), with the keyboard alone: submits a project
(draft → support link → supports → submit) and then votes, district first. Every page
fits the screen (no sideways scroll), passes axe-core and asks no other host."""

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests
from tests.budget.helpers import pesel_for, years_ago

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
EDITION = "mbo-2028"
SUPPORTS = 3
SETUP = f"""
from datetime import timedelta
from django.utils import timezone
from ratusz.budget.models import Edition
from tests.budget.voting.factory import make_voting_edition
t = timezone.localdate()
Edition.objects.filter(slug="{EDITION}").update(
    submissions_start=t - timedelta(days=5), submissions_end=t + timedelta(days=30),
    required_supports={SUPPORTS})
if not Edition.objects.filter(slug="glosowanie-telefon").exists():
    make_voting_edition(slug="glosowanie-telefon")
"""


@pytest.fixture
def phone(browser, portal):
    portal.shell(SETUP)
    context = browser.new_context(locale="pl-PL", viewport=PHONE)
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    page.set_default_timeout(15000)
    yield page
    context.close()


def tab_to(page, selector, limit=250):
    """Press Tab until the focused element matches ``selector`` (keyboard reachability)."""
    for _i in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"{selector} not reachable with Tab")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def fits(page, portal):
    """No sideways scroll at 390 px, axe-core clean, nothing from another host."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url}: {width}px wide"
    assert_accessible(page)
    assert_no_external_requests(page, portal)


def press_and_wait(page, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state("networkidle")


def test_submission_supports_submit_and_a_vote_by_keyboard_on_a_phone(phone, portal):
    page = phone
    page.goto(portal.url(f"/budzet-obywatelski/{EDITION}/zglos/"))
    page.wait_for_load_state("networkidle")
    assert page.locator(".budget-steps").is_visible()
    fits(page, portal)

    # 1. The draft: the pool chosen with the arrow keys, the rest typed.
    tab_to(page, "#id_pool")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#id_pool") != ""
    type_into(page, "#id_title", "Ławki przy skwerze")
    type_into(page, "#id_description", "Sześć ławek z oparciem przy skwerze.")
    type_into(page, "#id_justification", "Seniorzy nie mają gdzie odpocząć.")
    type_into(page, "#id_location_text", "ul. Powstańców 1, Mysłowice")  # an address
    type_into(page, "#id_cost_1_name", "Ławki")
    type_into(page, "#id_cost_1_amount", "12 000")
    type_into(page, "#id_cost_2_name", "Montaż")
    type_into(page, "#id_cost_2_amount", "1500,50")
    assert page.inner_text("[data-cost-total]") == "13\u00a0500,50\u00a0zł"  # running total
    # More rows than the form shows: "Dodaj pozycję" adds one and moves the focus into it.
    for _row in range(2):
        tab_to(page, "[data-cost-add]")
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "cost_5_name"
    page.keyboard.type("Tabliczka")
    page.keyboard.press("Tab")
    page.keyboard.type("499,50")
    assert page.inner_text("[data-cost-total]") == "14\u00a0000,00\u00a0zł"
    type_into(page, "#id_author_name", "Anna Nowak")
    type_into(page, "#id_author_email", "anna@example.org")
    type_into(page, "#id_author_birth_date", years_ago(40).strftime("%d.%m.%Y"))
    tab_to(page, "#id_privacy_accepted")
    page.keyboard.press("Space")
    tab_to(page, "button[value=draft]")
    press_and_wait(page)
    assert "/moj-projekt/" in page.url, page.inner_text("main")[:1500]
    assert "Poparcie: 0 z 3 wymaganych" in page.inner_text("main")
    fits(page, portal)
    mine = page.url.split("?")[0]
    support_url = page.input_value("#support-link")

    # 2. Three residents support it through the shared link.
    for serial in range(SUPPORTS):
        page.goto(support_url)
        type_into(page, "#id_name", f"Osoba {serial}")
        type_into(page, "#id_pesel", pesel_for(years_ago(30 + serial), serial=500 + serial))
        tab_to(page, "#id_privacy_accepted")
        page.keyboard.press("Space")
        tab_to(page, "main form button[type=submit]")
        press_and_wait(page)
        assert "poparcie zostało zapisane" in page.inner_text("main")
    fits(page, portal)

    # 3. The count is complete: submitting is now the primary button.
    page.goto(mine)
    assert "Poparcie jest kompletne" in page.inner_text("main")
    assert page.locator("button[value=submit]").get_attribute("class") == "button"
    assert page.input_value("#id_cost_3_name") == "Tabliczka"  # stored without the gaps
    type_into(page, "#id_author_birth_date", years_ago(40).strftime("%d.%m.%Y"))
    tab_to(page, "#id_privacy_accepted")
    page.keyboard.press("Space")
    tab_to(page, "button[value=submit]")
    press_and_wait(page)
    assert "Złożony, czeka na ocenę formalną" in page.inner_text("main")
    fits(page, portal)

    # 4. The vote: the district first (radios), then only its pools.
    page.goto(portal.url("/budzet-obywatelski/glosowanie/glosowanie-telefon/"))
    assert page.locator("form.ballot fieldset").count() == 1
    fits(page, portal)
    tab_to(page, "input[name=dzielnica]")
    page.keyboard.press("Space")
    tab_to(page, "form.ballot button[type=submit]")
    press_and_wait(page)
    assert "dzielnica=" in page.url
    assert page.locator("form.ballot legend", has_text="Larysz").count() == 0
    fits(page, portal)
    tab_to(page, 'form.ballot fieldset:first-of-type input[type="checkbox"]')
    page.keyboard.press("Space")
    tab_to(page, "#id_name")
    page.keyboard.type("Anna Nowak")
    page.keyboard.press("Tab")
    page.keyboard.type(pesel_for(years_ago(40), serial=888))
    tab_to(page, "#id_resident")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_to(page, "form.ballot button[type=submit]")
    press_and_wait(page)
    assert "/karta/" in page.url
    assert "Twój głos został zapisany" in page.inner_text("main")
    fits(page, portal)
