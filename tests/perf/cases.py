"""Every public page type of every app, as a URL found in the demo data.

Each case is (id, url, bound): `url` is a path or a callable that builds the
path from the database (the first public object of its kind), and `bound` is
the most queries the page may issue with the demo loaded. Bounds are the
counts measured on the demo (SQLite, 26.11.2026) plus three or four, so a new
N+1 or a forgotten select_related fails here.
"""

from django.urls import reverse

ARTICLE = "/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"


def _first_url(model_path, **filters):
    def build():
        from django.apps import apps

        model = apps.get_model(model_path)
        obj = model._default_manager.filter(**filters).order_by("pk").first()
        assert obj is not None, f"demo has no {model_path}"
        return obj.get_absolute_url()

    return build


def _page_url(model_path):
    def build():
        from django.apps import apps

        page = apps.get_model(model_path).objects.live().order_by("pk").first()
        assert page is not None, f"demo has no live {model_path}"
        return page.url

    return build


def _reverse(name, **kwargs):
    return lambda: reverse(name, kwargs=kwargs)


def _edition_url(name):
    def build():
        from ratusz.budget.models import Edition
        from ratusz.core.tenancy import default_site_id

        # the pages are asked for on the default city's host
        edition = Edition.objects.filter(site_id=default_site_id()).order_by("-pk").first()
        return reverse(name, kwargs={"slug": edition.slug})

    return build


def _budget_project():
    from ratusz.budget.models import Project
    from ratusz.core.tenancy import default_site_id

    project = (
        Project.objects.order_by("pk")
        .filter(edition__isnull=False, edition__site_id=default_site_id())
        .first()
    )
    return project.get_absolute_url()


def _alert_cap():
    from ratusz.alerts.models import Message

    return reverse("alerts:cap", kwargs={"identifier": Message.objects.order_by("pk").first()})


def _layer_table(collection_id):
    return lambda: reverse("gis:layer-table", kwargs={"collection_id": collection_id})


def _ogc_item():
    from ratusz.gis.models import District

    district = District.objects.order_by("pk").first()
    return f"/ogcapi/collections/dzielnice/items/{district.slug}?f=json"


