"""Every public page type, found by crawling the demo, as a resident sees it.

One pass over one URL per page type (tests/browser/crawl.py) in one browser:
no horizontal scroll from 320 to 1366 px, the heading within a phone's first
screen under three safety notices, axe-core and a computed contrast check of
every text node, no console errors, no framework English on Polish pages and no
placeholder links. Each check is its own test over the shared survey, so a
failure names the check and every page it failed on.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.crawl import crawl
from tests.browser.helpers import assert_no_external_requests, axe_violations, settle

pytestmark = pytest.mark.browser

WIDTHS = [(1366, 768), (768, 1024), (390, 844), (320, 640)]
PHONE = (390, 844)

# Three notices in the banner, as on a bad-weather day: the demo has two.
THIRD_ALERT = """
from datetime import timedelta
from django.utils import timezone
from ratusz.alerts.models import Announcement
from ratusz.alerts.publishing import issue
now = timezone.now()
ann = Announcement.objects.create(kind="crisis", level="orange", severity="Severe",
    urgency="Expected", headline="Test przeglądu: oblodzenie dróg i chodników",
    description="Komunikat testowy przeglądu strony.", whole_city=True,
    effective=now - timedelta(minutes=1), expires=now + timedelta(hours=2))
issue(ann)
print(ann.pk)
"""

# Cancelled (the banner drops it) and deleted (the archive does not list it for
# the tests that run after this one).
CANCEL = """
from ratusz.alerts.models import Announcement
from ratusz.alerts.publishing import issue
ann = Announcement.objects.get(pk=%d)
issue(ann, 'Cancel')
ann.delete()
"""

OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  // name the outermost elements that stick out, to say what to fix
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && r.width > 0 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1)) {
      wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(r.right) + 'px');
      if (wide.length >= 4) break;
    }
  }
  return {scrollWidth: root.scrollWidth, elements: wide};
}"""

# Text colour against the effective background of every visible text node; where a
# background image or gradient is under the text, the colours cannot be computed.
CONTRAST = """() => {
  const parse = (c) => {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const blend = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat([1]);
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none') return null;
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = blend(layers[i], bg);
    return bg;
  };
  const failures = [];
  const done = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || done.has(el) || !node.textContent.trim()) continue;
    done.add(el);
    if (el.closest('script, style, noscript, template, svg, [hidden], [aria-hidden="true"]')) continue;
    const s = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (s.visibility !== 'visible' || rect.width <= 1 || rect.height <= 1 || parseFloat(s.opacity) === 0) continue;
    const bg = background(el);
    const fg0 = parse(s.color);
    if (!bg || !fg0) continue;
    const fg = blend(fg0, bg);
    const l1 = lum(fg), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && parseInt(s.fontWeight, 10) >= 700);
    if (ratio < (large ? 3 : 4.5) - 0.01) {
      failures.push(`"${node.textContent.trim().slice(0, 40)}" ${s.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')}) = ${ratio.toFixed(2)}:1`);
    }
  }
  return failures.slice(0, 8);
}"""

# Text a reader meets in the page's language: text nodes and the attributes read
# aloud or shown, leaving out parts marked in another language (a partner city's
# own name on a Polish page, a Polish notice on an English one).
PAGE_TEXT = """(language) => {
  const polish = (el) => { const l = el.closest('[lang]'); return !l || l.lang.toLowerCase().startsWith(language); };
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (el && !el.closest('script, style, noscript, template') && polish(el)) parts.push(walker.currentNode.textContent);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt], input[type=submit], input[type=button]')) {
    if (!polish(el)) continue;
    for (const name of ['title', 'aria-label', 'placeholder', 'alt']) if (el.hasAttribute(name)) parts.push(el.getAttribute(name));
    if (el.tagName === 'INPUT' && el.value) parts.push(el.value);
  }
  parts.push(document.title);
  return parts.join('\\n');
}"""

