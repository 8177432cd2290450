"""Through nginx, as visitors and their browsers see the production stack.

Every public page type reachable from the home page (a bounded crawl) and
every image, rendition, stylesheet and script they use, with and without
compression; the negotiating OGC API in both formats whatever the cache holds;
a publication visible at once; a forged session cookie served from the cache;
the security headers and cookie flags over HTTPS; upload sizes nginx lets
through; /healthz.
"""

import tempfile
import time
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html

pytestmark = pytest.mark.stack

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
GIS_ACCEPT = "application/geo+json, application/json;q=0.9, */*;q=0.1"
MAX_PAGES = 160
PER_SECTION = 3  # pages under the same two first path segments: enough to meet each type
ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"
# An editor's photo on the article, uploaded by the app as production does: the
# page's first render (by Granian) writes the rendition nginx must then serve.
ADD_IMAGE = """
import io
from django.core.files.images import ImageFile
from PIL import Image as Pil
from wagtail.images import get_image_model
from ratusz.pages.models import ArticlePage
buffer = io.BytesIO()
Pil.new("RGB", (640, 400), (40, 120, 200)).save(buffer, "JPEG")
image = get_image_model()(title="Rynek", file=ImageFile(buffer, name="rynek.jpg"))
image.save()
page = ArticlePage.objects.get(slug="wspolpraca-z-innymi-miastami")
page.body.append(("image", {"image": image, "alt": "Rynek w Mysłowicach", "caption": ""}))
page.save_revision().publish()
"""
SKIP = ("/admin/", "/django-admin/", "/static/", "/media/")


def _same_origin(stack, url):
    parts = urlsplit(url)
    return parts.scheme in ("", "https") and parts.netloc in ("", urlsplit(stack.base).netloc)


def _assets(stack, page_url, tree):
    found = set()
    for src in tree.xpath(
        "//img/@src | //script/@src | //link[@rel!='canonical' and @rel!='alternate']/@href"
    ):
        found.add(src)
    for srcset in tree.xpath("//img/@srcset | //source/@srcset"):
        found.update(part.strip().split(" ")[0] for part in srcset.split(",") if part.strip())
    urls = {urljoin(page_url, a) for a in found if a and not a.startswith("data:")}
    return {u for u in urls if _same_origin(stack, u)}


