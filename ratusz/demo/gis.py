"""Demo content for Mysłowice (`manage.py demo`): districts and a small parcel layer.

The city boundary comes from the county boundaries shipped in ``gis/data``
(powiaty.geojson, derived from GUGiK PRG; source and licence beside it), or from
``RATUSZ_GIS_BOUNDARY_FILE``. District polygons are approximate (see districts.py).
"""

import json
from decimal import Decimal
from pathlib import Path

from ratusz.core import city
from ratusz.core.conf import conf
from ratusz.demo.districts import DISTRICTS, area_km2, district_polygons
from ratusz.demo.synth import address_points, parcel_geojson
from ratusz.gis import boundaries
from ratusz.gis.crs import EPSG2180
from ratusz.gis.importer import import_layer
from ratusz.gis.models import District, Layer
from ratusz.gis.readers import read_geojson

DEMO_PARCELS = 400
DEMO_ADDRESSES = "punkty-adresowe-demo"
SHIPPED_BOUNDARIES = boundaries.SHIPPED_COUNTIES


def boundary_file() -> Path:
    configured = conf.RATUSZ_GIS_BOUNDARY_FILE
    if configured:
        return Path(configured)
    return SHIPPED_BOUNDARIES


def city_boundary() -> dict | None:
    path = boundary_file()
    if not path.exists():
        return None
    name = city.current().city_name
    doc = json.loads(path.read_text(encoding="utf-8"))
    for feature in doc["features"]:
        if feature["properties"].get("nazwa") == f"powiat {name}":
            return feature["geometry"]
    return None


def load(stdout=None):
    site = city.site_of()  # the default site: Mysłowice
    boundary = city_boundary()
    polygons = district_polygons(boundary) if boundary else {}
    for number, (name, slug, _lon, _lat) in enumerate(DISTRICTS, start=1):
        geometry = polygons.get(slug)
        defaults = {"name": name, "code": f"{number:02d}", "geometry": geometry}
        if geometry:
            defaults["area_km2"] = Decimal(str(area_km2(geometry)))
        district, created = District.objects.get_or_create(site=site, slug=slug, defaults=defaults)
        if not created and geometry and district.geometry != geometry:
            for key, value in defaults.items():
                setattr(district, key, value)
            district.save()
    if stdout and not boundary:
        stdout.write(f"gis: brak {boundary_file()}, dzielnice bez granic\n")
    _demo_parcels(site)
    _demo_addresses(site)


def _demo_parcels(site):
    layer, created = Layer.objects.get_or_create(
        site=site,
        slug="dzialki-demo",
        defaults={
            "title": "Działki (dane przykładowe)",
            "description": (
                "Przykładowa siatka działek w obrębie 0001, do pokazania wyszukiwania "
                "i tabel. To nie są dane ewidencji gruntów: te prowadzi starosta."
            ),
            "kind": Layer.KIND_PARCELS,
            "licence": "CC0 1.0 (dane przykładowe)",
            "colour": "#8a4b08",
            "label_property": "identyfikator",
            "position": 50,
        },
    )
    if created or layer.feature_count != DEMO_PARCELS:
        import_layer(layer, read_geojson(parcel_geojson(DEMO_PARCELS, size=25.0), EPSG2180))


def _demo_addresses(site):
    """Address points along the demo's streets, shaped like PRG punkty adresowe."""
    from ratusz.gis import placesearch

    doc = address_points()
    layer, created = Layer.objects.get_or_create(
        site=site,
        slug=DEMO_ADDRESSES,
        defaults={
            "title": "Punkty adresowe (dane przykładowe)",
            "description": (
                "Przykładowe punkty adresowe wzdłuż kilkunastu ulic miasta, w układzie "
                "pól jak w punktach adresowych PRG. Położenie jest przybliżone: miasto "
                "wgrywa tu punkty adresowe z PRG (GUGiK) jak każdą inną warstwę."
            ),
            "kind": Layer.KIND_ADDRESSES,
            "licence": "CC0 1.0 (dane przykładowe)",
            "colour": "#5b3f8c",
            "label_property": "adres",
            "position": 60,
        },
    )
    if created or layer.feature_count != len(doc["features"]):
        import_layer(layer, read_geojson(json.dumps(doc).encode()))
    for demo_layer in Layer.objects.filter(site=site, slug__in=["dzialki-demo", DEMO_ADDRESSES]):
        placesearch.rebuild(demo_layer.pk)


# A few well-known places of Tychy (CRS84, approximate): the second city's own layer.
TYCHY_PLACES = [
    ("browar", "Tyskie Browary Książęce", "zabytek techniki", 18.9655, 50.1343),
    ("paprocany", "Jezioro Paprocańskie", "kąpielisko i przystań", 19.0030, 50.0930),
    ("stadion", "Stadion Miejski", "obiekt sportowy", 18.9890, 50.1150),
    ("park", "Park Miejski", "teren zielony", 18.9790, 50.1235),
    ("teatr", "Teatr Mały", "instytucja kultury", 18.9870, 50.1240),
]
TYCHY_LAYER = "miejsca-tychy-demo"


def load_second_city(site):
    """Tychy's own map layer (idempotent): a handful of places, found by the map's
    search on Tychy's address only. Districts are not drawn: the clerks add them
    (Mapa → Dzielnice) or ``ratusz_city new --districts``."""
    from ratusz.gis import placesearch

    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": fid,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"nazwa": name, "rodzaj": kind},
            }
            for fid, name, kind, lon, lat in TYCHY_PLACES
        ],
    }
    layer, created = Layer.objects.get_or_create(
        site=site,
        slug=TYCHY_LAYER,
        defaults={
            "title": "Miejsca w Tychach (dane przykładowe)",
            "description": (
                "Kilka znanych miejsc Tychów do pokazania mapy i wyszukiwarki. "
                "Położenie jest przybliżone."
            ),
            "licence": "CC0 1.0 (dane przykładowe)",
            "colour": "#a0522d",
            "label_property": "nazwa",
            "position": 50,
        },
    )
    if created or layer.feature_count != len(TYCHY_PLACES):
        import_layer(layer, read_geojson(json.dumps(doc).encode()))
    placesearch.rebuild(layer.pk)
    return layer
