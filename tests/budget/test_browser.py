"""Chromium: the budget's public pages pass axe-core, stay on our host, work by keyboard."""

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser

OPEN_PHASE = (
    "from datetime import timedelta; from django.utils import timezone; "
    "from ratusz.budget.models import Edition; t = timezone.localdate(); "
    "Edition.objects.filter(slug='mbo-2028').update("
    "submissions_start=t - timedelta(days=5), submissions_end=t + timedelta(days=30))"
)
FIRST_ADMITTED = (
    "from ratusz.budget.models import Project; "
    "p = Project.objects.filter(edition__slug='mbo-2027', status='admitted')"
    ".exclude(location_lon=None).first(); print(p.get_absolute_url())"
)


@pytest.fixture(scope="module")
def project_path(portal):
    portal.shell(OPEN_PHASE)
    return portal.shell(FIRST_ADMITTED).strip().splitlines()[-1]


def check(page, portal, path, status=200):
    response = page.goto(portal.url(path))
    assert response.status == status, path
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    assert_no_external_requests(page, portal)


@pytest.mark.parametrize(
    "path",
    [
        "/budzet-obywatelski/",
        "/budzet-obywatelski/mbo-2027/",
        "/budzet-obywatelski/projekty/",
        "/budzet-obywatelski/projekty/?edition=mbo-2027&status=admitted&cost_min=1000",
        "/budzet-obywatelski/mbo-2027/listy/",
        "/budzet-obywatelski/mbo-2027/mapa/",
        "/budzet-obywatelski/mbo-2028/formularz-papierowy/",
        "/budzet-obywatelski/mbo-2028/zglos/",
    ],
)
def test_page_is_accessible_and_local(portal, page, project_path, path):
    check(page, portal, path)


def test_project_page_with_map(portal, page, project_path):
    check(page, portal, project_path)
    page.wait_for_selector("#budget-map.leaflet-container")
    assert page.locator("#budget-map .leaflet-interactive").count() == 1
    assert "Historia i decyzje" in page.locator("main").inner_text()


def test_submission_errors_by_keyboard_are_accessible(portal, page, project_path):
    page.goto(portal.url("/budzet-obywatelski/mbo-2028/zglos/"))
    page.focus("#id_title")
    page.keyboard.type("Ławki")
    page.fill("#id_cost_1_name", "Ławki")
    page.fill("#id_cost_1_amount", "100")
    page.focus("button[value=draft]")  # a fresh form has one button: the draft
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    text = summary.inner_text()
    assert "Kosztorys" in text or "Pula" in text
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page)
    assert_no_external_requests(page, portal)


LISTS_LATER = (
    "from datetime import timedelta; from django.utils import timezone; "
    "from ratusz.budget.models import Edition; "
    "Edition.objects.filter(slug='mbo-2028').update("
    "lists_published_on=timezone.localdate() + timedelta(days=30))"
)


def test_lists_before_their_day_show_the_date_and_no_project(portal, page, project_path):
    portal.shell(LISTS_LATER)
    check(page, portal, "/budzet-obywatelski/mbo-2028/listy/")
    assert "Listy projektów zostaną opublikowane" in page.locator("main .notice").inner_text()
    assert page.locator("main table").count() == 0
    # Published lists of the edition before: a table per pool, each project linked.
    check(page, portal, "/budzet-obywatelski/mbo-2027/listy/")
    assert page.locator("main .notice").count() == 0
    assert page.locator("main table").count() >= 1
    assert page.locator("main table th[scope=row] a").count() >= 1


MAKE_DRAFT = (
    "from decimal import Decimal; from ratusz.budget.models import Edition, Project; "
    "from ratusz.budget.services import token_hash; e = Edition.objects.get(slug='mbo-2028'); "
    "Project.objects.get_or_create(draft_token_hash=token_hash('test-przegladarki'), defaults=dict("
    "edition=e, pool=e.pools.get(slug='miasto'), title='Szkic z testu', description='Opis', "
    "justification='', author_name='Test', author_email='t@example.org', cost=Decimal('5000')))"
)


def test_author_page_and_support_form_with_errors(portal, page, project_path):
    portal.shell(MAKE_DRAFT)
    check(page, portal, "/budzet-obywatelski/moj-projekt/test-przegladarki/")
    support_url = page.locator("#support-link").input_value()
    assert support_url.startswith(portal.base_url)
    check(page, portal, support_url[len(portal.base_url) :])
    page.fill("#id_name", "Jan Kowalski")
    page.fill("#id_pesel", "12345678901")
    page.check("#id_privacy_accepted")
    with page.expect_navigation():
        page.click("main form.budget-form button[type=submit]")
    assert "nieprawidłowy" in page.locator("#id_pesel_errors").inner_text()
    assert_accessible(page)


def test_clicking_the_map_fills_the_coordinates(portal, page, project_path):
    page.goto(portal.url("/budzet-obywatelski/mbo-2028/zglos/"))
    page.wait_for_selector("#budget-pick-map.leaflet-container")
    assert page.locator("#budget-pick-map path.leaflet-interactive").count() == 15
    page.locator("#budget-pick-map").click()
    lat = page.input_value("#id_location_lat")
    lon = page.input_value("#id_location_lon")
    assert lat.startswith("50,") and lon.startswith("19,"), (lat, lon)
