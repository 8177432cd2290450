import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/zalatw-sprawe/",
        "/zalatw-sprawe/odpis-aktu-stanu-cywilnego/",
        "/zalatw-sprawe/urzad/",
        "/zalatw-sprawe/urzad/urzad-stanu-cywilnego/",
        "/zalatw-sprawe/odpis-aktu-stanu-cywilnego/druk/",
    ],
)
def test_service_pages_accessible(page, portal, path):
    page.goto(portal.url(path))
    assert_accessible(page)
    assert_no_external_requests(page, portal)


def test_catalogue_filter_by_keyboard(page, portal):
    page.goto(portal.url("/zalatw-sprawe/"))
    page.focus("#services-q")
    page.keyboard.type("dowód")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=**")
    assert "Wydanie dowodu osobistego" in page.inner_text("main")
