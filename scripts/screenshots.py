"""Contact sheet of every public page type at a phone's and a laptop's width.

    make screenshots                          # its own demo portal, then the sheet
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000   # a running one

Crawls the portal from its home page (one URL per page type, as the browser
survey does: tests/browser/crawl.py), takes a full-page PNG of each at 390×844
and 1366×768 in Chromium, and writes var/screenshots/index.html: one page with a
thumbnail of every shot linking to the full PNG. Look at it before a change to
templates or CSS lands (docs/development.md).
"""

import argparse
import html
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WIDTHS = [(390, 844), (1366, 768)]
MAX_HEIGHT = 6000  # a very long list is cut there; the sheet is for looking, not archiving


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_portal(workdir):
    """A demo portal on SQLite in workdir (as the browser tests run it)."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ratusz.settings.browser",
            "DATABASE_URL": f"sqlite:///{workdir / 'portal.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
        }
    )
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    print("Przygotowuję portal demonstracyjny…", flush=True)
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    log = open(workdir / "server.log", "w")
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base_url + "/robots.txt", timeout=2)
            return server, base_url
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise SystemExit((workdir / "server.log").read_text()) from None
            time.sleep(0.3)


def slug(key):
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:80] or "home"


def wait_for_maps(page):
    """Maps draw after load; the city's base map after its archive is read."""
    page.wait_for_timeout(300)
    if page.locator(".leaflet-container").count():
        try:
            page.locator(".leaflet-container.has-basemap").first.wait_for(timeout=5000)
        except Exception:  # a map of Europe draws no base map: shoot it as it is
            pass
        page.wait_for_timeout(1200)


README_SHOTS = [
    # (file in docs/img, path, width, height)
    ("demo-home.png", "/", 1366, 900),
    ("demo-map.png", "/sit/#15/50.24200/19.13300/dzielnice,punkty-adresowe-demo", 1366, 768),
]


def shoot_readme(base_url):
    """The README's pictures: the home page and the map on the city's base map."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("RATUSZ_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, path, width, height in README_SHOTS:
            context = browser.new_context(
                locale="pl-PL", viewport={"width": width, "height": height}
            )
            page = context.new_page()
            page.goto(base_url + path, wait_until="load")
            wait_for_maps(page)
            page.screenshot(path=ROOT / "docs" / "img" / name)
            print(f"docs/img/{name}")
            context.close()
        browser.close()


def shoot(base_url, out):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusz.settings.browser")
    django.setup()
    from playwright.sync_api import sync_playwright

    from tests.browser.crawl import crawl

    types = crawl(base_url)
    print(f"{len(types)} typów stron", flush=True)
    chromium = os.environ.get("RATUSZ_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for width, height in WIDTHS:
            context = browser.new_context(
                locale="pl-PL", viewport={"width": width, "height": height}
            )
            page = context.new_page()
            for key, path in sorted(types.items()):
                name = f"{slug(key)}-{width}.png"
                page.goto(base_url + path, wait_until="load")
                wait_for_maps(page)
                full = page.evaluate("document.documentElement.scrollHeight")
                clip = {"x": 0, "y": 0, "width": width, "height": MAX_HEIGHT}
                page.screenshot(
                    path=out / name, full_page=True, clip=clip if full > MAX_HEIGHT else None
                )
                rows.append((key, path, width, name))
            context.close()
        browser.close()
    return types, rows


def write_sheet(out, base_url, types, rows):
    by_key = {}
    for key, _path, width, name in rows:
        by_key.setdefault(key, {})[width] = name
    items = []
    for key, path in sorted(types.items()):
        shots = "".join(
            f'<a href="{html.escape(by_key[key][w])}"><img src="{html.escape(by_key[key][w])}" '
            f'alt="{html.escape(path)} — {w} px" loading="lazy" class="w{w}"></a>'
            for w, _h in WIDTHS
            if w in by_key.get(key, {})
        )
        items.append(
            f"<li><h2>{html.escape(key)}</h2>"
            f'<p><a href="{html.escape(base_url + path)}">{html.escape(path)}</a></p>'
            f'<div class="shots">{shots}</div></li>'
        )
    page = f"""<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><title>Ratusz — arkusz zrzutów</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1rem; color: #1b1f24; }}
ul {{ list-style: none; padding: 0; display: grid; gap: 1.5rem;
     grid-template-columns: repeat(auto-fill, minmax(34rem, 1fr)); }}
h2 {{ font-size: 0.9rem; margin: 0; word-break: break-all; }}
p {{ margin: 0.2rem 0 0.5rem; font-size: 0.85rem; }}
.shots {{ display: flex; gap: 0.5rem; align-items: flex-start; }}
img {{ border: 1px solid #c9d2dc; object-fit: cover; object-position: top; height: 22rem; }}
img.w390 {{ width: 10rem; }} img.w1366 {{ width: 23rem; }}
</style></head><body>
<h1>Arkusz zrzutów: {len(types)} typów stron, szerokości {", ".join(str(w) for w, _ in WIDTHS)} px</h1>
<p>Miniatura pokazuje górę strony; kliknij, aby zobaczyć całą.</p>
<ul>{"".join(items)}</ul></body></html>"""
    (out / "index.html").write_text(page, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running portal (otherwise a demo portal is started)")
    parser.add_argument("--out", default=str(ROOT / "var" / "screenshots"))
    parser.add_argument(
        "--readme", action="store_true", help="only the README's pictures (docs/img/demo-*.png)"
    )
    args = parser.parse_args()
    if args.readme:
        with tempfile.TemporaryDirectory(prefix="ratusz-shots-") as tmp:
            server, base_url = (None, args.url.rstrip("/")) if args.url else start_portal(Path(tmp))
            try:
                shoot_readme(base_url)
            finally:
                if server is not None:
                    server.terminate()
                    server.wait(timeout=10)
        return
    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    server = None
    with tempfile.TemporaryDirectory(prefix="ratusz-shots-") as tmp:
        if args.url:
            base_url = args.url.rstrip("/")
        else:
            server, base_url = start_portal(Path(tmp))
        try:
            types, rows = shoot(base_url, out)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)
    write_sheet(out, base_url, types, rows)
    print(f"Arkusz zrzutów: {out / 'index.html'} ({len(rows)} zrzutów)")


if __name__ == "__main__":
    main()
