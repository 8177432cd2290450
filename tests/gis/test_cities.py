"""The SIT of two cities in one installation (#24): each city's layers,
districts, OGC API collections, map search, base map and look-ups are its own."""

import json

import pytest

from ratusz.gis import placesearch
from ratusz.gis.models import District, Feature, Layer

pytestmark = pytest.mark.django_db

# a point in the centre of each city (CRS84)
RYNEK_MYSLOWICE = (19.1330, 50.2410)
BROWAR_TYCHY = (18.9660, 50.1345)
BOTH = "18.90,50.10,19.20,50.30"  # a bbox covering both cities


def _square(lon, lat, half=0.002):
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [lon - half, lat - half],
                [lon + half, lat - half],
                [lon + half, lat + half],
                [lon - half, lat + half],
                [lon - half, lat - half],
            ]
        ],
    }


def _layer(site, slug, title, fid, label, point, kind=Layer.KIND_GENERIC):
    lon, lat = point
    layer = Layer.objects.create(
        site=site,
        slug=slug,
        title=title,
        kind=kind,
        label_property="nazwa",
        attributes=["nazwa"],
        feature_count=1,
        min_lon=lon - 0.002,
        min_lat=lat - 0.002,
        max_lon=lon + 0.002,
        max_lat=lat + 0.002,
        max_width=0.004,
        max_height=0.004,
    )
    Feature.objects.create(
        layer=layer,
        fid=fid,
        geometry=_square(lon, lat),
        properties={"nazwa": label},
        label=label,
        min_lon=lon - 0.002,
        min_lat=lat - 0.002,
        max_lon=lon + 0.002,
        max_lat=lat + 0.002,
    )
    placesearch.rebuild(layer.pk)
    return layer


def _district(site, name, slug, point, half=0.02):
    return District.objects.create(
        site=site, name=name, slug=slug, code="01", geometry=_square(*point, half=half)
    )


@pytest.fixture
def gis_cities(two_cities):
    """The same layer id and district name in both cities, and a layer of Tychy's only."""
    c = two_cities
    c.layer_a = _layer(
        c.a, "obiekty", "Obiekty Mysłowic", "m-1", "Rynek Mysłowice", RYNEK_MYSLOWICE
    )
    c.layer_b = _layer(c.b, "obiekty", "Obiekty Tychów", "t-1", "Browar Tyski", BROWAR_TYCHY)
    c.only_b = _layer(c.b, "tylko-tychy", "Parki Tychów", "t-2", "Park Miejski", BROWAR_TYCHY)
    c.district_a = _district(c.a, "Śródmieście", "srodmiescie", RYNEK_MYSLOWICE)
    c.district_b = _district(c.b, "Śródmieście", "srodmiescie", BROWAR_TYCHY)
    return c


def _get(client, url, host, **extra):
    return client.get(url, HTTP_HOST=host, **extra)


def _ids(doc):
    return {f["id"] for f in doc["features"]}


def test_two_cities_may_have_layers_and_districts_of_the_same_name(gis_cities):
    assert Layer.objects.filter(slug="obiekty").count() == 2
    assert District.objects.filter(name="Śródmieście").count() == 2


def test_ogc_collections_are_the_citys_own(client, gis_cities):
    c = gis_cities
    for host, own, foreign in (
        (c.host_a, "Obiekty Mysłowic", "Obiekty Tychów"),
        (c.host_b, "Obiekty Tychów", "Obiekty Mysłowic"),
    ):
        doc = _get(client, "/ogcapi/collections?f=json", host).json()
        titles = {col["title"] for col in doc["collections"]}
        assert own in titles and foreign not in titles
        html = _get(client, "/ogcapi/collections?f=html", host).content.decode()
        assert own in html and foreign not in html
        api = _get(client, "/ogcapi/api", host).content.decode()
        assert own in api and foreign not in api
    ids_a = {
        col["id"]
        for col in _get(client, "/ogcapi/collections?f=json", c.host_a).json()["collections"]
    }
    assert "tylko-tychy" not in ids_a and "obiekty" in ids_a
    landing = _get(client, "/ogcapi/?f=json", c.host_b).json()
    assert "Tych" in landing["title"]


