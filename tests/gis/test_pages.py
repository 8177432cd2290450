"""Public pages (map, layer table, search), /api/gis/ look-ups and the editor's upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ratusz.core.tenancy import default_site_id
from ratusz.gis.models import Layer
from tests.gis.files import make_shp_zip, square
from tests.worker import queued_paths, run_worker

pytestmark = pytest.mark.django_db


def test_map_page_lists_layers_without_foreign_hosts(client, demo_gis):
    response = client.get("/sit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "xstatic/leaflet/leaflet.js" in html and 'id="gis-config"' in html
    assert "Dzielnice" in html and "/sit/warstwy/dzielnice/" in html
    assert "openstreetmap" not in html and "unpkg" not in html and "cdn" not in html.lower()
    assert "style=" not in html


def test_tile_url_is_configurable(client, demo_gis, settings):
    settings.RATUSZ_MAP_TILE_URL = "https://tiles.example.invalid/{z}/{x}/{y}.png"
    html = client.get("/sit/").content.decode()
    assert "tiles.example.invalid" in html


def test_layer_table_pages_and_search(client, demo_gis):
    response = client.get("/sit/warstwy/dzialki-demo/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "400 obiektów" in html and "Strona 1 z 8" in html
    page2 = client.get("/sit/warstwy/dzialki-demo/?strona=2").content.decode()
    assert "247001_1.0001.11/3" in page2  # the 51st parcel (grid of 20 × 20)
    found = client.get("/sit/warstwy/dzialki-demo/?q=247001_1.0001.5/1").content.decode()
    assert "247001_1.0001.5/1<" in found and "247001_1.0001.6/1<" not in found
    districts = client.get("/sit/warstwy/dzielnice/?q=piasek").content.decode()
    assert "Piasek" in districts and "Morgi" not in districts
    assert client.get("/sit/warstwy/nie-ma/").status_code == 404


def test_search_by_parcel_id_and_name(client, demo_gis):
    doc = client.get("/api/gis/szukaj?q=247001_1.0001.3/2").json()
    assert doc["results"][0]["label"] == "247001_1.0001.3/2"
    assert doc["results"][0]["geometry"]["type"] == "Polygon"
    doc = client.get("/api/gis/szukaj?q=Brzezinka").json()
    assert [r["collection"] for r in doc["results"]] == ["dzielnice"]
    doc = client.get("/api/gis/szukaj?q=247001_1.1.2").json()
    assert doc["results"] == [] and "identyfikatorem działki" in doc["message"]
    page = client.get("/sit/szukaj/?q=Morgi").content.decode()
    assert "Morgi" in page


def test_point_lookups(client, demo_gis):
    assert client.get("/api/gis/dzielnica?lon=19.215&lat=50.17").json()["slug"] == "dzieckowice"
    assert client.get("/api/gis/dzielnica?lon=19.0&lat=50.26").status_code == 404
    bad = client.get("/api/gis/dzielnica?lon=x&lat=50")
    assert bad.status_code == 400 and bad["Content-Type"] == "application/problem+json"
    assert client.get("/api/gis/dzialka?lon=200&lat=0").status_code == 400


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.com", "haslo")
    client.force_login(user)
    return client


def form_data(upload, **extra):
    data = {
        "site": str(default_site_id()),  # a superuser chooses the city
        "title": "Działki z pliku",
        "slug": "dzialki-plik",
        "description": "",
        "kind": "parcels",
        "label_property": "NUMER",
        "time_property": "",
        "licence": "",
        "licence_url": "",
        "attribution": "",
        "colour": "#1d5f8a",
        "position": "10",
        "published": "on",
        "file_crs": "",
        "gpkg_table": "",
        "source_file": upload,
    }
    data.update(extra)
    return data


def _second_person(django_user_model):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("ratusz_roles", stdout=open("/dev/null", "w"))
    user = django_user_model.objects.create_user(
        "drugi", "drugi@example.org", "haslo", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Redaktor SIT"))
    return user


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_imported_by_the_worker_as_a_draft_that_a_second_person_publishes(
    editor, django_user_model, db_tasks
):
    from django.test import Client

    from ratusz.core.models import Job

    e, n = 511841.7, 260134.8
    data = make_shp_zip([[square(e, n)], [square(e + 20, n)]], [["1/1", 400], ["1/2", 400]])
    upload = SimpleUploadedFile("dzialki.zip", data, content_type="application/zip")
    response = editor.post("/admin/snippets/gis/layer/add/", form_data(upload))
    assert response.status_code == 302, response.content.decode()[:2000]
    job = Job.objects.get()
    assert response["Location"] == f"/admin/zadania/{job.pk}/"
    layer = Layer.objects.get(slug="dzialki-plik")
    # the request stored the file and queued: nothing read, nothing on the map
    assert job.status == Job.Status.QUEUED and layer.feature_count == 0
    assert not layer.published
    # (Wagtail's reference index notes the layer's link to its city's site)
    queued = [p for p in queued_paths() if p != "wagtail.tasks.update_reference_index_task"]
    assert queued == ["ratusz.core.jobs.run_job"]

    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.review == Job.Review.WAITING and (job.done, job.total) == (2, 2)
    layer.refresh_from_db()
    assert layer.feature_count == 0 and not layer.published  # a draft, not yet public
    draft = Layer.objects.get(pk=job.result["draft"])
    assert not draft.published and draft.feature_count == 2
    assert editor.get("/ogcapi/collections/dzialki-plik/items").status_code == 404

    # who imported does not publish
    page = editor.get(f"/admin/zadania/{job.pk}/").content.decode()
    assert "Wczytano 2 obiekty do szkicu" in page and "Opublikuj</button>" not in page
    editor.post(f"/admin/zadania/{job.pk}/publish/")
    job.refresh_from_db()
    assert job.review == Job.Review.WAITING

    second = Client()
    second.force_login(_second_person(django_user_model))
    assert "Opublikuj</button>" in second.get(f"/admin/zadania/{job.pk}/").content.decode()
    assert second.post(f"/admin/zadania/{job.pk}/publish/").status_code == 302
    job.refresh_from_db()
    assert job.review == Job.Review.PUBLISHED and job.reviewed_by.username == "drugi"
    layer.refresh_from_db()
    assert layer.published and layer.feature_count == 2 and layer.source_format == "shp"
    assert sorted(layer.features.values_list("label", flat=True)) == ["1/1", "1/2"]
    assert not Layer.objects.filter(pk=draft.pk).exists()
    assert second.post(f"/admin/zadania/{job.pk}/publish/").status_code == 302  # once only
    assert Layer.objects.get(pk=layer.pk).feature_count == 2


@pytest.mark.django_db(transaction=True)
def test_the_editor_gets_the_reason_and_nothing_is_saved(editor, db_tasks):
    from ratusz.core.models import Job

    upload = SimpleUploadedFile("zle.geojson", b'{"type": "FeatureCollection", "features": []}')
    editor.post("/admin/snippets/gis/layer/add/", form_data(upload))
    run_worker()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert job.error == "Plik odrzucony: Plik nie zawiera żadnych obiektów."
    assert (
        "Plik odrzucony: Plik nie zawiera żadnych obiektów."
        in editor.get(f"/admin/zadania/{job.pk}/").content.decode()
    )
    assert Layer.objects.get(slug="dzialki-plik").feature_count == 0
    assert Layer.objects.count() == 1  # no draft left behind

    e, n = 511841.7, 260134.8
    data = make_shp_zip([[square(e, n)]], [["1/1", 400]])
    upload = SimpleUploadedFile("dzialki.zip", data, content_type="application/zip")
    editor.post(
        "/admin/snippets/gis/layer/add/", form_data(upload, slug="druga", label_property="nr")
    )
    run_worker()
    job = Job.objects.get(params__layer=Layer.objects.get(slug="druga").pk)
    assert job.error == "Warstwa nie ma atrybutu „nr”. Dostępne: NUMER, POW_M2."

    data = make_shp_zip([[square(e, n)]], [["1/1", 400]])
    upload = SimpleUploadedFile("dzialki.zip", data, content_type="application/zip")
    editor.post("/admin/snippets/gis/layer/add/", form_data(upload, slug="trzecia", dry_run="on"))
    run_worker()
    job = Job.objects.get(dry_run=True)
    assert job.status == Job.Status.DONE and job.review == ""
    assert Layer.objects.filter(slug__startswith="szkic-").count() == 0  # rolled back

    response = editor.post(
        "/admin/snippets/gis/layer/add/", form_data("", colour="zielon", slug="x")
    )
    html = response.content.decode()
    assert "Prześlij plik z danymi warstwy." in html and "#rrggbb" in html


def test_search_by_address_in_an_address_layer(
    client, demo_gis, django_capture_on_commit_callbacks
):
    import json

    from ratusz.gis.importer import import_layer
    from ratusz.gis.readers import read_geojson

    points = [("ul. Powstańców 1", 19.1405, 50.2412), ("ul. Katowicka 10", 19.135, 50.235)]
    raw = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"adres": adres},
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                }
                for adres, lon, lat in points
            ],
        }
    ).encode()
    layer = Layer(slug="adresy", title="Punkty adresowe", kind="addresses", label_property="adres")
    # the search entries are written once the import's transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        import_layer(layer, read_geojson(raw))
    # a layer with the address in one attribute: street and number read from it
    doc = client.get("/api/gis/szukaj?q=Katowicka 10").json()
    mine = [r for r in doc["results"] if r["collection"] == "adresy"]
    assert [r["label"] for r in mine] == ["ul. Katowicka 10"]
    assert mine[0]["geometry"]["coordinates"] == [19.135, 50.235]
    doc = client.get("/api/gis/szukaj?q=powstańców 1").json()
    assert "ul. Powstańców 1" in [r["label"] for r in doc["results"]]
