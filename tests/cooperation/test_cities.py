"""Two cities, one cooperation register (#24): Mysłowice (A) and Tychy (B)
each show, export and change their own organisations and partnerships only."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ratusz.cooperation.geo import COLLECTIONS
from ratusz.cooperation.models import Membership, Organisation, Partnership
from ratusz.demo import cooperation as demo

pytestmark = pytest.mark.django_db

MINE_A = "Enzkreis"  # a partner of Mysłowice
MINE_B = "Trnawa"  # a partner of Tychy


@pytest.fixture
def cities(two_cities):
    demo.load()
    demo.load_second_city(two_cities.b)
    return two_cities


def _text(client, host, url):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, (host, url)
    return response.content.decode()


PUBLIC = [
    reverse("cooperation:index"),
    reverse("cooperation:map"),
    reverse("cooperation:partners-in", args=["pl"]),
    reverse("cooperation:partners-in", args=["en"]),
    reverse("cooperation:partners-in", args=["de"]),
    reverse("cooperation:api-geojson"),
    *(
        reverse("cooperation:api-dataset", args=[name, fmt])
        for name in ("organisations", "partnerships")
        for fmt in ("json", "csv")
    ),
]


def test_public_pages_feeds_and_exports_show_the_citys_own_register(client, cities):
    for host, mine, theirs in ((cities.host_a, MINE_A, MINE_B), (cities.host_b, MINE_B, MINE_A)):
        for url in PUBLIC:
            text = _text(client, host, url)
            if "/partnerzy/en/" in url:
                mine_here = {"Trnawa": "Trnava"}.get(mine, mine)
                assert mine_here in text, (host, url)
            else:
                assert mine in text, (host, url)
            assert theirs not in text and {"Trnawa": "Trnava"}.get(theirs, theirs) not in text, (
                host,
                url,
            )
    orgs_b = json.loads(
        _text(
            client,
            cities.host_b,
            reverse("cooperation:api-dataset", args=["organisations", "json"]),
        )
    )
    assert {o["slug"] for o in orgs_b} == {"miasto-tychy", "metropolia-gzm", "trnawa"}
    members_b = json.loads(
        _text(
            client, cities.host_b, reverse("cooperation:api-dataset", args=["memberships", "json"])
        )
    )
    assert [m["organisation"] for m in members_b] == ["Górnośląsko-Zagłębiowska Metropolia"]
    geo_a = json.loads(_text(client, cities.host_a, reverse("cooperation:api-geojson")))
    assert all(f["properties"]["name"] != MINE_B for f in geo_a["features"])


def test_another_citys_organisation_and_partnership_are_not_at_this_citys_address(client, cities):
    for url in (
        reverse("cooperation:organisation", args=["trnawa"]),
        reverse("cooperation:partnership", args=["trnawa"]),
        reverse("cooperation:partnership-in", args=["trnawa", "en"]),
    ):
        assert client.get(url, HTTP_HOST=cities.host_a).status_code == 404, url
        assert client.get(url, HTTP_HOST=cities.host_b).status_code == 200, url
    assert (
        client.get(
            reverse("cooperation:partnership", args=["enzkreis"]), HTTP_HOST=cities.host_b
        ).status_code
        == 404
    )
    # the same address in both registers: each city shows its own record
    url = reverse("cooperation:organisation", args=["metropolia-gzm"])
    assert "przejął rolę Górnośląskiego" in _text(client, cities.host_a, url)
    assert "przejął rolę Górnośląskiego" not in _text(client, cities.host_b, url)


def test_the_register_summary_embedded_in_a_page_is_the_citys(rf, cities):
    from ratusz.core.embeds import render_embed

    for key in ("cooperation-today", "cooperation-history"):
        html_a = render_embed(key, rf.get("/", HTTP_HOST=cities.host_a), None)
        assert MINE_B not in html_a, key
    today_b = render_embed("cooperation-today", rf.get("/", HTTP_HOST=cities.host_b), None)
    assert MINE_B in today_b and MINE_A not in today_b
    assert MINE_A in render_embed("cooperation-today", rf.get("/", HTTP_HOST=cities.host_a), None)
    # a page of Tychy shows Tychy's register, also when previewed from another host
    page_b = cities.b.root_page.specific
    previewed = render_embed("cooperation-today", rf.get("/", HTTP_HOST=cities.host_a), page_b)
    assert MINE_B in previewed and MINE_A not in previewed


def test_the_gis_collection_is_per_city(client, cities):
    (collection,) = COLLECTIONS
    names = lambda city: {f["properties"]["name"] for f in collection["features"](city)}  # noqa: E731
    assert MINE_B in names(cities.b) and MINE_A not in names(cities.b)
    assert MINE_B not in names(cities.a) and MINE_B not in names(None)
    assert {p.site_id for p in collection["queryset"](cities.b)} == {cities.b.pk}
    items = reverse("gis:ogc-items", args=["partner-cities"])
    ogc_a = client.get(items, HTTP_HOST=cities.host_a).content.decode()
    ogc_b = client.get(items, HTTP_HOST=cities.host_b).content.decode()
    assert MINE_A in ogc_a and MINE_B not in ogc_a
    assert MINE_B in ogc_b and MINE_A not in ogc_b


def _editor_of(cities, client, site):
    editor = cities.staff(site, "Redaktor", username=f"redaktor-{site.pk}")
    client.force_login(editor)
    return editor


def test_an_editor_cannot_list_open_or_change_another_citys_records(client, cities):
    _editor_of(cities, client, cities.a)
    org_b = Organisation.objects.get(site=cities.b, slug="trnawa")
    partnership_b = Partnership.objects.get(site=cities.b, slug="trnawa")
    membership_b = Membership.objects.get(organisation__site=cities.b)
    for model, record in (
        ("organisation", org_b),
        ("partnership", partnership_b),
        ("membership", membership_b),
    ):
        listing = client.get(reverse(f"wagtailsnippets_cooperation_{model}:list")).content.decode()
        assert MINE_B not in listing and "Miasto Tychy" not in listing, model
        assert "Metropolia" in listing or model != "membership"
        for view in ("edit", "delete", "history", "usage", "inspect", "copy"):
            url = f"/admin/snippets/cooperation/{model}/{view}/{record.pk}/"
            assert client.get(url).status_code in (403, 404), (model, view)
        assert (
            client.post(f"/admin/snippets/cooperation/{model}/delete/{record.pk}/").status_code
            == 404
        )
    response = client.post(
        reverse("wagtailsnippets_cooperation_organisation:edit", args=[org_b.pk]),
        {"name": "Przejęta", "slug": "trnawa", "kind": "partner_city", "country": "SK"},
    )
    assert response.status_code == 404
    org_b.refresh_from_db()
    assert org_b.name == MINE_B
    assert Partnership.objects.filter(pk=partnership_b.pk).exists()


def test_an_editor_cannot_attach_records_to_another_citys_organisation(client, cities):
    _editor_of(cities, client, cities.a)
    org_b = Organisation.objects.get(site=cities.b, slug="trnawa")
    data = {
        "organisation": org_b.pk,
        "level": "international",
        "valid_from": "2020-01-01",
        "valid_from_precision": "day",
        "valid_until": "",
        "purpose": "Przejęcie",
        "member_count": "",
        "member_count_as_of": "",
        "member_count_note": "",
        "fee": "",
        "note": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    before = Membership.objects.count()
    response = client.post(reverse("wagtailsnippets_cooperation_membership:add"), data)
    assert response.status_code == 200  # the form again, with the error
    assert Membership.objects.count() == before
    # a new organisation of a one-city editor is that city's, whatever is posted
    response = client.post(
        reverse("wagtailsnippets_cooperation_organisation:add"),
        {
            "site": cities.b.pk,
            "name": "Nowe Miasto",
            "slug": "nowe-miasto",
            "kind": "partner_city",
            "country": "CZ",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(slug="nowe-miasto").site_id == cities.a.pk


def test_addresses_are_unique_per_city_and_successors_stay_in_the_city(cities):
    trnawa_b = Organisation.objects.get(site=cities.b, slug="trnawa")
    copy_a = Organisation(
        site=cities.a, name="Trnawa", slug="trnawa", kind="partner_city", country="SK"
    )
    copy_a.full_clean()  # the same address in another city
    copy_a.save()
    clash = Organisation(
        site=cities.b, name="Trnawa 2", slug="trnawa", kind="partner_city", country="SK"
    )
    with pytest.raises(ValidationError):
        clash.full_clean()
    twin = Partnership(organisation=copy_a, slug="trnawa", status="active")
    twin.full_clean()
    twin.save()
    assert twin.site_id == cities.a.pk
    again = Partnership(organisation=trnawa_b, slug="trnawa", status="active")
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "slug" in error.value.message_dict
    copy_a.successor = trnawa_b
    with pytest.raises(ValidationError) as error:
        copy_a.full_clean()
    assert "successor" in error.value.message_dict


def test_second_city_demo_is_idempotent(cities):
    def state():
        return (
            sorted(Organisation.objects.filter(site=cities.b).values_list("slug", "name")),
            Partnership.objects.filter(site=cities.b).count(),
            Membership.objects.filter(organisation__site=cities.b).count(),
        )

    before = state()
    demo.load_second_city(cities.b)
    assert state() == before and before[1] == 1 and before[2] == 1
