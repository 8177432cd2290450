"""Files cities really have: layers written by GDAL/OGR 3.6 (tests/data/gdal/make.sh).

The files were made once with ogr2ogr and committed, so these tests need no
GDAL. Each one is a case that used to be refused or silently mangled.
"""

import math
import sqlite3

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from shapely.geometry import shape

from ratusz.core.tenancy import default_site_id
from ratusz.gis import crs, curves
from ratusz.gis.readers import LayerFileError, gpkg_geometry, mend_field_names, read_layer
from tests.files import DATA

GDAL = DATA / "gdal"


def read(name: str, **options):
    return read_layer(name, (GDAL / name).read_bytes(), **options)


def in_2180(geometry: dict):
    return shape(crs.transform_geometry(geometry, crs.CRS84, crs.EPSG2180))


# --- a field name cut in the middle of a letter ------------------------------------


def test_a_field_name_cut_mid_letter_keeps_its_readable_part():
    layer = read("shp-utf8-cut-field-name.zip")
    assert layer.fields == ["numer_obr", "nazwa"]
    assert [f["properties"] for f in layer.features] == [
        {"numer_obr": "0001", "nazwa": "Wesoła"},
        {"numer_obr": "0002", "nazwa": "Brzęczkowice"},
    ]
    assert layer.notes == [
        "Nazwa pola „numer_obr\\xc4” była ucięta w środku znaku (plik ma 10 bajtów na nazwę "
        "pola); zapisano ją jako „numer_obr”."
    ]
    assert in_2180(layer.features[0]["geometry"]).area == pytest.approx(900, abs=0.01)


def test_mended_names_stay_unique():
    header = bytearray(32)
    header[8:10] = (32 + 3 * 32 + 1).to_bytes(2, "little")
    fields = b""
    for raw in (b"numer_obr", b"numer_obr\xc4", b"\xc4"):
        fields += raw + b"\0" * (11 - len(raw)) + b"C" + bytes(20)
    notes: list[str] = []
    mended = mend_field_names(bytes(header) + fields + b"\r", "utf-8", notes)
    names = [mended[s : s + 11].split(b"\0")[0].decode() for s in (32, 64, 96)]
    assert names == ["numer_obr", "numer_ob_2", "pole_2"] and len(notes) == 2


# --- curves ----------------------------------------------------------------------


def test_a_multisurface_of_straight_segments_is_accepted_as_it_is():
    layer = read("gpkg-multisurface-straight.gpkg")
    geometry = layer.features[0]["geometry"]
    assert geometry["type"] == "MultiPolygon" and len(geometry["coordinates"]) == 2
    square, triangle = (
        in_2180({"type": "Polygon", "coordinates": p}) for p in geometry["coordinates"]
    )
    assert square.area == pytest.approx(900, abs=0.01)
    assert triangle.area == pytest.approx(450, abs=0.01)
    assert len(geometry["coordinates"][0][0]) == 5  # no vertex added to straight lines
    assert "łuków: 0" in layer.notes[0] and "odchyłka od łuku najwyżej 1 cm" in layer.notes[0]


def _blobs(name: str, table: str) -> list[bytes]:
    conn = sqlite3.connect(GDAL / name)
    try:
        return [gpkg_geometry(row[0])[1] for row in conn.execute(f"SELECT geom FROM {table}")]
    finally:
        conn.close()


def test_real_arcs_are_linearised_within_the_stated_tolerance():
    pond, half = _blobs("gpkg-curvepolygon-arcs.gpkg", "luki")
    assert curves.wkb_type(pond) == curves.CURVEPOLYGON
    geometry, arcs = curves.linearise(pond, 0.01)
    ring = geometry["coordinates"][0]
    assert arcs == 1 and ring[0] == ring[-1] == [510000.0, 259000.0]
    step = 2 * math.pi / (len(ring) - 1)
    assert all(math.hypot(x - 510020, y - 259000) == pytest.approx(20, abs=1e-9) for x, y in ring)
    assert 20 * (1 - math.cos(step / 2)) <= 0.01  # the sagitta: how far a chord strays
    assert shape(geometry).area == pytest.approx(math.pi * 400, rel=1e-3)
    geometry, arcs = curves.linearise(half, 0.01)
    assert arcs == 1 and shape(geometry).area == pytest.approx(math.pi * 200, rel=1e-3)
    assert max(y for _, y in geometry["coordinates"][0]) == pytest.approx(259020)


def test_a_curvepolygon_geopackage_is_imported():
    layer = read("gpkg-curvepolygon-arcs.gpkg")
    assert [f["properties"]["nazwa"] for f in layer.features] == ["staw", "półkole"]
    pond = in_2180(layer.features[0]["geometry"])
    assert pond.is_valid and pond.area == pytest.approx(math.pi * 400, rel=1e-3)
    assert "w obiektach: 2" in layer.notes[0] and "łuków: 2" in layer.notes[0]


def test_broken_curve_wkb_is_refused_in_polish():
    (pond,) = _blobs("gpkg-curvepolygon-arcs.gpkg", "luki")[:1]
    with pytest.raises(curves.CurveError, match="ucięta"):
        curves.linearise(pond[:-9], 0.01)
    with pytest.raises(curves.CurveError, match="zbędne"):
        curves.linearise(pond + b"\0", 0.01)


# --- a self-crossing polygon -----------------------------------------------------


