"""Search and the sitemap in an installation of two cities (#24).

Mysłowice (the default site, ``localhost``) and Tychy (``tychy.localhost``):
each host's search, "Czy chodziło Ci o", OpenSearch and ``sitemap.xml`` show
that city's pages, records and landing pages only; synonym rules are a
city's own; a login-restricted page is in neither city's index nor sitemap.
"""

from __future__ import annotations

import re

import pytest
from django.utils.html import strip_tags

from ratusz.core.tenancy import is_city_owned
from ratusz.search import index
from ratusz.search.models import Document, SynonymRule

pytestmark = pytest.mark.django_db


def page(client, host, q):
    response = client.get("/szukaj/", {"q": q}, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def search(client, host, q):
    """The list of results (the query itself is echoed elsewhere on the page)."""
    found = re.search(r'<ol class="search-results.*?</ol>', page(client, host, q), re.S)
    return found.group(0) if found else ""


def suggestion(client, host, q):
    found = re.search(r'<p class="search-suggestion">.*?</p>', page(client, host, q), re.S)
    return strip_tags(found.group(0)) if found else ""


def article(parent, title, slug, capture, **extra):
    from ratusz.pages.models import ArticlePage

    page = ArticlePage(title=title, slug=slug, intro=f"{title}: opis sprawy.", **extra)
    parent.add_child(instance=page)
    with capture(execute=True):
        page.save_revision().publish()
    return page


@pytest.fixture
def pages(two_cities, django_capture_on_commit_callbacks):
    """A published article in each city, with a word only it has."""
    home_a = two_cities.a.root_page.specific
    home_b = two_cities.b.root_page.specific
    a = article(
        home_a,
        "Kąpielisko Słupna zaprasza",
        "kapielisko-slupna",
        django_capture_on_commit_callbacks,
    )
    b = article(
        home_b,
        "Kąpielisko Paprocany zaprasza",
        "kapielisko-paprocany",
        django_capture_on_commit_callbacks,
    )
    return a, b


def test_a_page_is_found_in_its_own_city_only(client, two_cities, pages):
    a, b = pages
    assert Document.objects.get(kind="page", key=str(b.pk)).site_id == two_cities.b.pk
    assert Document.objects.get(kind="page", key=str(a.pk)).site_id == two_cities.a.pk
    on_b = search(client, two_cities.host_b, "Paprocany")
    assert "Paprocany" in strip_tags(on_b)
    assert 'href="/kapielisko-paprocany/"' in on_b  # its address on its own host
    assert "Paprocany" not in strip_tags(search(client, two_cities.host_a, "Paprocany"))
    assert "Słupna" in strip_tags(search(client, two_cities.host_a, "Słupna"))
    assert "Słupna" not in strip_tags(search(client, two_cities.host_b, "Słupna"))
    # a word both have: each city sees its own page
    on_a = strip_tags(search(client, two_cities.host_a, "kąpielisko"))
    on_b = strip_tags(search(client, two_cities.host_b, "kąpielisko"))
    assert "Słupna" in on_a and "Paprocany" not in on_a
    assert "Paprocany" in on_b and "Słupna" not in on_b


@pytest.fixture
def office_unit(monkeypatch):
    """Makes an office unit of a city: through its own city field once the
    app has one, otherwise by telling the index whose it is (the index asks
    ``site_id_of_record`` about any record, whatever the app)."""
    from ratusz.services.models import OfficeUnit

    owners: dict[str, int] = {}
    real = index.site_id_of_record
    monkeypatch.setattr(
        index, "site_id_of_record", lambda obj: owners.get(getattr(obj, "slug", None)) or real(obj)
    )

    def make(site, name, slug):
        fields = {"name": name, "slug": slug, "matters": f"{name}: sprawy mieszkańców."}
        if is_city_owned(OfficeUnit):
            return OfficeUnit.objects.create(site=site, **fields)
        owners[slug] = site.pk
        return OfficeUnit.objects.create(**fields)

    return make


def test_a_record_is_found_in_its_own_city_only(
    client, two_cities, office_unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ours = office_unit(two_cities.a, "Wydział Gospodarki Odpadami Słupna", "wgo-slupna")
        theirs = office_unit(two_cities.b, "Wydział Komunikacji Paprocany", "wk-paprocany")
    assert Document.objects.get(kind="office-unit", key=str(theirs.pk)).site_id == two_cities.b.pk
    assert Document.objects.get(kind="office-unit", key=str(ours.pk)).site_id == two_cities.a.pk
    assert "Wydział Komunikacji" in strip_tags(search(client, two_cities.host_b, "wydział"))
    assert "Wydział Komunikacji" not in strip_tags(search(client, two_cities.host_a, "wydział"))
    assert "Wydział Gospodarki" in strip_tags(search(client, two_cities.host_a, "wydział"))
    assert "Wydział Gospodarki" not in strip_tags(search(client, two_cities.host_b, "wydział"))


def test_a_landing_page_has_an_entry_per_city_as_that_city_shows_it(client, two_cities):
    from ratusz.core.models import AccessibilityStatement

    AccessibilityStatement.for_site(two_cities.b)
    AccessibilityStatement.objects.filter(site=two_cities.b).update(
        architecture="Podjazd dla wózków od strony parku nad Paprocanami."
    )
    index.index_views(["core.AccessibilityStatement"])
    rows = Document.objects.filter(kind="view", key="/deklaracja-dostepnosci/")
    assert {row.site_id for row in rows} >= {two_cities.a.pk, two_cities.b.pk}
    assert "Paprocan" in rows.get(site=two_cities.b).body
    assert "Paprocan" not in rows.get(site=two_cities.a).body
    assert "Paprocan" in strip_tags(search(client, two_cities.host_b, "podjazd Paprocany"))
    assert "Paprocan" not in strip_tags(search(client, two_cities.host_a, "podjazd Paprocany"))


def test_synonym_rules_and_suggestions_are_the_citys_own(client, two_cities, pages):
    # A rule of Tychy works in Tychy only.
    SynonymRule.objects.create(site=two_cities.b, terms="basen, kąpielisko")
    assert "Paprocany" in strip_tags(search(client, two_cities.host_b, "basen"))
    assert "Słupna" not in strip_tags(search(client, two_cities.host_a, "basen"))
    # "Czy chodziło Ci o" offers the city's own words: "Paprocany" is Tychy's.
    assert "paprocany" in suggestion(client, two_cities.host_b, "Paprocamy").lower()
    assert "paprocany" not in suggestion(client, two_cities.host_a, "Paprocamy").lower()


def test_a_new_city_starts_with_the_shipped_synonyms(two_cities):
    from ratusz.search.cities import shipped_rules

    shipped = set(shipped_rules())
    rules_b = set(SynonymRule.objects.filter(site=two_cities.b).values_list("terms", "expands_to"))
    assert shipped <= rules_b
    assert ("BO", "budżet obywatelski") in rules_b


def test_a_moderator_edits_the_synonyms_of_their_city_only(client, two_cities):
    from django.contrib.auth.models import Permission

    ours = SynonymRule.objects.create(site=two_cities.a, terms="kąpielisko, plaża miejska")
    theirs = SynonymRule.objects.create(site=two_cities.b, terms="kąpielisko, Paprocany")
    moderator = two_cities.staff(two_cities.a, username="mod-a")
    moderator.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "view_synonymrule",
                "change_synonymrule",
                "delete_synonymrule",
            ]
        )
    )
    client.force_login(moderator)
    listing = client.get("/admin/snippets/search/synonymrule/?q=kąpielisko").content.decode()
    assert "plaża miejska" in listing and "Paprocany" not in listing
    assert client.get(f"/admin/snippets/search/synonymrule/edit/{ours.pk}/").status_code == 200
    for view in ("edit", "delete"):
        assert (
            client.get(f"/admin/snippets/search/synonymrule/{view}/{theirs.pk}/").status_code == 404
        )
    client.post(f"/admin/snippets/search/synonymrule/delete/{theirs.pk}/")
    assert SynonymRule.objects.filter(pk=theirs.pk).exists()