@pytest.mark.parametrize(
    "path",
    [
        "/ogcapi/collections/tylko-tychy",
        "/ogcapi/collections/tylko-tychy/items",
        "/ogcapi/collections/tylko-tychy/items/t-2",
        "/ogcapi/collections/tylko-tychy/queryables",
        "/ogcapi/collections/tylko-tychy/sortables",
        "/ogcapi/collections/tylko-tychy/schema",
    ],
)
def test_a_tychy_collection_on_localhost_is_a_404_problem(client, gis_cities, path):
    response = _get(client, path, gis_cities.host_a)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert _get(client, path, gis_cities.host_b).status_code == 200


def test_items_of_a_city_never_hold_the_other_citys_features(client, gis_cities):
    c = gis_cities
    for host, own, foreign in ((c.host_a, "m-1", "t-1"), (c.host_b, "t-1", "m-1")):
        for query in ("", f"&bbox={BOTH}", "&filter=nazwa%20IS%20NOT%20NULL"):
            doc = _get(client, f"/ogcapi/collections/obiekty/items?f=json{query}", host).json()
            assert _ids(doc) == {own}, (host, query)
            assert doc["numberMatched"] == 1
        assert (
            _get(client, f"/ogcapi/collections/obiekty/items/{own}?f=json", host).status_code == 200
        )
        assert (
            _get(client, f"/ogcapi/collections/obiekty/items/{foreign}?f=json", host).status_code
            == 404
        )
        # the districts, an app's collection (geo.py), per city too: the same slug, one each
        doc = _get(client, f"/ogcapi/collections/dzielnice/items?f=json&bbox={BOTH}", host).json()
        assert len(doc["features"]) == 1
        lon = doc["features"][0]["geometry"]["coordinates"][0][0][0]
        expected = (RYNEK_MYSLOWICE if host == c.host_a else BROWAR_TYCHY)[0] - 0.02
        assert lon == pytest.approx(expected)


def test_a_walk_of_one_city_does_not_serve_the_other_citys_layer_from_the_cache(
    client, gis_cities, settings
):
    c = gis_cities
    url = "/ogcapi/collections/obiekty/items?f=json&limit=5"
    # the layer row is kept per content generation: one city's must not answer for another's
    for _round in range(2):
        assert _ids(_get(client, url, c.host_a).json()) == {"m-1"}
        assert _ids(_get(client, url, c.host_b).json()) == {"t-1"}


def test_map_page_table_and_search_are_the_citys(client, gis_cities):
    c = gis_cities
    page_a = _get(client, "/sit/", c.host_a).content.decode()
    assert "Obiekty Mysłowic" in page_a and "Parki Tychów" not in page_a
    assert "Obiekty Tychów" not in page_a
    assert _get(client, "/sit/warstwy/tylko-tychy/", c.host_a).status_code == 404
    table_a = _get(client, "/sit/warstwy/obiekty/", c.host_a).content.decode()
    assert "Rynek Mysłowice" in table_a and "Browar Tyski" not in table_a

    found_a = _get(client, "/api/gis/szukaj?q=Browar", c.host_a).json()["results"]
    found_b = _get(client, "/api/gis/szukaj?q=Browar", c.host_b).json()["results"]
    assert found_a == [] and [r["label"] for r in found_b] == ["Browar Tyski"]
    search_page = _get(client, "/sit/szukaj/?q=Browar", c.host_a).content.decode()
    assert "Browar Tyski" not in search_page
    districts = _get(client, "/api/gis/szukaj?q=Śródmieście", c.host_a).json()["results"]
    assert len(districts) == 1
    assert districts[0]["bbox"][0] == pytest.approx(RYNEK_MYSLOWICE[0] - 0.02)


