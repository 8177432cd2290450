"""The results page and the OpenSearch description, over the demo index."""

import pytest
from lxml import etree

HOSTILE = [
    "",
    '"',
    '"miasto',
    "miasto*",
    "* OR *",
    "NEAR(miasto partnerskie, 3)",
    "miasto NEAR partnerskie",
    "((((",
    "miasto))) OR ((",
    "AND OR NOT",
    "'; DROP TABLE search_document; --",
    "1' OR '1'='1' --",
    "title:miasto body:*",
    "^miasto",
    "& | ! <-> :*",
    "<script>alert(1)</script>",
    "\u202e\u200b",
    "%00",
    "x" * 5000,
    "miasto " * 400,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_return_a_page(client, demo, text):
    response = client.get("/szukaj/", {"q": text})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_results_are_highlighted_and_linked(client, demo):
    response = client.get("/szukaj/", {"q": "miastach partnerskich"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in html
    assert 'href="/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"' in html
    assert html.count("<h1") == 1
    assert "Set-Cookie" not in str(response.headers)


def test_filters_by_type_and_date(client, demo):
    everything = client.get("/szukaj/", {"q": "związek"}).context["results"]
    kinds = {h.document.kind for h in everything.hits}
    assert {"page", "cooperation"} <= kinds
    only = client.get("/szukaj/", {"q": "związek", "typ": "cooperation"}).context["results"]
    assert only.hits and {h.document.kind for h in only.hits} == {"cooperation"}
    assert everything.kind_counts == only.kind_counts  # counts describe all types
    dated = client.get("/szukaj/", {"q": "partnerstwo", "od": "2000-01-01", "do": "2010-12-31"})
    titles = [h.document.title for h in dated.context["results"].hits]
    assert titles == ["Partnerstwo: Frýdek-Místek"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "x", "typ": "hakerzy"}, "Nie ma takiego rodzaju wyników"),
        ({"q": "x", "od": "31.02.2026"}, "Wpisz datę w formacie"),
        ({"q": "x", "od": "2026-05-01", "do": "2026-01-01"}, "nie może być wcześniejsza"),
    ],
)
def test_bad_filters_give_polish_field_errors(client, demo, params, message):
    response = client.get("/szukaj/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_did_you_mean_and_nothing_found(client, demo):
    html = client.get("/szukaj/", {"q": "jarmrak"}).content.decode()
    assert "Czy chodziło Ci o:" in html and "?q=jarmark" in html
    html = client.get("/szukaj/", {"q": "kangurzyca"}).content.decode()
    assert "Nic nie znaleźliśmy" in html


def test_partial_matches_are_explained(client, demo):
    results = client.get("/szukaj/", {"q": "jarmark kangurzyca"}).context["results"]
    assert results.any_words and results.hits[0].document.title.startswith("Jarmark")


def test_pagination_keeps_the_query(client, demo):
    response = client.get("/szukaj/", {"q": "miasto", "strona": "2"})
    assert response.status_code == 200
    assert response.context["page_obj"].number in (1, 2)
    assert client.get("/szukaj/", {"q": "miasto", "strona": "xyz"}).status_code == 200


def test_opensearch_description(client, demo):
    response = client.get("/szukaj/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = etree.fromstring(response.content)
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    url = root.find("os:Url", ns)
    assert url.get("type") == "text/html"
    assert url.get("template") == "http://testserver/szukaj/?q={searchTerms}"
    assert len(root.findtext("os:ShortName", namespaces=ns)) <= 16


def test_synonyms_are_edited_as_a_snippet(client, django_user_model, demo):
    editor = django_user_model.objects.create_superuser("search-editor", "s@example.org", "x")
    client.force_login(editor)
    admin_client = client
    listing = admin_client.get("/admin/snippets/search/synonymrule/")
    assert listing.status_code == 200
    assert "budżet obywatelski" in listing.content.decode()
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True).pk  # a superuser picks the city (#24)
    response = admin_client.post(
        "/admin/snippets/search/synonymrule/add/",
        {"site": site, "terms": "pływalnia, basen", "expands_to": "", "active": "on"},
    )
    assert response.status_code == 302
    from ratusz.search.models import SynonymRule

    assert SynonymRule.objects.get(terms="pływalnia, basen").as_line() == "pływalnia, basen"
