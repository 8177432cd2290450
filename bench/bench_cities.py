"""Many cities in one installation (#24): what the 100th city costs the others.

One SQLite installation (the test settings, an in-process page cache) with
BENCH_CITIES city sites (default 100) beside the default one. The first
BENCH_CITIES_NEWCITY (default 3) are set up by ``ratusz.core.newcity`` (what
``manage.py ratusz_city new`` does: boundary, page tree, identity, roles), on
made-up host names (``miasto-001.localhost``) with the shipped boundaries of
cities with powiat rights; the rest, to keep the run in minutes, directly: a
Site, a home page and the city identity. Every city then gets its own records:
20 article pages, 3 e-service links, a budget edition (one pool, three
projects), two published alerts and a layer of 1,000 parcels
(BENCH_CITIES_PARCELS).

The build runs in a child process; this process is the "worker" that serves:
the production WSGI application (``CachedPagesApp`` around Django) called
directly, no HTTP server. Figures, each against a baseline of the same run:

- requests/s over every city's home and 4 articles (500 URLs at N=100),
  against the same over one city's 5 URLs, uncached (every request rendered)
  and cached (the anonymous page cache warm);
- the worker's RSS after serving every city, against after serving one;
- admin list views' SQL queries with N cities against one city (the build
  counts them before the cities are added), as the provider's administrator and
  as one city's editor;
- after publishing a page in one city, the share of the other cities' cached
  pages still cached (ratio against 1.0: all of them);
- set-up time of a city by newcity, and of ``ratusz_roles`` at N cities.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CITIES = int(os.environ.get("BENCH_CITIES", "100"))
NEWCITY = min(CITIES, int(os.environ.get("BENCH_CITIES_NEWCITY", "3")))
PAGES = 20
SHOWN = 4  # articles per city in the request mix, besides the home page
REQUESTS = int(os.environ.get("BENCH_CITIES_REQUESTS", "1000"))
PARCELS = int(os.environ.get("BENCH_CITIES_PARCELS", "1000"))  # a parcel layer per city
ROUNDS = 3
ADMIN_VIEWS = {
    "pages_root": "/admin/pages/",
    "pages_city": "/admin/pages/{home}/",
    "pages_search": "/admin/pages/search/?q=sprawa",
    "users": "/admin/users/",
    "groups": "/admin/groups/",
    "sites": "/admin/sites/",
    "eservicelinks": "/admin/snippets/core/eservicelink/",
    "budget_editions": "/admin/snippets/budget/edition/",
    "budget_projects": "/admin/snippets/budget/project/",
    "alerts": "/admin/snippets/alerts/announcement/",
    "layers": "/admin/snippets/gis/layer/",
}
# what one city's moderator may open (the rest answer a redirect to the dashboard)
EDITOR_VIEWS = ("pages_city", "pages_search", "eservicelinks")


def _environment(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "ratusz.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["MEDIA_ROOT"] = str(database.parent / "media")
    os.environ["RATUSZ_PRIVATE_MEDIA_ROOT"] = str(database.parent / "private-media")
    for name in ("CACHE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.conf import settings

    # room for every city's pages in the in-process cache (the default keeps 300)
    settings.CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 100_000}


def host(number: int) -> str:
    return f"miasto-{number:03d}.localhost"


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- the build (a child process) -------------------------------------------------------


def _admin_queries(homes: list[int]) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from ratusz.core.models import CityStaff

    users = get_user_model().objects
    boss = users.filter(username="bench-boss").first() or users.create_superuser(
        "bench-boss", password="x"
    )
    editor = users.filter(username="bench-editor").first()
    if editor is None:
        from django.contrib.auth.models import Group

        editor = users.create_user("bench-editor", password="x", is_staff=True)
        site = Site.objects.get(root_page_id=homes[0])
        group = Group.objects.filter(
            name=f"Moderator — {site.site_name}"
        ).first() or Group.objects.get(name="Moderator")
        editor.groups.add(group)
        CityStaff.objects.create(user=editor, site=site)
    counts = {}
    for who, user in (("admin", boss), ("editor", editor)):
        client = Client()
        client.force_login(user)
        for name, path in ADMIN_VIEWS.items():
            if who == "editor" and name not in EDITOR_VIEWS:
                continue
            url = path.format(home=homes[0])
            client.get(url)  # warm: sessions, menus
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            status = response.status_code
            if status != 200:
                status = f"{status} {response.get('Location', '')}"
            counts[f"{who}_{name}"] = (len(queries), status)
    return counts


def _direct_city(number: int, name) -> None:
    from wagtail.models import Page, Site

    from ratusz.core.models import OfficeSettings
    from ratusz.pages.models import HomePage

    root = Page.get_first_root_node()
    home = HomePage(
        title=name.name, slug=f"miasto-{number:03d}", hero_title=f"Serwis miasta {name.name}"
    )
    root.add_child(instance=home)
    site = Site.objects.create(
        hostname=host(number), port=80, root_page=home, site_name=f"{name.name} {number}"
    )
    OfficeSettings.objects.create(
        site=site,
        city_name=name.name,
        city_genitive=name.genitive,
        city_locative=name.locative,
        terc=name.terc,
        office_name=f"Urząd Miasta {name.name}",
        locality=name.name,
    )


def _content(site, number: int) -> None:
    from datetime import date

    from ratusz.core.models import EServiceLink
    from ratusz.pages.models import ArticlePage

    home = site.root_page.specific
    for page in range(PAGES):
        article = ArticlePage(
            title=f"Sprawa {page + 1} miasta {number}",
            slug=f"sprawa-{page + 1}",
            intro="Co urząd robi w tej sprawie i jak ją załatwić.",
            body=[("paragraph", f"<p>Opis sprawy {page + 1}: terminy, dokumenty, opłaty.</p>")],
        )
        home.add_child(instance=article)
    for link in range(3):
        EServiceLink.objects.create(
            site=site,
            label=f"E-usługa {link + 1}",
            url=f"https://{site.hostname}/e-usluga-{link + 1}/",
            valid_from=date(2020, 1, 1),
        )
    # the city's own records of the other apps, as the demo's second city has them:
    # a budget edition (one pool, three projects), two published alerts, a parcel layer
    from ratusz.demo import alerts as demo_alerts
    from ratusz.demo import budget as demo_budget

    demo_budget.load_second_city(site)
    demo_alerts.load_second_city(site)
    _parcels(site, number)


def _parcels(site, number: int) -> None:
    """PARCELS squares of 20 m in a grid near the city's identity point."""
    from ratusz.gis.models import Feature, Layer

    side = 32
    step = 0.0003
    lon0, lat0 = 19.0 + (number % 10) * 0.02, 50.1 + (number // 10) * 0.01
    features = []
    for i in range(PARCELS):
        lon, lat = lon0 + (i % side) * step, lat0 + (i // side) * step
        ring = [
            [lon, lat],
            [lon + step, lat],
            [lon + step, lat + step],
            [lon, lat + step],
            [lon, lat],
        ]
        features.append(
            Feature(
                fid=i + 1,
                geometry={"type": "Polygon", "coordinates": [ring]},
                properties={"numer": f"{i + 1}/{number}"},
                label=f"{i + 1}/{number}",
                min_lon=lon,
                min_lat=lat,
                max_lon=lon + step,
                max_lat=lat + step,
            )
        )
    layer = Layer.objects.create(
        site=site,
        slug="dzialki",
        title="Działki ewidencyjne",
        kind=Layer.KIND_PARCELS,
        label_property="numer",
        attributes=["numer"],
        feature_count=PARCELS,
        min_lon=lon0,
        min_lat=lat0,
        max_lon=lon0 + side * step,
        max_lat=lat0 + (PARCELS // side + 1) * step,
        max_width=step,
        max_height=step,
    )
    for feature in features:
        feature.layer = layer
    Feature.objects.bulk_create(features, batch_size=1000)


def build(database: Path) -> dict:
    _environment(database)
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Site

    from ratusz.core import newcity, terc
    from ratusz.demo.pages import load

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    load()  # the default city's shell, as in every test database
    call_command("ratusz_roles", stdout=StringIO())
    figures: dict = {"migrate_s": time.monotonic() - started}
    codes = [
        line.split(",")[0]
        for line in (ROOT / "ratusz/core/data/miasta_na_prawach_powiatu.csv")
        .read_text()
        .splitlines()[1:]
    ]
    names = [terc.resolve(code) for code in codes]
    # the first city, then the admin's query counts with one city
    first = newcity.set_up(newcity.NewCity(name=names[0], host=host(1), port=80))
    _content(first.site, 1)
    figures["queries_one"] = _admin_queries([first.home.pk])
    started = time.monotonic()
    call_command("ratusz_roles", stdout=StringIO())
    figures["roles_one_s"] = time.monotonic() - started
    started = time.monotonic()
    for number in range(2, NEWCITY + 1):
        city = newcity.set_up(
            newcity.NewCity(name=names[(number - 1) % len(names)], host=host(number), port=80)
        )
        _content(city.site, number)
    figures["newcity_s_per_city"] = (time.monotonic() - started) / max(1, NEWCITY - 1)
    started = time.monotonic()
    for number in range(NEWCITY + 1, CITIES + 1):
        _direct_city(number, names[(number - 1) % len(names)])
        _content(Site.objects.get(hostname=host(number)), number)
    figures["direct_s_per_city"] = (time.monotonic() - started) / max(1, CITIES - NEWCITY)
    started = time.monotonic()
    call_command("ratusz_roles", stdout=StringIO())  # every city's page groups
    figures["roles_s"] = time.monotonic() - started
    figures["queries_many"] = _admin_queries([first.home.pk])
    figures["sites"] = Site.objects.count()
    return figures


# --- the worker (this process) ---------------------------------------------------------


def _urls(numbers) -> list[tuple[str, str]]:
    urls = []
    for number in numbers:
        urls.append((host(number), "/"))
        urls.extend((host(number), f"/sprawa-{page + 1}/") for page in range(SHOWN))
    return urls


def _get(application, hostname: str, path: str) -> tuple[int, str]:
    from wsgiref.util import setup_testing_defaults

    environ = {
        "HTTP_HOST": hostname,
        "PATH_INFO": path,
        "REQUEST_METHOD": "GET",
        "SERVER_PORT": "80",
    }
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["cache"] = dict(headers).get("X-Ratusz-Cache", "")

    body = application(environ, start_response)
    for _chunk in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return answer["status"], answer["cache"]


def _rate(application, urls, requests: int) -> float:
    started = time.perf_counter()
    for index in range(requests):
        status, _cache = _get(application, *urls[index % len(urls)])
        if status != 200:
            raise RuntimeError(f"{urls[index % len(urls)]} answers {status}")
    return requests / (time.perf_counter() - started)


def _alternate(figures, mode, application, one, every, requests, rounds=ROUNDS):
    """One city, then every city, in turns; the best round of each (a shared
    machine slows some rounds down, not the code)."""
    rates: dict[str, list[float]] = {"one": [], "all": []}
    for _round in range(rounds):
        rates["one"].append(_rate(application, one, requests))
        rates["all"].append(_rate(application, every, requests))
    for name, found in rates.items():
        figures[f"{mode}_{name}"] = max(found)


@contextlib.contextmanager
def _whole_purges():
    """Who, in the block, made every city's cached pages stale (pagecache.purge_all)."""
    from ratusz.core import pagecache

    callers: list[str] = []
    incr = pagecache.cache.incr

    def watched(key, *args, **kwargs):
        if key == pagecache.GENERATION_KEY:
            frames = [
                f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno} {frame.name}"
                for frame in traceback.extract_stack()[:-1]
                if frame.filename.startswith(str(ROOT / "ratusz"))
                and not frame.filename.endswith("pagecache.py")
            ]
            callers.append(frames[-1] if frames else "?")
        return incr(key, *args, **kwargs)

    pagecache.cache.incr = watched
    try:
        yield callers
    finally:
        del pagecache.cache.incr


def serve(database: Path) -> dict:
    _environment(database)
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    from ratusz.core.conf import conf
    from ratusz.core.logs import RequestLogApp
    from ratusz.core.pagecache import CachedPagesApp

    # a miss costs a render, which a visitor's address may do a bounded number of
    # times a minute: this one client is every visitor at once
    settings.RATUSZ_READ_RATES = {**conf.RATUSZ_READ_RATES, "render": None}

    def application_with_cache(seconds: int):
        # the middleware reads the setting when the handler is built
        settings.RATUSZ_PAGE_CACHE_SECONDS = seconds
        return RequestLogApp(CachedPagesApp(get_wsgi_application()))

    one, every = _urls([1]), _urls(range(1, CITIES + 1))
    figures: dict = {}
    # uncached: every request rendered
    application = application_with_cache(0)
    _rate(application, one, len(one) * 2)  # warm: imports, templates
    figures["rss_one"] = rss_mib()
    uncached = max(200, REQUESTS // 5)
    _alternate(figures, "uncached", application, one, every, uncached // 2)
    # cached
    application = application_with_cache(60)
    _rate(application, every, len(every))  # fills the cache: each URL once
    _alternate(figures, "cached", application, one, every, REQUESTS)
    gc.collect()
    figures["rss_all"] = rss_mib()
    # a publish in city 2 purges city 2 only
    hits = {url: _get(application, *url)[1] for url in every}
    figures["cached_before_publish"] = sum(cache == "hit" for cache in hits.values()) / len(hits)
    from wagtail.models import Page, Site

    site = Site.objects.get(hostname=host(2))
    article = Page.objects.child_of(site.root_page).get(slug="sprawa-1").specific
    article.title = "Sprawa 1 — zmieniona"
    started = time.perf_counter()
    with _whole_purges() as callers:
        article.save_revision().publish()
    figures["publish_s"] = time.perf_counter() - started
    figures["whole_purges"] = callers
    others = [url for url in every if url[0] != host(2)]
    figures["others_cached"] = sum(_get(application, *url)[1] == "hit" for url in others) / len(
        others
    )
    own = [url for url in every if url[0] == host(2)]
    figures["own_purged"] = sum(_get(application, *url)[1] != "hit" for url in own) / len(own)
    return figures


def report(built: dict, served: dict) -> None:
    n = CITIES
    print(f"  {built['sites']} sites; migrate and the default city {built['migrate_s']:.0f} s")
    for mode in ("uncached", "cached"):
        one, every = served[f"{mode}_one"], served[f"{mode}_all"]
        print(
            f"BENCH cities_{mode}_all_hosts {every:.0f} req/s ratio={every / one:.2f} "
            f"(of one city's {one:.0f} req/s, same worker; {n} cities x {SHOWN + 1} URLs)"
        )
    print(
        f"BENCH cities_worker_rss {served['rss_all']:.0f} MiB ratio={served['rss_all'] / served['rss_one']:.2f} "
        f"(of {served['rss_one']:.0f} MiB after serving one city; every city's pages served and cached in-process)"
    )
    for key in sorted(built["queries_one"]):
        before, status_before = built["queries_one"][key]
        after, status_after = built["queries_many"][key]
        print(
            f"BENCH cities_admin_queries_{key} {after} queries ratio={after / max(1, before):.2f} "
            f"(of {before} with one city; HTTP {status_before}/{status_after})"
        )
    print(
        f"BENCH cities_publish_others_cached {served['others_cached'] * 100:.1f} % "
        f"ratio={served['others_cached']:.3f} (of 1.0: every other city's page still cached; "
        f"before the publish {served['cached_before_publish'] * 100:.1f} % cached; the publishing "
        f"city's pages purged: {served['own_purged'] * 100:.0f} %; publish {served['publish_s'] * 1000:.0f} ms)"
    )
    for caller in served["whole_purges"]:
        print(f"  the publish made every city's pages stale: {caller}")
    if 1 < NEWCITY < CITIES:
        print(
            f"BENCH cities_newcity_setup {built['newcity_s_per_city']:.2f} s/city "
            f"ratio={built['newcity_s_per_city'] / max(1e-9, built['direct_s_per_city']):.1f} "
            f"(of the direct construction's {built['direct_s_per_city']:.2f} s/city with 20 pages)"
        )
    print(
        f"BENCH cities_ratusz_roles {built['roles_s']:.1f} s "
        f"ratio={built['roles_s'] / built['roles_one_s']:.1f} (of {built['roles_one_s']:.1f} s "
        f"with one city; at {n} cities {2 * (n + 1)} city groups)"
    )


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "build":
        print("BUILT" + json.dumps(build(Path(sys.argv[2]))))
        return 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ratusz-bench-cities.") as directory:
        database = Path(directory) / "cities.sqlite3"
        result = subprocess.run(
            [sys.executable, __file__, "build", str(database)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or "BUILT" not in result.stdout:
            print(result.stdout[-3000:], result.stderr[-3000:])
            return 1
        built = json.loads(result.stdout.rsplit("BUILT", 1)[1])
        print(f"  built {CITIES} cities in {time.monotonic() - started:.0f} s", flush=True)
        served = serve(database)
    print(f"  load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    report(built, served)
    return 0


if __name__ == "__main__":
    sys.exit(main())