def test_district_and_parcel_at_a_point_in_tychy_on_localhost_give_nothing(client, gis_cities):
    from ratusz.gis.lookup import district_at, parcel_at

    c = gis_cities
    _layer(
        c.b,
        "dzialki",
        "Działki Tychów",
        "2477011_1.0001.1/1",
        "1/1",
        BROWAR_TYCHY,
        Layer.KIND_PARCELS,
    )
    lon, lat = BROWAR_TYCHY
    point = f"lon={lon}&lat={lat}"
    assert _get(client, f"/api/gis/dzielnica?{point}", c.host_a).status_code == 404
    assert _get(client, f"/api/gis/dzialka?{point}", c.host_a).status_code == 404
    assert _get(client, f"/api/gis/dzielnica?{point}", c.host_b).json()["slug"] == "srodmiescie"
    assert _get(client, f"/api/gis/dzialka?{point}", c.host_b).json()["label"] == "1/1"
    assert district_at(lon, lat, site=c.a) is None
    assert district_at(lon, lat, site=c.b) == c.district_b
    assert parcel_at(lon, lat, site=c.a) is None


def test_the_base_map_is_the_citys(client, gis_cities):
    c = gis_cities
    District.objects.create(
        site=c.b, name="Paprocany", slug="paprocany", geometry=_square(19.0, 50.09)
    )
    # one after the other under the same content generation: each city its own outline
    names = {}
    for host in (c.host_a, c.host_b, c.host_a):
        doc = _get(client, "/api/gis/podklad?zarys=1", host).json()
        names[host] = {f["properties"]["name"] for f in doc["features"]}
    assert names[c.host_a] == {"Śródmieście"}
    assert names[c.host_b] == {"Śródmieście", "Paprocany"}


def test_a_city_without_districts_gets_its_boundary_as_the_base_map(client, gis_cities):
    c = gis_cities
    District.objects.filter(site=c.b).delete()
    doc = _get(client, "/api/gis/podklad?zarys=1", c.host_b).json()
    assert [f["properties"]["name"] for f in doc["features"]] == ["Tychy"]
    assert doc["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")


@pytest.fixture
def editor_a(client, gis_cities):
    client.force_login(gis_cities.staff(gis_cities.a, "Redaktor SIT", username="sit-a"))
    return client


def test_an_editor_of_one_city_cannot_list_open_or_change_the_other_citys_layers(
    editor_a, gis_cities
):
    c = gis_cities
    listing = editor_a.get("/admin/snippets/gis/layer/").content.decode()
    assert "Obiekty Mysłowic" in listing
    assert "Obiekty Tychów" not in listing and "Parki Tychów" not in listing
    assert editor_a.get(f"/admin/snippets/gis/layer/edit/{c.layer_a.pk}/").status_code == 200
    for view in ("edit", "delete", "history", "usage", "inspect", "copy"):
        response = editor_a.get(f"/admin/snippets/gis/layer/{view}/{c.only_b.pk}/")
        assert response.status_code in (403, 404), view
    response = editor_a.post(
        f"/admin/snippets/gis/layer/edit/{c.only_b.pk}/",
        {
            "title": "Przejęta",
            "slug": "przejeta",
            "kind": "generic",
            "colour": "#000000",
            "position": "1",
        },
    )
    assert response.status_code == 404
    response = editor_a.post(f"/admin/snippets/gis/layer/delete/{c.only_b.pk}/")
    assert response.status_code == 404
    c.only_b.refresh_from_db()
    assert c.only_b.title == "Parki Tychów" and c.only_b.slug == "tylko-tychy"


def test_an_editor_of_one_city_cannot_open_or_change_the_other_citys_districts(
    editor_a, gis_cities
):
    c = gis_cities
    District.objects.filter(pk=c.district_b.pk).update(name="Śródmieście Tychów")
    listing = editor_a.get("/admin/snippets/gis/district/").content.decode()
    assert "Śródmieście" in listing and "Śródmieście Tychów" not in listing
    assert editor_a.get(f"/admin/snippets/gis/district/edit/{c.district_a.pk}/").status_code == 200
    assert editor_a.get(f"/admin/snippets/gis/district/edit/{c.district_b.pk}/").status_code == 404
    response = editor_a.post(
        f"/admin/snippets/gis/district/edit/{c.district_b.pk}/",
        {"name": "Przejęta", "slug": "przejeta", "code": "09"},
    )
    assert response.status_code == 404
    c.district_b.refresh_from_db()
    assert c.district_b.name == "Śródmieście Tychów"