# The framework's and libraries' English strings that slip into a Polish page.
ENGLISH = re.compile(
    r"\b(Submit|Search|Next|Previous|True|False|None|Page \d|Show more|Show less|Read more"
    r"|Loading|Close|Back|Download|Sign in|Log in|Login|Logout|Cancel|Save|Delete|Zoom in"
    r"|Zoom out|Required|This field|Select an? |Choose|Clear|Reset|Filter|Sort by|No results"
    r"|Error|undefined|NaN|Toggle|Open in|Full ?screen|Layers)\b"
    r"|\b\d+ of \d+\b"
)
# Stand-ins and machine words that reached a public page ("area_km2 = 1").
TECHNICAL = re.compile(
    r"daty nieznanej|data [a-ząćęłńóśźż]+ nieznana|\b[a-z]+_[a-z0-9_]+\s*=\s*\d"
    r"|Herb lub marka|lorem ipsum|\bTODO\b|\bFIXME\b",
    re.IGNORECASE,
)

# The Polish shell on a page in another language (menu, breadcrumbs, tools, banners).
POLISH_SHELL = re.compile(
    r"\b(Strona główna|Przejdź do treści|Drukuj|Powiększ tekst|Wysoki kontrast|Szukaj"
    r"|Menu główne|Jesteś tutaj|Ukryj|Stopień|Wszystkie komunikaty|Godziny pracy"
    r"|Deklaracja dostępności|Oficjalny serwis miasta)\b"
)
PLACEHOLDER_LINKS = """() => Array.from(document.querySelectorAll('a[href]'))
  .map((a) => a.href).filter((h) => /^https?:\\/\\/([^/]*\\.)?example\\.(org|com|net)\\b/.test(h))"""


