"""What every page of the shell needs: navigation, header links, footer.

The shell's data is the same for every page of a site on a given day, so it
is built once per content generation (bumped by any publish, see
``pagecache``) and per day, and kept in the cache: five queries fewer on
every uncached page.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .pagecache import generation, site_generation

# The five systems in the seed's footer, each the landing page of its app.
FOOTER_SYSTEMS = [
    (_("System informacji o terenie miasta"), "gis:index"),
    (_("Budżet obywatelski"), "budget:index"),
    (_("Fundusze europejskie"), "eufunds:index"),
    (_("NGO"), "ngo:index"),
    (_("Komunikaty dot. bezpieczeństwa"), "alerts:index"),
]
SHELL_SECONDS = 3600

# The main menu starts with what residents come to do (the tasks behind most
# visits to a city's site), then the editors' sections of the page tree.
TOP_TASKS = [
    (_("Załatw sprawę"), "services:index"),
    (_("Komunikaty"), "alerts:index"),
    (_("Budżet obywatelski"), "budget:index"),
    (_("Mapa"), "gis:index"),
]


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    path: str  # the page's tree path, to mark the current section


@dataclass(frozen=True)
class Shell:
    office: object  # OfficeSettings: the city's identity (ratusz.core.city)
    privacy_url: str
    contact_url: str
    eservice_links: list
    navigation: list


def _footer_systems():
    links = []
    for label, name in FOOTER_SYSTEMS:
        try:
            links.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return links


def _build_shell(request, site):
    from . import city
    from .models import EServiceLink
    from .tenancy import in_city

    office = city.current(request)
    navigation = []
    if site is not None:
        # the home page in the language being shown (an English page, an English menu)
        root = site.root_page.localized
        for page in root.get_children().live().in_menu():
            navigation.append(MenuItem(page.title, page.get_url(request=request), page.path))
    return Shell(
        office=office,
        privacy_url=office.privacy_page.get_url(request=request) if office.privacy_page_id else "",
        contact_url=office.contact_page.get_url(request=request) if office.contact_page_id else "",
        eservice_links=list(in_city(EServiceLink.objects.current(), site)) if site else [],
        navigation=navigation,
    )


def shell_for(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    site_id = site.pk if site else 0
    key = f"shell:{generation()}:{site_generation(site_id)}:{site_id}:{get_language()}:{timezone.localdate():%Y-%m-%d}"
    shell = cache.get(key)
    if shell is None:
        shell = _build_shell(request, site)
        cache.set(key, shell, SHELL_SECONDS)
    return shell


def main_menu(request, navigation):
    """[{title, url, current}]: the top tasks (on a page in another language only the
    first: the apps speak Polish), then the page tree's menu pages; ``current`` is "page" on the item's
    own address, "true" below it, "" elsewhere."""
    items = []
    tasks = TOP_TASKS if (get_language() or "pl").startswith("pl") else TOP_TASKS[:1]
    for label, name in tasks:
        try:
            items.append((str(label), reverse(name)))
        except NoReverseMatch:
            continue
    items += [(item.title, item.url) for item in navigation if item.url]
    path = request.path
    menu = []
    for title, url in items:
        current = "page" if path == url else "true" if url != "/" and path.startswith(url) else ""
        menu.append({"title": title, "url": url, "current": current})
    return menu


def site_shell(request):
    shell = SimpleLazyObject(lambda: shell_for(request))
    return {
        "shell": shell,
        "city": SimpleLazyObject(lambda: shell.office),
        "footer_systems": SimpleLazyObject(_footer_systems),
        "eservice_links": SimpleLazyObject(lambda: shell.eservice_links),
        "main_navigation": SimpleLazyObject(lambda: main_menu(request, shell.navigation)),
    }