def test_a_self_crossing_polygon_is_refused_with_its_number():
    with pytest.raises(LayerFileError) as refused:
        read("gpkg-self-crossing.gpkg")
    assert str(refused.value) == (
        "Warstwa obiekty, obiekt nr 2: nieprawidłowa geometria — krawędzie przecinają się "
        "w punkcie (510115, 259015). Popraw ją w pliku albo zaznacz „Napraw geometrię”, "
        "a system ją naprawi i wypisze zmiany."
    )


def test_repair_when_asked_lists_each_repair():
    layer = read("gpkg-self-crossing.gpkg", repair=True)
    assert [f["geometry"]["type"] for f in layer.features] == ["Polygon", "MultiPolygon", "Polygon"]
    assert layer.notes == [
        "Warstwa obiekty, obiekt nr 2: naprawiono geometrię (krawędzie przecinają się "
        "w punkcie (510115, 259015)); jest teraz typu MultiPolygon."
    ]
    assert in_2180(layer.features[1]["geometry"]).area == pytest.approx(450, abs=0.01)


# --- swapped axes ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_square_with_swapped_axes_is_refused_and_nothing_is_written():
    from ratusz.gis.importer import import_layer
    from ratusz.gis.models import Layer

    data = read("shp-swapped-axes-2180.zip")  # the CRS's area holds it: near Gorzów
    lon, lat = shape(data.features[0]["geometry"]).centroid.coords[0]
    assert 15.3 < lon < 15.6 and 52.3 < lat < 52.5
    with pytest.raises(LayerFileError) as refused:
        import_layer(Layer(slug="kwadrat", title="Kwadrat"), data)
    message = str(refused.value)
    assert message.startswith("Warstwa leży poza obszarem miasta (ok. 3")
    assert "Osie współrzędnych wyglądają na zamienione" in message
    assert not Layer.objects.exists()


@pytest.mark.django_db
def test_the_extent_is_the_districts_and_the_margin_is_the_operators(demo_gis, settings):
    from ratusz.gis.importer import check_extent, city_extent

    west, south, east, north = city_extent()
    assert 19.05 < west < east < 19.3 and 50.15 < south < north < 50.3
    data = read("shp-swapped-axes-2180.zip")
    settings.RATUSZ_GIS_EXTENT_MARGIN_KM = 400
    check_extent(data)  # the operator allowed far-away layers
    settings.RATUSZ_GIS_EXTENT_MARGIN_KM = 5
    with pytest.raises(LayerFileError, match="dopuszczalny margines 5 km"):
        check_extent(data)
    check_extent(read("shp-utf8-cut-field-name.zip"))  # the same square, the right way round


@pytest.mark.django_db
def test_a_layer_far_away_but_not_swapped_gets_no_axis_hint(settings):
    from ratusz.gis.importer import check_extent
    from ratusz.gis.readers import read_geojson

    doc = (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
        b' "geometry": {"type": "Point", "coordinates": [21.0, 52.23]}}]}'
    )
    with pytest.raises(LayerFileError) as refused:
        check_extent(read_geojson(doc))
    assert "Sprawdź układ współrzędnych pliku." in str(refused.value)
    assert "zamienione" not in str(refused.value)


# --- the editor's form -----------------------------------------------------------


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.com", "haslo")
    client.force_login(user)
    return client


def _form(name: str, **extra):
    data = {
        "site": str(default_site_id()),  # a superuser chooses the city
        "title": "Obiekty",
        "slug": "obiekty",
        "description": "",
        "kind": "generic",
        "label_property": "nazwa",
        "time_property": "",
        "licence": "",
        "licence_url": "",
        "attribution": "",
        "colour": "#1d5f8a",
        "position": "10",
        "published": "on",
        "file_crs": "",
        "gpkg_table": "",
        "source_file": SimpleUploadedFile(name, (GDAL / name).read_bytes()),
    }
    data.update(extra)
    return data


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_editor_chooses_repair_and_reads_the_report(editor, db_tasks):
    from ratusz.core.models import Job
    from ratusz.gis.models import Layer
    from tests.worker import run_worker

    editor.post("/admin/snippets/gis/layer/add/", _form("gpkg-self-crossing.gpkg"))
    run_worker()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "obiekt nr 2: nieprawidłowa geometria" in job.error, (job.error, job.report)
    assert Layer.objects.get(slug="obiekty").feature_count == 0
    response = editor.post(
        f"/admin/snippets/gis/layer/edit/{Layer.objects.get().pk}/",
        _form("gpkg-self-crossing.gpkg", repair_geometry="on"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    run_worker()
    job = Job.objects.order_by("-pk").first()
    assert job.status == Job.Status.DONE, job.error
    draft = Layer.objects.get(pk=job.result["draft"])
    assert draft.feature_count == 3
    assert draft.import_report.startswith("Warstwa obiekty, obiekt nr 2: naprawiono geometrię")
    page = editor.get(f"/admin/zadania/{job.pk}/").content.decode()
    assert "obiekt nr 2: naprawiono geometrię" in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_editor_is_told_the_axes_look_swapped(editor, db_tasks):
    from ratusz.core.models import Job
    from tests.worker import run_worker

    editor.post("/admin/snippets/gis/layer/add/", _form("shp-swapped-axes-2180.zip"))
    run_worker()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "Osie współrzędnych wyglądają na zamienione" in job.error, (job.error, job.report)
