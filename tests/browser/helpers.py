"""Assertions for browser tests: axe-core and "no other host"."""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


# Colours read during a CSS transition (a Leaflet popup fading in, a zoom) are
# not the colours a reader sees: wait for finite animations before axe runs.
_SETTLE = """() => Promise.race([
  Promise.all(document.getAnimations()
    .filter((a) => a.effect && Number.isFinite(a.effect.getComputedTiming().endTime))
    .map((a) => a.finished.catch(() => null))),
  new Promise((resolve) => setTimeout(resolve, 3000)),
]).then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))"""


def settle(page):
    """Wait until running CSS animations and transitions have ended (at most 3 s)."""
    page.evaluate(_SETTLE)


def axe_violations(page):
    settle(page)
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return results.response["violations"]


def assert_accessible(page):
    """axe-core (WCAG 2.1 A and AA rules) finds nothing on the page as shown."""
    violations = axe_violations(page)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in v["nodes"][:5]
        )
        for v in violations
    ]
    assert not violations, f"{page.url}: " + "\n".join(summary)


def assert_no_external_requests(page, portal):
    """Every request the page made went to the portal's own host."""
    own = urlsplit(portal.base_url).netloc
    foreign = [
        url
        for url in page.requested_urls
        if urlsplit(url).netloc not in ("", own)
        and not url.startswith(("data:", "blob:", "about:"))
    ]
    assert not foreign, f"{page.url} requested other hosts: {foreign}"
