"""A Polish clerk's walk through the admin: no framework English, no True/False.

The clerk signs in with a password and a TOTP code (the real second step),
then opens every screen the sidebar offers, the first object of each listing,
the page explorer and editor (with a validation error), the dashboard and the
alert form. Each screen's text (text nodes, and the attributes read aloud or
shown) must hold none of the framework's English words and no boolean shown as
True/False; sidebar labels must not be cut off. Failures name the screen and
the words, so one run lists everything left to translate.
"""

import json
import re

import pytest

from tests.browser.helpers import assert_no_external_requests

pytestmark = pytest.mark.browser

USER, PASSWORD = "urzedniczka", "Ratusz-Mysłowice-urzędniczka-2026"
TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key

CREATE_CLERK = f"""
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
User = get_user_model()
User.objects.filter(username={USER!r}).delete()
user = User.objects.create_superuser({USER!r}, 'urzedniczka@example.invalid', {PASSWORD!r},
    first_name='Anna', last_name='Nowak')
TOTPDevice.objects.create(user=user, name='telefon', confirmed=True, key={TOTP_KEY!r})
"""

# The framework's and libraries' English that reaches a Polish admin screen.
ENGLISH = re.compile(
    r"\b(True|False|None|Save|Save Selected|Delete|Cancel|Edit|Search|Toggle\b.*|Why not"
    r"|upload one now|create one now|Go to the first error|could not be saved"
    r"|created and published|updated and published|This data explained|Keyboard shortcuts"
    r"|Images|Documents|Pages|Snippets|Settings|Dashboard|Choose|Select an? |Loading"
    r"|Sort by|Filter|Show more|Close|Actions|Draft|Live|Add|Preview|Publish"
    r"|Moderators approval|approval|Moderation|Checks|Readability|Layout|Grid layout"
    r"|Usage count|Compare|Saved|Autosave|account|Skip to|Application|Text editing"
    r"|No results|There are no|item|items|Workflow|Page|Usage|Views)\b"
)
BOOLEAN = re.compile(r"(^|[\s:>(])(True|False)($|[\s,.<)])")

# Text a clerk meets: text nodes (also visually hidden ones a screen reader
# reads, and closed menus and dialogs) and the attributes read aloud or shown;
# content the clerk typed in another language is marked with lang and left
# out, and so are elements with the hidden attribute (a counter's stand-in
# text, replaced before it is shown).
SCREEN_TEXT = """() => {
  const polish = (el) => { const l = el.closest('[lang]'); return !l || l.lang.toLowerCase().startsWith('pl'); };
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest('script, style, noscript, template, textarea, [contenteditable=true], [hidden]')) continue;
    if (!polish(el)) continue;
    const text = walker.currentNode.textContent.trim();
    if (text) parts.push(text);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt], input[type=submit], button[value]')) {
    if (!polish(el) || el.closest('template')) continue;
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) if (el.getAttribute(name)) parts.push(el.getAttribute(name));
  }
  parts.push(document.title);
  return parts;
}"""

# Sidebar labels whose text is wider than their box (shown cut with "…").
CUT_LABELS = """() => Array.from(document.querySelectorAll('.sidebar-menu-item__link .menuitem-label'))
  .filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent.trim())"""

ADMIN_LINK = re.compile(r'"(/admin/[^"?#\s]*)"')
OBJECT_LINK = re.compile(r"/admin/.+/(edit|\d+)/$")


def totp_now():
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(TOTP_KEY), step=30, t0=0, digits=6):06d}"


def sign_in(page, portal):
    portal.shell(CREATE_CLERK)
    page.goto(portal.url("/admin/login/"))
    page.fill("#id_username", USER)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "dwuetapowe/weryfikacja" in page.url or "/admin/" in page.url
    page.goto(portal.url("/admin/dwuetapowe/weryfikacja/"))
    page.fill("input[name=token]", totp_now())
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "dwuetapowe" not in page.url, page.content()[:500]


def english_on(page):
    found = set()
    for text in page.evaluate(SCREEN_TEXT):
        for match in ENGLISH.finditer(text):
            found.add(match.group(0).strip()[:60])
        if BOOLEAN.search(text):
            found.add(f"boolean: {text[:60]}")
    return sorted(found)


def _menu_links(page):
    props = page.locator("#wagtail-sidebar-props").text_content() or ""
    return sorted(
        {link.replace("\\/", "/") for link in ADMIN_LINK.findall(props.replace("\\/", "/"))}
    )


def _first_object_link(page):
    for href in page.locator("main a[href]").evaluate_all(
        "(as) => as.map((a) => a.getAttribute('href'))"
    ):
        if href and OBJECT_LINK.search(href) and "/pages/" not in href and "/delete/" not in href:
            return href
    return None


@pytest.fixture(scope="module")
def walk(portal, browser):
    """Screen → English words found, over one walk of the admin's screens."""
    context = browser.new_context(locale="pl-PL", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    found, cut = {}, {}

    def look(name):
        words = english_on(page)
        if words:
            found[name] = words

    page.goto(portal.url("/admin/login/"))
    look("logowanie")
    sign_in(page, portal)

    page.goto(portal.url("/admin/"))
    look("pulpit")
    menu = _menu_links(page)
    # The sidebar expanded, as a clerk sees it on a wide screen.
    labels = page.evaluate(CUT_LABELS)
    if labels:
        cut["pasek boczny"] = labels

    screens = [link for link in menu if "logout" not in link and link != "/admin/"]
    screens += ["/admin/pages/", "/admin/account/", "/admin/images/multiple/add/"]
    visited = set()
    for path in screens:
        if path in visited:
            continue
        visited.add(path)
        response = page.goto(portal.url(path))
        if response is None or response.status >= 400:
            found[path] = [f"HTTP {response.status if response else '?'}"]
            continue
        look(path)
        link = _first_object_link(page)
        if link and link not in visited:
            visited.add(link)
            page.goto(portal.url(link))
            look(link)

    # The page explorer and the editor of the home page's first child.
    page.goto(portal.url("/admin/pages/"))
    explore = page.locator("a[href*='/admin/pages/'][href$='/']").evaluate_all(
        "(as) => as.map((a) => a.getAttribute('href')).filter((h) => /\\/admin\\/pages\\/\\d+\\/$/.test(h))"
    )
    if explore:
        page.goto(portal.url(explore[-1]))
        look(explore[-1])
    edit = page.locator("a[href*='/edit/']").first.get_attribute("href")
    page.goto(portal.url(edit))
    look(edit)
    # A validation error: the title emptied, then "save draft".
    page.fill("#id_title", "")
    with page.expect_navigation():
        page.locator("button[name=action-draft], button[type=submit]").first.click()
    look(edit + " (błąd walidacji)")

    # The alert form, new.
    page.goto(portal.url("/admin/snippets/alerts/announcement/add/"))
    look("formularz komunikatu")
    assert_no_external_requests(page, portal)
    context.close()
    return found, cut, visited


def test_the_walk_covers_the_main_screens(walk):
    _, _, visited = walk
    for expected in ("/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/snippets/"):
        assert any(path.startswith(expected) for path in visited), expected
    assert len(visited) >= 25, sorted(visited)


def test_no_english_words_or_booleans_on_admin_screens(walk):
    found, _, _ = walk
    assert not found, "\n".join(
        f"{screen}: {json.dumps(words, ensure_ascii=False)}" for screen, words in found.items()
    )


def test_sidebar_labels_are_not_cut(walk):
    _, cut, _ = walk
    assert not cut, cut