def _survey_page(context, path, url):
    page = context.new_page()
    page.set_default_timeout(20000)
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(url, wait_until="load")
    settle(page)
    found = {"path": path, "lang": page.evaluate("document.documentElement.lang")}
    found["axe"] = [
        f"{v['id']}: " + ", ".join(str(n["target"][0]) for n in v["nodes"][:4])
        for v in axe_violations(page)
    ]
    found["contrast"] = page.evaluate(CONTRAST)
    found["text"] = page.evaluate(PAGE_TEXT, found["lang"][:2] or "pl")
    found["placeholder_links"] = page.evaluate(PLACEHOLDER_LINKS)
    found["overflow"] = {}
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(
            "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        wide = page.evaluate(OVERFLOW)
        if wide:
            found["overflow"][width] = wide
        if (width, height) == PHONE:
            page.evaluate("window.scrollTo(0, 0)")
            found["h1"] = page.evaluate(
                """() => { const h = document.querySelector('main h1, h1');
                return h ? Math.round(h.getBoundingClientRect().bottom) : null; }"""
            )
            found["contrast_phone"] = page.evaluate(CONTRAST)
    found["console"] = console
    page.close()
    return found


@pytest.fixture(scope="module")
def survey(portal, browser):
    pk = int(portal.shell(THIRD_ALERT).strip().splitlines()[-1])
    try:
        types = crawl(portal.base_url)
        context = browser.new_context(locale="pl-PL")
        page = context.new_page()
        page.set_default_timeout(20000)
        # the portal's banner cache catches up within seconds
        deadline = time.monotonic() + 20
        while True:
            page.goto(portal.url("/"))
            if page.locator("[data-alert-token]").count() >= 3:
                break
            assert time.monotonic() < deadline, "the third notice never reached the banner"
            time.sleep(1)
        results = {}
        started = time.monotonic()
        for key, path in sorted(types.items()):
            results[key] = _survey_page(context, path, portal.url(path))
        print(f"survey: {len(results)} page types in {time.monotonic() - started:.0f} s")
        context.close()
        yield results
    finally:
        portal.shell(CANCEL % pk)


def _report(failures):
    return "\n" + "\n".join(failures)


def test_the_crawl_finds_the_page_types(survey):
    keys = set(survey)
    for expected in [
        "pl:page:homepage",
        "pl:page:newspage",
        "pl:page:contactpage",
        "pl:budzet-obywatelski/<slug:slug>/projekty/<int:pk>/",
        "pl:ngo/organizacje/",
        "pl:sit/",
        "en:page:sectionpage",
    ]:
        assert expected in keys, sorted(keys)
    assert len(keys) >= 40


def test_no_horizontal_scroll_from_320_to_1366_px(survey):
    failures = [
        f"{r['path']} at {width} px: {wide['scrollWidth']} px wide — {wide['elements']}"
        for r in survey.values()
        for width, wide in r["overflow"].items()
    ]
    assert not failures, _report(failures)


def test_heading_within_a_phones_first_screen_under_three_notices(survey):
    failures = [
        f"{r['path']}: h1 ends at {r['h1']} px"
        for r in survey.values()
        if not r["h1"] or r["h1"] > PHONE[1]
    ]
    assert not failures, _report(failures)


def test_axe_finds_no_violations(survey):
    failures = [f"{r['path']}: {v}" for r in survey.values() for v in r["axe"]]
    assert not failures, _report(failures)


def test_every_text_has_enough_contrast(survey):
    failures = [
        f"{r['path']}: {c}" for r in survey.values() for c in r["contrast"] + r["contrast_phone"]
    ]
    assert not failures, _report(failures)


def test_no_console_errors(survey):
    failures = [f"{r['path']}: {m}" for r in survey.values() for m in r["console"]]
    assert not failures, _report(failures)


def test_no_english_ui_words_on_polish_pages(survey):
    failures = []
    for r in survey.values():
        if not r["lang"].startswith("pl"):
            continue
        for match in ENGLISH.finditer(r["text"]):
            line = next(
                (ln for ln in r["text"].splitlines() if match.group(0) in ln), match.group(0)
            )
            failures.append(f"{r['path']}: {match.group(0)!r} in {line.strip()[:80]!r}")
    assert not failures, _report(failures)


def test_pages_in_other_languages_have_their_shell_in_that_language(survey):
    others = [r for r in survey.values() if not r["lang"].startswith("pl")]
    assert others, "the crawl found no page in another language"
    failures = [
        f"{r['path']} ({r['lang']}): {match.group(0)!r}"
        for r in others
        for match in POLISH_SHELL.finditer(r["text"])
    ]
    assert not failures, _report(failures)


def test_no_placeholder_links_or_technical_text(survey):
    failures = [f"{r['path']}: {link}" for r in survey.values() for link in r["placeholder_links"]]
    failures += [
        f"{r['path']}: {match.group(0)!r}"
        for r in survey.values()
        for match in TECHNICAL.finditer(r["text"])
    ]
    assert not failures, _report(failures)


def test_print_has_issuer_address_full_links_and_no_clock(page, portal):
    page.goto(portal.url("/"))
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    meta = page.locator(".print-meta")
    assert meta.is_visible()
    text = meta.inner_text()
    assert "Urząd Miasta" in text and portal.url("/") in text and "wydrukowano" in text
    # the hero prints dark on white, not white on a background the printer drops
    assert page.eval_on_selector(".hero h2", "el => getComputedStyle(el).color") == "rgb(0, 0, 0)"
    after = page.eval_on_selector(
        "main a[href^='/']", "el => getComputedStyle(el, '::after').content"
    )
    assert portal.base_url in after.replace('" "', "")
    assert page.locator(".alert-banners").is_hidden()

    page.goto(portal.url("/zalatw-sprawe/urzad/biuro-obslugi-mieszkancow/"))
    page.emulate_media(media="print")
    assert page.locator(".open-status").count() and page.locator(".open-status").is_hidden()
    page.emulate_media(media="screen")
    assert page.locator(".print-meta").is_hidden()


def test_maps_have_a_polish_scale_bar_and_the_base_map_source(page, portal):
    page.goto(portal.url("/budzet-obywatelski/mbo-2028/mapa/"))
    page.wait_for_selector(".leaflet-control-scale")
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "Przybliż"
    assert page.get_attribute(".leaflet-control-zoom-out", "title") == "Oddal"
    assert re.search(r"\d+ k?m", page.inner_text(".leaflet-control-scale"))
    page.wait_for_selector(".leaflet-container.has-basemap")
    # the sources are folded under "Źródła danych" (a <details>): read them all
    # a layer's source joins the list when the layer has drawn
    # (a locator's assertion: wait_for_function's polling evaluates a string, which
    # the page's CSP forbids once the first check is false)
    expect(page.locator(".leaflet-control-attribution")).to_contain_text(
        "GUGiK, PRG", timeout=15_000
    )
    assert_no_external_requests(page, portal)
