"""The banner, the list and an announcement page in Chromium (axe-core, keyboard)."""

import json
import time

import pytest

from tests.browser.helpers import assert_accessible, assert_no_external_requests

pytestmark = pytest.mark.browser

# The portal runs in its own process; its banner cache (locmem) refreshes within
# RATUSZ_ALERTS_BANNER_CACHE_SECONDS (10 s), so changes made from here are polled for.
WAIT = 15

CREATE = """
from datetime import timedelta
import json
from django.utils import timezone
from ratusz.alerts.models import Announcement
from ratusz.alerts.publishing import issue
now = timezone.now()
made = {}
for key, level, urgency, minutes in [
    ("Test: czerwony alarm", "red", "Immediate", 600),
    ("Test: pomarańczowe ostrzeżenie", "orange", "Expected", 600),
    ("Test: krótki komunikat", "orange", "Future", %(short)d),
]:
    sev = {"red": "Extreme", "orange": "Severe"}[level]
    ann = Announcement.objects.create(kind="crisis", level=level, severity=sev, urgency=urgency,
        headline=key, description="Komunikat testowy przeglądarki.", whole_city=True,
        effective=now - timedelta(minutes=1), expires=now + timedelta(seconds=minutes))
    made[key] = ann.pk
    issue(ann)
print(json.dumps(made))
"""


def banner_titles(page):
    # text_content: several notices sit folded in a closed <details>, not rendered
    links = page.locator(".alert-banner:not([hidden]) .alert-banner__link")
    return [text.strip() for text in links.all_text_contents()]


def wait_for(page, url, predicate, seconds=WAIT):
    deadline = time.monotonic() + seconds
    while True:
        page.goto(url)
        if predicate(banner_titles(page)):
            return banner_titles(page)
        if time.monotonic() > deadline:
            raise AssertionError(f"banner never matched: {banner_titles(page)}")
        time.sleep(1)


@pytest.fixture
def test_alerts(portal):
    out = portal.shell(CREATE % {"short": 30})
    made = json.loads(out.strip().splitlines()[-1])
    yield made
    ids = list(made.values())
    portal.shell(
        "from ratusz.alerts.models import Announcement\n"
        "from ratusz.alerts.publishing import issue\n"
        f"for a in Announcement.objects.filter(pk__in={ids!r}):\n"
        "    m = a.latest_message()\n"
        "    if m and m.msg_type != 'Cancel': issue(a, 'Cancel')\n"
    )


def test_banner_order_hide_update_and_expiry(portal, page, test_alerts):
    home = portal.url("/")
    red, orange, short = (
        "Test: czerwony alarm",
        "Test: pomarańczowe ostrzeżenie",
        "Test: krótki komunikat",
    )
    titles = wait_for(page, home, lambda t: red in t and orange in t and short in t)
    # most severe first, then by urgency (Immediate before Expected before Future)
    assert titles.index(red) < titles.index(orange) < titles.index(short)
    assert_accessible(page)
    assert_no_external_requests(page, portal)
    assert not [c for c in page.context.cookies() if c["name"] != "csrftoken"]

    # several notices fold into one line naming the most severe; it opens by keyboard
    summary = page.locator("[data-alert-summary]")
    assert red in summary.inner_text() and "CZERWONY" in summary.inner_text().upper()
    assert not page.get_by_role("button", name=f"Ukryj komunikat: {red}").is_visible()
    summary.focus()
    page.keyboard.press("Enter")

    # hide the red one by keyboard; it stays hidden on the next page
    hide = page.get_by_role("button", name=f"Ukryj komunikat: {red}")
    hide.focus()
    page.keyboard.press("Enter")
    assert red not in banner_titles(page)
    page.goto(portal.url("/komunikaty/"))
    assert red not in banner_titles(page) and orange in banner_titles(page)
    assert orange in page.locator("[data-alert-summary]").inner_text()
    assert page.context.cookies() == [] or all(
        c["name"] == "csrftoken" for c in page.context.cookies()
    )

    # an update of the red notice brings it back
    portal.shell(
        "from ratusz.alerts.models import Announcement\n"
        "from ratusz.alerts.publishing import issue\n"
        f"a = Announcement.objects.get(pk={test_alerts[red]})\n"
        "a.update_note = 'Sytuacja się zmieniła.'\n"
        "issue(a, 'Update')\n"
    )
    wait_for(page, home, lambda t: red in t)

    # the short one expires by itself, without an editor
    wait_for(page, home, lambda t: short not in t, seconds=45)
    page.goto(portal.url(f"/komunikaty/{test_alerts[short]}/"))
    assert "zakończony" in page.locator("main").inner_text()


def test_list_and_detail_are_accessible(portal, page):
    page.goto(portal.url("/komunikaty/"))
    assert page.locator("h1").inner_text() == "Komunikaty dot. bezpieczeństwa"
    assert_accessible(page)
    assert_no_external_requests(page, portal)
    page.goto(portal.url("/komunikaty/?archive=on"))
    assert_accessible(page)
    link = page.locator(".alert-list a").first
    link.click()
    page.wait_for_load_state("load")
    assert page.locator("#alert-map.leaflet-container").count() == 1
    assert_accessible(page)
    assert_no_external_requests(page, portal)
    page.goto(portal.url("/komunikaty/subskrypcja/"))
    assert_accessible(page)


FULL_PAGE = """
from datetime import timedelta
from django.utils import timezone
from ratusz.alerts.models import Announcement
from ratusz.alerts.publishing import issue
now = timezone.now()
ann = Announcement.objects.create(kind="flood", level="red", severity="Extreme",
    urgency="Immediate", headline="Test: powódź, ewakuacja", full_page=True,
    description="Komunikat testowy przeglądarki.", instruction="Opuść dom i idź do szkoły nr 1.",
    whole_city=True, effective=now - timedelta(minutes=1), expires=now + timedelta(hours=1))
issue(ann)
print(ann.pk)
"""


def test_full_page_notice_is_accessible_and_closes_by_keyboard(portal, page):
    pk = int(portal.shell(FULL_PAGE).strip().splitlines()[-1])
    try:
        dialog = page.locator("dialog[data-alert-fullpage]")
        deadline = time.monotonic() + WAIT
        while True:
            page.goto(portal.url("/"))
            if dialog.count() and dialog.first.is_visible():
                break
            assert time.monotonic() < deadline, "the full-page notice never opened"
            time.sleep(1)
        assert "Opuść dom" in dialog.first.inner_text()
        # a modal dialog: focus starts inside it
        assert page.evaluate("document.activeElement.closest('dialog') !== null")
        assert_accessible(page)
        assert_no_external_requests(page, portal)
        page.keyboard.press("Escape")
        assert not dialog.first.is_visible()
        # closed once, it stays closed; the banner stays
        page.goto(portal.url("/"))
        assert not dialog.first.is_visible()
        assert "Test: powódź, ewakuacja" in banner_titles(page)
    finally:
        portal.shell(
            "from ratusz.alerts.models import Announcement\n"
            "from ratusz.alerts.publishing import issue\n"
            f"issue(Announcement.objects.get(pk={pk}), 'Cancel')\n"
        )
        # the portal's banner cache keeps it a few seconds more: later tests
        # must not meet a modal dialog
        wait_for(page, portal.url("/"), lambda titles: "Test: powódź, ewakuacja" not in titles)