def _sitemap(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    from lxml import etree

    root = etree.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text for loc in root.findall("s:url/s:loc", ns)]


def test_each_hosts_sitemap_lists_its_own_urls_with_its_own_domain(client, two_cities, pages):
    index.index_views(["core.AccessibilityStatement"])
    urls_a = _sitemap(client, two_cities.host_a)
    urls_b = _sitemap(client, two_cities.host_b)
    assert urls_a and urls_b
    assert all(u.startswith(f"http://{two_cities.host_a}/") for u in urls_a), urls_a
    assert all(u.startswith(f"http://{two_cities.host_b}/") for u in urls_b), urls_b
    assert f"http://{two_cities.host_b}/kapielisko-paprocany/" in urls_b
    assert not any("paprocany" in u for u in urls_a)
    assert not any("slupna" in u for u in urls_b)
    # each city's landing pages (rows of the index), once each, on its own host
    assert urls_b.count(f"http://{two_cities.host_b}/deklaracja-dostepnosci/") == 1
    assert urls_a.count(f"http://{two_cities.host_a}/deklaracja-dostepnosci/") == 1


def test_a_login_restricted_page_is_in_no_citys_search_or_sitemap(
    client, two_cities, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    home_b = two_cities.b.root_page.specific
    page = article(
        home_b, "Narada Paprocany poufna", "narada-paprocany", django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for host in (two_cities.host_a, two_cities.host_b):
        assert "poufna" not in strip_tags(search(client, host, "narada poufna"))
        assert not any("narada-paprocany" in u for u in _sitemap(client, host))


def test_opensearch_of_each_host_searches_that_host(client, two_cities):
    for host in (two_cities.host_a, two_cities.host_b):
        xml = client.get("/szukaj/opensearch.xml", HTTP_HOST=host).content.decode()
        assert f'template="http://{host}/szukaj/?q={{searchTerms}}"' in xml
    assert (
        "Tychy"
        in client.get("/szukaj/opensearch.xml", HTTP_HOST=two_cities.host_b).content.decode()
    )


def test_a_promoted_page_of_another_city_is_not_shown(client, two_cities, pages):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    _a, b = pages
    SearchPromotion.objects.create(query=Query.get("kąpielisko"), page=b, description="Polecamy")
    assert "Polecamy" in page(client, two_cities.host_b, "kąpielisko")
    assert "Polecamy" not in page(client, two_cities.host_a, "kąpielisko")
