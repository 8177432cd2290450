"""`manage.py gis_build_basemap`: the city's vector base map as one PMTiles file.

Drawn from what the portal has: the city boundary and districts with their
names, the published parcel layers, and streets from a GeoJSON file of lines
(``--streets``, their source in ``--streets-source``). Written to
RATUSZ_MAP_PMTILES_FILE (under MEDIA_ROOT), where nginx serves it with range
requests. A base map from OpenStreetMap or BDOT10k is built with tilemaker
instead (docs/gis.md).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from ratusz.core import city as city_identity
from ratusz.core.tenancy import in_city
from ratusz.gis import basemap
from ratusz.gis.basemap_site import archive_path
from ratusz.gis.models import District, Layer

MAX_STREETS_BYTES = 50 * 1024 * 1024
MAX_PARCELS = 200_000  # beyond this the city's parcels belong in a tilemaker build


class Command(BaseCommand):
    help = "Buduje podkład mapy (PMTiles) z granic miasta i dzielnic, działek i ulic."

    def add_arguments(self, parser):
        parser.add_argument(
            "--streets", help="plik GeoJSON (CRS84) z liniami ulic i atrybutem name"
        )
        parser.add_argument(
            "--streets-source", default="", help="źródło ulic do atrybucji, np. „BDOT10k, GUGiK”"
        )
        parser.add_argument("--min-zoom", type=int, default=8)
        parser.add_argument("--max-zoom", type=int, default=15)
        parser.add_argument("--output", help="ścieżka pliku (domyślnie RATUSZ_MAP_PMTILES_FILE)")

    def handle(self, *args, **options):
        # the archive is the default site's (views.api_basemap serves it there only)
        districts = list(
            in_city(District.objects.exclude(geometry=None)).values_list("name", "geometry")
        )
        if not districts:
            raise CommandError("Brak dzielnic z granicami: podkład nie ma z czego powstać.")
        shapes = [shape(geometry) for _name, geometry in districts]
        city = unary_union(shapes)
        city_name = city_identity.current().city_name
        layers = [
            basemap.TileLayer(
                "city",
                [(mapping(city), {"name": city_name})],
                description="granica miasta",
            ),
            basemap.TileLayer(
                "districts",
                [(geometry, {"name": name}) for name, geometry in districts],
                description="dzielnice",
            ),
            basemap.TileLayer(
                "places",
                [(mapping(city.representative_point()), {"name": city_name, "kind": "city"})],
                max_zoom=10,
                description="nazwa miasta",
            ),
            basemap.TileLayer(
                "places",
                [
                    (mapping(s.representative_point()), {"name": name, "kind": "district"})
                    for (name, _g), s in zip(districts, shapes, strict=True)
                ],
                min_zoom=11,
                description="nazwy dzielnic",
            ),
        ]
        parcels = []
        for layer in in_city(Layer.objects.filter(kind=Layer.KIND_PARCELS, published=True)):
            rows = layer.features.exclude(geometry=None).values_list("label", "geometry")
            for label, geometry in rows.iterator(chunk_size=2000):
                parcels.append((geometry, {"id": label}))
                if len(parcels) > MAX_PARCELS:
                    raise CommandError(
                        f"Ponad {MAX_PARCELS} działek: zbuduj podkład programem tilemaker "
                        "(docs/gis.md)."
                    )
        if parcels:
            layers.append(basemap.TileLayer("parcels", parcels, min_zoom=14, description="działki"))
        streets = self._streets(options)
        if streets:
            layers.append(basemap.TileLayer("streets", streets, min_zoom=12, description="ulice"))
        west, south, east, north = city.bounds
        margin = 0.01
        output = Path(options["output"]) if options["output"] else archive_path()
        sources = ["granice: GUGiK, PRG"]
        if streets and options["streets_source"]:
            sources.append(f"ulice: {options['streets_source'][:200]}")
        try:
            result = basemap.build_pmtiles(
                output,
                layers,
                (west - margin, south - margin, east + margin, north + margin),
                min_zoom=options["min_zoom"],
                max_zoom=options["max_zoom"],
                name=f"Podkład mapy: {city_name}",
                attribution="Podkład: " + "; ".join(sources),
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Podkład zapisany: {output} ({result['tiles']} kafli, "
            f"{result['bytes'] / 1024:.0f} KiB, przybliżenia {options['min_zoom']}–"
            f"{options['max_zoom']})."
        )

    def _streets(self, options) -> list:
        if not options["streets"]:
            return []
        path = Path(options["streets"])
        if not path.exists() or path.stat().st_size > MAX_STREETS_BYTES:
            raise CommandError(f"Nie ma pliku {path} albo jest większy niż 50 MB.")
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            features = doc["features"]
        except (ValueError, KeyError, TypeError):
            raise CommandError(f"{path} nie jest plikiem GeoJSON FeatureCollection.") from None
        out = []
        for number, feature in enumerate(features, start=1):
            geometry = (feature or {}).get("geometry") or {}
            if geometry.get("type") not in ("LineString", "MultiLineString"):
                raise CommandError(f"Obiekt nr {number} w {path}: to nie jest linia ulicy.")
            name = ((feature.get("properties") or {}).get("name")) or ""
            out.append((geometry, {"name": str(name)[:200]}))
        return out
