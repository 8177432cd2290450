"""The city's vector base map: the PMTiles builder, the command, how pages find
the archive, range requests without nginx, and the national WMTS setting."""

import gzip

import mapbox_vector_tile
import pytest
from pmtiles.reader import MmapSource, Reader

from ratusz.gis import basemap
from ratusz.gis.basemap_site import parse_range

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[19.10, 50.20], [19.18, 50.20], [19.18, 50.26], [19.10, 50.26], [19.10, 50.20]]
    ],
}


def _tile(path, z, lon, lat):
    xs, ys = basemap.tile_range(z, (lon, lat, lon, lat))
    with open(path, "rb") as handle:
        data = Reader(MmapSource(handle)).get(z, xs[0], ys[0])
    return mapbox_vector_tile.decode(gzip.decompress(data)) if data else None


def test_builder_writes_an_archive_with_named_layers(tmp_path):
    street = {"type": "LineString", "coordinates": [[19.12, 50.23], [19.16, 50.24]]}
    layers = [
        basemap.TileLayer("districts", [(SQUARE, {"name": "Centrum"})]),
        basemap.TileLayer("streets", [(street, {"name": "ul. Mikołowska"})], min_zoom=12),
    ]
    path = tmp_path / "podklad.pmtiles"
    result = basemap.build_pmtiles(
        path, layers, (19.09, 50.19, 19.19, 50.27), min_zoom=10, max_zoom=14, attribution="Test"
    )
    assert result["tiles"] > 0 and path.stat().st_size == result["bytes"]
    info = basemap.read_metadata(path)
    assert info["header"]["min_zoom"] == 10 and info["header"]["max_zoom"] == 14
    assert info["metadata"]["attribution"] == "Test"
    assert [v["id"] for v in info["metadata"]["vector_layers"]] == ["districts", "streets"]
    low = _tile(path, 11, 19.14, 50.235)
    assert low["districts"]["features"][0]["properties"]["name"] == "Centrum"
    assert "streets" not in low  # below the layer's min zoom
    high = _tile(path, 14, 19.14, 50.2345)
    assert high["streets"]["features"][0]["properties"]["name"] == "ul. Mikołowska"
    assert not (tmp_path / "podklad.pmtiles.part").exists()


def test_builder_refuses_what_it_cannot_do(tmp_path):
    layers = [basemap.TileLayer("districts", [(SQUARE, {"name": "A"})])]
    with pytest.raises(ValueError, match="kafli"):
        basemap.build_pmtiles(tmp_path / "a.pmtiles", layers, (14.0, 49.0, 24.0, 55.0), 8, 16)
    with pytest.raises(ValueError, match="pusty"):
        basemap.build_pmtiles(tmp_path / "b.pmtiles", layers, (21.0, 52.0, 21.01, 52.01), 12, 12)
    with pytest.raises(ValueError, match="Zakres"):
        basemap.build_pmtiles(tmp_path / "c.pmtiles", layers, (19.1, 50.2, 19.2, 50.3), 9, 20)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-126", (0, 126)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=900-5000", (900, 999)),
        ("bytes=1000-", None),
        ("bytes=5-1", None),
        ("bytes=0-1,5-6", None),
        ("items=0-1", None),
        ("bytes=-", None),
        ("bytes=-0", None),
    ],
)
def test_range_header(header, expected):
    assert parse_range(header, 1000) == expected


@pytest.mark.django_db
def test_command_builds_the_demo_map_and_pages_draw_it(client, demo_gis, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert "pmtiles" not in client.get("/api/gis/podklad").json()  # none yet: the outline
    from ratusz.demo import basemap as demo_basemap

    demo_basemap.load(open("/dev/null", "w"))  # the demo's streets through --streets
    path = tmp_path / "podklad" / "miasto.pmtiles"
    info = basemap.read_metadata(path)
    assert "ulice: przybliżone" in info["metadata"]["attribution"]
    assert {"city", "districts", "places", "parcels", "streets"} <= {
        v["id"] for v in info["metadata"]["vector_layers"]
    }
    rynek = _tile(path, 15, 19.1345, 50.2418)
    assert "Rynek" in {f["properties"].get("name") for f in rynek["streets"]["features"]}
    doc = client.get("/api/gis/podklad").json()
    url = doc["pmtiles"]["url"]
    assert url.startswith("/media/podklad/miasto.pmtiles?v=") and doc["features"] == []
    assert doc["pmtiles"]["script"].startswith("/static/core/vendor/protomaps-leaflet/")
    outline = client.get("/api/gis/podklad?zarys=1").json()
    assert "pmtiles" not in outline and outline["features"]
    # the archive in byte ranges where nginx does not serve it (runserver)
    part = client.get(url, HTTP_RANGE="bytes=0-126")
    assert part.status_code == 206 and part.content[:7] == b"PMTiles"
    assert part["Content-Range"] == f"bytes 0-126/{path.stat().st_size}"
    assert part["Accept-Ranges"] == "bytes" and "immutable" in part["Cache-Control"]
    # the same ETag for every range of the file: the browser's reader checks it
    assert client.get(url, HTTP_RANGE="bytes=127-300")["ETag"] == part["ETag"]
    assert client.get(url, HTTP_RANGE="bytes=99999999-").status_code == 416
    assert client.get("/media/podklad/inne.pmtiles").status_code == 404


@pytest.mark.django_db
def test_command_without_districts_says_why(settings, tmp_path):
    from django.core.management import CommandError, call_command

    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(CommandError, match="Brak dzielnic"):
        call_command("gis_build_basemap")


def test_national_wmts_is_off_by_default_and_opens_the_csp_when_chosen(settings):
    from ratusz.core import maps
    from ratusz.core.conf_checks import check_app_settings
    from ratusz.core.middleware import public_policy

    assert maps.tile_url() == "" and "geoportal" not in public_policy()
    settings.RATUSZ_MAP_NATIONAL_WMTS = "ortofotomapa"
    assert "ORTOFOTOMAPA" in maps.tile_url() and maps.tile_attribution() == "Ortofotomapa: GUGiK"
    assert "img-src 'self' data: blob: https://mapy.geoportal.gov.pl" in public_policy()
    assert maps.tile_context()["tile_url"] == maps.tile_url()
    settings.RATUSZ_MAP_NATIONAL_WMTS = "google"
    assert any(e.id == "ratusz_conf.E008" for e in check_app_settings())
    settings.RATUSZ_MAP_NATIONAL_WMTS = ""
    settings.RATUSZ_MAP_PMTILES_URL = "https://cdn.example.org/a.pmtiles"
    assert any(e.id == "ratusz_conf.E009" for e in check_app_settings())
