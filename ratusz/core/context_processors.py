"""What every page of the shell needs: navigation, header links, footer."""

from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

# The five systems in the seed's footer, each the landing page of its app.
FOOTER_SYSTEMS = [
    (_("System informacji o terenie miasta"), "gis:index"),
    (_("Budżet obywatelski"), "budget:index"),
    (_("Fundusze europejskie"), "eufunds:index"),
    (_("NGO"), "ngo:index"),
    (_("Komunikaty dot. bezpieczeństwa"), "alerts:index"),
]


def _footer_systems():
    links = []
    for label, name in FOOTER_SYSTEMS:
        try:
            links.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return links


def _eservice_links():
    from .models import EServiceLink

    return list(EServiceLink.objects.current())


def _main_navigation(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    return list(root.get_children().live().in_menu())


def site_shell(request):
    return {
        "footer_systems": SimpleLazyObject(_footer_systems),
        "eservice_links": SimpleLazyObject(_eservice_links),
        "main_navigation": SimpleLazyObject(lambda: _main_navigation(request)),
    }