@pytest.fixture(scope="module")
def crawl(stack):
    stack.shell(ADD_IMAGE)
    queue, seen, sections = deque([stack.base + "/"]), set(), Counter()
    pages, assets = {}, set()
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        if len(seen) % 40 == 1:  # a visitor reads a few dozen pages, not the whole site
            client = stack.client(f"127.0.1.{len(seen) // 40 + 1}")
            client.headers["Accept"] = BROWSER_ACCEPT
        response = client.get(url, timeout=60)
        pages[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.headers.get(
            "Content-Type", ""
        ):
            continue
        tree = html.fromstring(response.content)
        assets |= _assets(stack, response.url, tree)
        for href in tree.xpath("//a/@href"):
            target = urljoin(response.url, href).split("#")[0]
            path = urlsplit(target).path
            if not _same_origin(stack, target) or path.startswith(SKIP) or target in seen:
                continue
            section = "/".join(path.strip("/").split("/")[:2])
            if sections[section] >= PER_SECTION:
                continue
            sections[section] += 1
            queue.append(target)
    print(
        f"\ncrawl: {len(pages)} pages, {len(assets)} assets, by status {dict(Counter(pages.values()))}"
    )
    return pages, assets


def test_every_crawled_page_answers(crawl):
    pages, _ = crawl
    assert len(pages) >= 40, pages
    bad = {url: status for url, status in pages.items() if status != 200}
    assert not bad, bad


@pytest.mark.parametrize("encoding", ["gzip, deflate, br", "identity"])
def test_every_image_rendition_and_static_file_is_served_by_nginx(stack, crawl, encoding):
    _, assets = crawl
    client = stack.client("127.0.0.3")
    client.headers["Accept-Encoding"] = encoding
    kinds = Counter(urlsplit(u).path.split("/")[1] for u in assets)
    assert kinds["static"] >= 5 and kinds["media"] >= 1, kinds  # CSS, JS, icons; renditions
    statuses, bad = Counter(), {}
    for url in sorted(assets):
        response = client.get(url, timeout=60)
        statuses[response.status_code] += 1
        if response.status_code != 200 or not response.content:
            bad[url] = response.status_code
        elif "/static/" in url and "immutable" not in response.headers.get("Cache-Control", ""):
            bad[url] = "no long cache"
    print(f"\nassets ({encoding}): {len(assets)}, by status {dict(statuses)}")
    assert not bad, bad


def test_every_collected_static_file_is_readable_by_nginx(stack):
    """All of collectstatic's output, not only what the demo pages link to."""
    root = stack.var / "static"
    client = stack.client("127.0.0.3")
    client.headers["Accept-Encoding"] = "identity"
    files = [p for p in root.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")]
    assert len(files) > 500, len(files)
    statuses = Counter()
    denied = []
    for path in files:
        response = client.head(f"{stack.base}/static/{path.relative_to(root)}", timeout=30)
        statuses[response.status_code] += 1
        if response.status_code != 200:
            denied.append(str(path.relative_to(root)))
    print(f"\nstatic files: {len(files)}, by status {dict(statuses)}")
    assert not denied, (len(denied), denied[:10])


def _collections(stack):
    client = stack.client("127.0.0.4")
    doc = client.get(stack.base + "/ogcapi/collections?f=json", timeout=30).json()
    return [c["id"] for c in doc["collections"]]


@pytest.mark.parametrize("first,second", [("html", "json"), ("json", "html")])
def test_negotiating_endpoints_answer_each_format_after_the_other_warmed_the_caches(
    stack, first, second
):
    accept = {"html": BROWSER_ACCEPT, "json": GIS_ACCEPT}
    collection = _collections(stack)[0]
    # first, second, first: every answer after the first follows the other format
    limit = 2 if first == "html" else 3  # the items page: a URL no one asked for yet
    paths = [
        "/ogcapi/",
        "/ogcapi/collections",
        f"/ogcapi/collections/{collection}",
        f"/ogcapi/collections/{collection}/items?limit={limit}",
        "/ogcapi/conformance",
    ]
    client = stack.client("127.0.0.4")
    wrong = []
    for path in paths:
        for fmt in (first, second, first):
            response = client.get(stack.base + path, headers={"Accept": accept[fmt]}, timeout=30)
            kind = response.headers.get("Content-Type", "")
            ok = response.status_code == 200 and (("html" in kind) == (fmt == "html"))
            if not ok:
                wrong.append(
                    (path, fmt, response.status_code, kind, response.headers.get("X-Cache-Status"))
                )
    assert not wrong, wrong


def test_a_publication_is_visible_at_once_through_both_caches(stack):
    article = ARTICLE
    # The Site's host is localhost: Wagtail's PURGE names it. Another visitor
    # uses the address nginx listens on.
    site = stack.client("127.0.0.5")
    site.headers["Host"] = "localhost"
    plain = stack.client("127.0.0.13")
    for _ in range(3):  # warm nginx and the app cache
        assert site.get(stack.base + article, timeout=30).status_code == 200
        assert plain.get(stack.base + article, timeout=30).status_code == 200
    stamp = f"Sprawdzenie publikacji {time.time_ns()}"
    stack.shell(
        "from ratusz.pages.models import ArticlePage\n"
        "p = ArticlePage.objects.get(slug='wspolpraca-z-innymi-miastami')\n"
        f"p.title = {stamp!r}\n"
        "p.save_revision().publish()"
    )
    # The next request of each already has the change: the app cache is stale
    # from the commit on, nginx's copy lives a second (and PURGE refreshes it).
    for client in (site, plain):
        response = client.get(stack.base + article, timeout=30)
        caches = (response.headers.get("X-Cache-Status"), response.headers.get("X-Ratusz-Cache"))
        assert stamp in response.text, (client.headers.get("Host"), caches)
    log = (stack.dir / "nginx-access.log").read_text()
    assert f'"PURGE {article} HTTP' in log, "nginx never got Wagtail's PURGE"


def test_a_forged_session_cookie_gets_the_cached_page(stack):
    article = ARTICLE
    client = stack.client("127.0.0.6")
    client.get(stack.base + article, timeout=30)
    client.get(stack.base + article, timeout=30)
    hits = []
    for _ in range(5):
        response = client.get(stack.base + article, headers={"Cookie": "sessionid=x"}, timeout=30)
        assert response.status_code == 200
        hits.append(
            response.headers.get("X-Cache-Status") == "HIT"
            or response.headers.get("X-Ratusz-Cache") == "hit"
        )
    assert all(hits), hits


def test_headers_and_cookie_flags_over_https(stack):
    client = stack.client("127.0.0.7")
    page = client.get(stack.base + "/", timeout=30)
    assert page.status_code == 200
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
    hsts = page.headers.get("Strict-Transport-Security", "")
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts, page.headers
    assert page.headers.get("X-Content-Type-Options") == "nosniff"
    assert "Server" not in page.headers or "/" not in page.headers["Server"]  # no version
    assert not page.cookies, "an anonymous visitor gets no cookie"
    # A form page sets only the CSRF cookie, Secure, HttpOnly and SameSite.
    form = client.get(stack.base + "/kontakt/", timeout=30)
    raw = form.raw.headers.getlist("Set-Cookie")
    assert raw and all("csrftoken=" in c for c in raw), raw
    for cookie in raw:
        flags = cookie.lower()
        assert "secure" in flags and "httponly" in flags and "samesite=lax" in flags, cookie
    # Plain HTTP to the app is redirected to HTTPS.
    import requests

    plain = requests.get(stack.app_base + "/", allow_redirects=False, timeout=30)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")


def test_upload_limits_of_nginx_agree_with_the_docs(stack):
    """200 MB layer uploads and 100 MB EU lists pass nginx; elsewhere 25 MB."""
    client = stack.client("127.0.0.8")

    def post(path, megabytes):
        with tempfile.TemporaryFile() as body:  # sparse: no memory, no disk
            body.truncate(megabytes * 1024 * 1024)
            response = client.post(
                stack.base + path,
                data=body,
                headers={"Content-Type": "application/octet-stream"},
                allow_redirects=False,
                timeout=180,
            )
        return response.status_code

    assert post("/admin/snippets/gis/layer/add/", 190) != 413
    assert post("/admin/eufunds/import/", 95) != 413
    assert post("/admin/eufunds/import/", 110) == 413
    assert post("/kontakt/", 30) == 413


def test_healthz_is_cheap_and_never_cached(stack):
    client = stack.client("127.0.0.9")
    first = client.get(stack.base + "/healthz", timeout=10)
    second = client.get(stack.base + "/healthz", timeout=10)
    assert first.status_code == 200, first.text[:300]
    assert second.headers.get("X-Cache-Status") in (None, "BYPASS", "MISS", "EXPIRED")
    assert "no-store" in second.headers.get(
        "Cache-Control", ""
    ) or "no-cache" in second.headers.get("Cache-Control", "")
    assert second.elapsed.total_seconds() < 1.0


def test_one_request_id_in_nginx_and_the_app_log(stack):
    """nginx names each request; the app logs it in its JSON line and sends it back."""
    client = stack.client("127.0.0.12")
    response = client.get(stack.base + "/kontakt/?id-check", timeout=30)
    request_id = response.headers.get("X-Request-ID", "")
    assert len(request_id) == 32, response.headers  # nginx's $request_id
    deadline = time.monotonic() + 5
    while request_id not in (stack.dir / "app.log").read_text(errors="replace"):
        assert time.monotonic() < deadline, "the app's log has no line with nginx's request id"
        time.sleep(0.2)