CASES = [
    # core and pages (Wagtail)
    ("home", "/", 18),
    ("section", "/swiat-region-ludzie/", 30),
    ("article", ARTICLE, 20),
    ("news-index", _page_url("pages.NewsIndexPage"), 20),
    ("news-page", _page_url("pages.NewsPage"), 20),
    ("news-atom", "/aktualnosci/feed/atom/", 5),
    ("accessibility", "/deklaracja-dostepnosci/", 10),
    ("robots", "/robots.txt", 2),
    ("contact", "/kontakt/", 17),
    ("news-rss", "/aktualnosci/feed/rss/", 5),
    # Wagtail's pages, the restricted ones left out, then the index's other pages
    ("sitemap", "/sitemap.xml", 24),
    # cooperation
    ("cooperation-index", "/wspolpraca/", 16),
    ("cooperation-map", "/wspolpraca/mapa/", 15),
    ("cooperation-partners-de", "/wspolpraca/partnerzy/de/", 15),
    ("cooperation-organisation", _first_url("cooperation.Organisation"), 15),
    ("cooperation-partnership", _first_url("cooperation.Partnership"), 13),
    ("cooperation-api", "/api/cooperation/", 3),
    ("cooperation-dataset", "/api/cooperation/organisations.json", 4),
    ("cooperation-geojson", "/api/cooperation/partners.geojson", 4),
    # budget
    ("budget-index", "/budzet-obywatelski/", 12),
    ("budget-catalogue", "/budzet-obywatelski/projekty/", 17),
    ("budget-edition", _edition_url("budget:edition"), 12),
    ("budget-map", _edition_url("budget:map"), 12),
    ("budget-csv", _edition_url("budget:export-csv"), 5),
    ("budget-project", _budget_project, 14),
    ("budget-api-editions", "/api/budget/editions/", 4),
    ("budget-api-projects", _edition_url("budget:api-projects"), 6),
    ("budget-lists", "/budzet-obywatelski/mbo-2028/listy/", 13),
    ("budget-paper-form", "/budzet-obywatelski/mbo-2028/formularz-papierowy/", 12),
    ("budget-submit", "/budzet-obywatelski/mbo-2028/zglos/", 13),
    # budget voting (part II)
    ("voting-vote", "/budzet-obywatelski/glosowanie/mbo-2028/", 12),
    ("voting-verify", "/budzet-obywatelski/glosowanie/mbo-2028/sprawdz/", 12),
    ("voting-results", "/budzet-obywatelski/wyniki/mbo-2027/", 15),
    ("voting-results-csv", "/budzet-obywatelski/wyniki/mbo-2027/wyniki.csv", 8),
    ("voting-api-results", "/api/budget/editions/mbo-2027/results/", 8),
    # alerts
    ("alerts-index", "/komunikaty/", 12),
    ("alerts-detail", _first_url("alerts.Message"), 11),
    ("alerts-subscribe", "/komunikaty/subskrypcja/", 10),
    ("alerts-atom", "/api/alerts/atom.xml", 4),
    ("alerts-rss", "/api/alerts/rss.xml", 4),
    ("alerts-geojson", "/api/alerts/active.geojson", 4),
    ("alerts-cap", _alert_cap, 4),
    ("alerts-json", "/api/alerts/active.json", 4),
    # gis
    ("gis-map", "/sit/", 12),
    ("gis-search", "/sit/szukaj/?q=Piasek", 17),
    ("gis-layer-districts", _layer_table("dzielnice"), 14),
    ("gis-layer-budget", _layer_table("budget-projects"), 14),
    ("gis-layer-partners", _layer_table("partner-cities"), 14),
    ("gis-layer-eufunds", _layer_table("projekty-unijne"), 14),
    ("gis-layer-ngo", _layer_table("ngo-organisations"), 17),
    ("gis-layer-alerts", _layer_table("alerts-active"), 14),
    ("ogc-items-budget", "/ogcapi/collections/budget-projects/items?f=json", 6),
    ("ogc-landing", "/ogcapi/?f=json", 3),
    ("ogc-conformance", "/ogcapi/conformance?f=json", 3),
    ("ogc-openapi", "/ogcapi/api?f=json", 12),
    ("ogc-collection", "/ogcapi/collections/dzielnice?f=json", 5),
    ("gis-api-district", "/api/gis/dzielnica?lon=19.13&lat=50.24", 4),
    ("gis-api-search", "/api/gis/szukaj?q=Piasek", 11),
    ("ogc-collections", "/ogcapi/collections?f=json", 12),
    ("ogc-items", "/ogcapi/collections/dzielnice/items?f=json", 6),
    ("ogc-item", _ogc_item, 5),
    # eufunds
    ("eufunds-index", "/fundusze-europejskie/", 14),
    ("eufunds-map", "/fundusze-europejskie/mapa/", 11),
    ("eufunds-detail", _first_url("eufunds.Project"), 17),
    ("eufunds-csv", "/fundusze-europejskie/projekty.csv", 5),
    ("eufunds-api", "/api/eufunds/projects/", 5),
    # services
    ("services-index", "/zalatw-sprawe/", 13),
    ("services-directory", "/zalatw-sprawe/urzad/", 14),
    ("services-unit", _first_url("services.OfficeUnit"), 15),
    ("services-card", _first_url("services.ServiceCard"), 15),
    ("services-card-print", lambda: _first_url("services.ServiceCard")() + "druk/", 10),
    ("services-json", "/api/services/cards.json", 5),
    # ngo
    ("ngo-index", "/ngo/", 15),
    ("ngo-directory", "/ngo/organizacje/", 15),
    ("ngo-organisation", _first_url("ngo.Organisation"), 14),
    ("ngo-competition", _first_url("ngo.Competition"), 13),
    ("ngo-small-grant", _first_url("ngo.SmallGrant"), 11),
    ("ngo-register", "/ngo/organizacje/zglos/", 12),
    ("ngo-competitions", "/ngo/konkursy/", 12),
    ("ngo-feed", "/ngo/konkursy/kanal.atom", 5),
    ("ngo-small-grants", "/ngo/male-granty/", 11),
    ("ngo-programme", "/ngo/program-wspolpracy/", 11),
    ("ngo-calendar", "/ngo/kalendarz/", 12),
    ("ngo-calendar-ics", "/ngo/kalendarz.ics", 5),
    ("ngo-api-organisations", "/api/ngo/organizacje.json", 5),
    ("ngo-api-competitions", "/api/ngo/konkursy.csv", 6),
    # search
    ("search", "/szukaj/?q=smog", 15),
    ("search-opensearch", "/szukaj/opensearch.xml", 4),
]
