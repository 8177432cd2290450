"""Screenshots of the admin's screens for docs/editors.md (Chromium, 1366 px).

    .venv/bin/python scripts/admin_screenshots.py --url http://127.0.0.1:8000

Run it against a demo portal whose database this shell's settings reach (the
same DATABASE_URL and DJANGO_SETTINGS_MODULE as the server): it creates the
signed-in clerk of tests/browser/test_admin_polish.py (password and TOTP) and
writes docs/img/admin-*.png.
"""

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.test_admin_polish import sign_in  # noqa: E402

OUT = ROOT / "docs" / "img"


class Portal:
    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def url(self, path="/"):
        return self.base_url + path

    def shell(self, code):
        subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    portal = Portal(args.url)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = browser.new_page(locale="pl-PL", viewport={"width": 1366, "height": 800})
        sign_in(page, portal)

        page.goto(portal.url("/admin/"))
        page.screenshot(path=OUT / "admin-dashboard.png")

        page.goto(portal.url("/admin/snippets/alerts/announcement/"))
        page.screenshot(path=OUT / "admin-alert-list.png")

        # A CAP import as a dry run: the job's page with its report, then the list.
        page.goto(portal.url("/admin/komunikaty/import/"))
        page.set_input_files("#id_file", str(ROOT / "tests/data/cap/examples/DE_dwd.xml"))
        page.check("#id_dry_run")
        page.locator("main form [type=submit]").first.click()
        page.wait_for_url("**/admin/zadania/*/")
        page.wait_for_timeout(3000)
        page.reload()
        page.screenshot(path=OUT / "admin-job.png", full_page=True)
        page.goto(portal.url("/admin/zadania/"))
        page.screenshot(path=OUT / "admin-jobs.png")

        page.goto(portal.url("/admin/snippets/alerts/announcement/add/"))
        page.select_option("#id_kind", "water")
        page.select_option("#id_level", "orange")
        page.fill("#id_headline", "Przerwa w dostawie wody: Piasek")
        page.screenshot(path=OUT / "admin-alert-form.png")
        page.locator("[aria-controls$='zaawansowane_cap-content']").click()
        page.wait_for_timeout(300)
        heading = page.locator("[id$='zaawansowane_cap-heading']")
        heading.evaluate("(e) => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=OUT / "admin-alert-cap.png")

        page.get_by_role("tab", name="Obszar").click()
        area = page.locator(".ratusz-area-map__map")
        area.scroll_into_view_if_needed()
        box = area.bounding_box()
        for dx, dy in [(330, 90), (520, 110), (560, 250), (380, 290)]:
            page.mouse.click(box["x"] + dx, box["y"] + dy)
        page.get_by_role("button", name="Zamknij obszar").click()
        page.locator(".ratusz-area-map").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        page.screenshot(path=OUT / "admin-alert-area.png")
        browser.close()


if __name__ == "__main__":
    main()