def test_a_layer_added_by_an_editor_of_tychy_is_tychys(client, gis_cities):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ratusz.core.models import Job

    c = gis_cities
    client.force_login(c.staff(c.b, "Redaktor SIT", username="sit-b"))
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": list(BROWAR_TYCHY)},
                "properties": {"nazwa": "Browar Tyski"},
            }
        ],
    }
    upload = SimpleUploadedFile("miejsca.geojson", json.dumps(doc).encode())
    data = {
        "site": str(c.a.pk),  # a Tychy clerk cannot choose Mysłowice
        "title": "Miejsca",
        "slug": "obiekty",  # Mysłowice has one too: unique per city only
        "description": "",
        "kind": "generic",
        "label_property": "nazwa",
        "time_property": "",
        "licence": "",
        "licence_url": "",
        "attribution": "",
        "colour": "#1d5f8a",
        "position": "10",
        "file_crs": "",
        "gpkg_table": "",
        "source_file": upload,
    }
    response = client.post("/admin/snippets/gis/layer/add/", data)
    assert response.status_code == 200  # the slug is taken in Tychy already
    data["slug"] = "miejsca"
    data["source_file"] = SimpleUploadedFile("miejsca.geojson", json.dumps(doc).encode())
    response = client.post("/admin/snippets/gis/layer/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    layer = Layer.objects.get(slug="miejsca")
    assert layer.site_id == c.b.pk
    job = Job.objects.get()
    assert job.params["layer"] == layer.pk and job.site_id == c.b.pk


def test_the_draft_of_an_import_is_in_the_layers_city(gis_cities):
    from types import SimpleNamespace

    from ratusz.gis.jobs import run_import

    c = gis_cities
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": list(BROWAR_TYCHY)},
                "properties": {"nazwa": "Browar Tyski"},
            }
        ],
    }
    rows = []
    ctx = SimpleNamespace(
        read_input=lambda: json.dumps(doc).encode(),
        progress=lambda done, total: None,
        result={},
        row=lambda *args: rows.append(args),
    )
    job = SimpleNamespace(pk=987, params={"layer": c.layer_b.pk}, input_name="miejsca.geojson")
    run_import(job, ctx)
    draft = Layer.objects.get(pk=ctx.result["draft"])
    assert draft.site_id == c.b.pk and draft.feature_count == 1


def test_a_new_city_gets_its_districts_beside_another_citys(gis_cities, tmp_path):
    from ratusz.core import newcity, terc
    from ratusz.gis.cities import districts
    from tests.cities import TYCHY_TERC

    c = gis_cities
    path = tmp_path / "dzielnice.geojson"
    features = [
        {"type": "Feature", "properties": {"nazwa": name}, "geometry": _square(lon, 50.12, 0.01)}
        for name, lon in (("Śródmieście", 18.97), ("Czułów", 18.99))
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    District.objects.filter(site=c.b).delete()
    city = newcity.NewCity(name=terc.resolve(TYCHY_TERC), host=c.host_b, districts_file=path)
    city.site = c.b
    districts(city)  # Mysłowice's districts are no obstacle
    assert set(District.objects.filter(site=c.b).values_list("name", flat=True)) == {
        "Śródmieście",
        "Czułów",
    }
    assert District.objects.filter(site=c.a).count() == 1


def test_the_demo_of_the_second_city_is_tychys_own(client, two_cities):
    from ratusz.demo.gis import TYCHY_LAYER, load_second_city

    layer = load_second_city(two_cities.b)
    assert load_second_city(two_cities.b).pk == layer.pk  # idempotent
    assert layer.site_id == two_cities.b.pk and layer.feature_count == 5
    found = _get(client, "/api/gis/szukaj?q=Paprocańskie", two_cities.host_b).json()["results"]
    assert [r["label"] for r in found] == ["Jezioro Paprocańskie"]
    assert _get(client, "/api/gis/szukaj?q=Paprocańskie", two_cities.host_a).json()["results"] == []
    assert _get(client, f"/ogcapi/collections/{TYCHY_LAYER}", two_cities.host_a).status_code == 404
