"""Shared ground for the hostile-input tests: the demo city, crawled once.

`world` loads the Mysłowice demo inside a transaction that is rolled back at
the end of this package, so the rest of the suite still sees an empty database.
The crawl starts at the home page and every app's landing page and follows
links on this host; it yields real URLs and the HTML forms found on them, so
a new page or form is fuzzed without anyone listing it here.
"""

import os
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from lxml import html

SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/dokumenty/")
CRAWL_LIMIT = int(os.environ.get("RATUSZ_FUZZ_CRAWL", "260"))
# Every app's landing page is a crawl seed, so new apps are reached too.
APP_NAMESPACES = [
    "cooperation",
    "budget",
    "budget_voting",
    "alerts",
    "gis",
    "eufunds",
    "ngo",
    "services",
    "search",
]


def examples(default):
    """Cases per fuzz test: a few hundred in `make test`, more in scripts/fuzz.sh."""
    return int(os.environ.get("RATUSZ_FUZZ_EXAMPLES", default))


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: dict = field(default_factory=dict)  # name -> list of known values
    files: list = field(default_factory=list)


@dataclass
class World:
    urls: list
    forms: list
    patterns: list  # (route, converter names) for every public route


def public_patterns():
    """Every route of our apps (no admin), as (route text, [(param, converter)])."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
                found.append((route, [(name, conv or "str") for conv, name in params]))

    from ratusz import urls as root

    for module in root.APP_URLS:
        walk(get_resolver(module).url_patterns, "")
    return [(route, params) for route, params in found if not route.startswith(SKIP_PREFIXES)]


def _same_host(base, href):
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not parts.path.startswith("/") or parts.path.startswith(SKIP_PREFIXES):
        return None
    return path


def _forms(page_url, tree):
    forms = []
    for node in tree.iter("form"):
        action = _same_host(page_url, node.get("action") or page_url)
        if action is None:
            continue
        form = Form(page_url, action.split("?")[0], (node.get("method") or "get").upper())
        for control in node.xpath(".//input|.//select|.//textarea"):
            name = control.get("name")
            if not name or name == "csrfmiddlewaretoken":
                continue
            kind = (control.get("type") or "").lower()
            if kind == "file":
                form.files.append(name)
                continue
            values = form.fields.setdefault(name, [])
            if control.tag == "select":
                values += [o.get("value", o.text or "") for o in control.iter("option")]
            elif control.get("value") is not None:
                values.append(control.get("value"))
        forms.append(form)
    return forms


def _route_of(path):
    # One form per route: fifteen NGO "propose changes" forms are one form.
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return path if match.url_name == "wagtail_serve" else match.route


def crawl(client, seeds, limit=CRAWL_LIMIT):
    queue, seen, urls, forms = deque(seeds), set(), [], []
    per_route, form_keys = {}, set()
    while queue and len(urls) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        # Many detail pages share one route; a few of each are enough.
        shape = re.sub(r"\d+", "0", url.split("?")[0])
        if per_route.get(shape, 0) >= 2:
            continue
        per_route[shape] = per_route.get(shape, 0) + 1
        response = client.get(url)
        urls.append(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        tree = html.fromstring(response.content)
        for form in _forms(url, tree):
            key = (_route_of(form.action), form.method)
            if key not in form_keys:
                form_keys.add(key)
                forms.append(form)
        for href in tree.xpath("//a/@href"):
            target = _same_host(url, href)
            if target and target not in seen:
                queue.append(target)
    return urls, forms


def seeds():
    found = ["/"]
    for namespace in APP_NAMESPACES:
        try:
            found.append(reverse(f"{namespace}:index"))
        except Exception:  # an app without a landing page is simply not a seed
            continue
    for route, params in public_patterns():
        if not params:
            found.append("/" + route.replace("^", "").replace("$", ""))
    return found


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("demo", stdout=open(os.devnull, "w"))
            extra = open_voting() + private_links()
            cache.clear()
            client = Client(raise_request_exception=True)
            urls, forms = crawl(client, extra + seeds())
            yield World(urls, forms, public_patterns())
            transaction.set_rollback(True)
    cache.clear()


def open_voting():
    """Open the first demo edition's voting so the ballot form is reachable."""
    from datetime import timedelta

    from django.utils import timezone

    from ratusz.budget.models import Edition

    edition = Edition.objects.order_by("pk").first()
    if edition is None:
        return []
    now = timezone.now()
    Edition.objects.filter(pk=edition.pk).update(
        voting_start=now - timedelta(days=1), voting_end=now + timedelta(days=6)
    )
    return [
        reverse("budget_voting:vote", args=[edition.slug]),
        reverse("budget_voting:verify", args=[edition.slug]),
    ]


def private_links():
    """Pages reached only by a link sent by e-mail: support collection, NGO changes."""
    from django.core import signing

    from ratusz.budget.models import Project
    from ratusz.budget.views import SUPPORT_SALT
    from ratusz.budget.workflow import Status

    links = []
    # A project returned for correction collects support again: its form is live.
    project = Project.objects.order_by("pk").first()
    if project is not None:
        Project.objects.filter(pk=project.pk).update(status=Status.RETURNED)
        signed = signing.dumps(project.pk, salt=SUPPORT_SALT)
        links.append(reverse("budget:support", args=[signed]))
    from ratusz.ngo.models import Organisation

    org = Organisation.objects.exclude(slug="").first()
    if org is not None:
        links.append(reverse("ngo:propose", args=[org.slug]))
    return links
