"""Demo loader (`manage.py demo`): the city's PMTiles base map, built with
`gis_build_basemap` from the demo's districts, parcels and streets (the lines of
``synth.DEMO_STREETS``). Rebuilt only when missing, so a second `manage.py demo`
is quick; operators rebuild it with the command after changing the data
(docs/gis.md)."""

import json
import tempfile
from pathlib import Path

from django.core.management import call_command

from ratusz.demo.synth import street_lines
from ratusz.gis.basemap_site import archive_path


def load(stdout=None):
    if archive_path().exists():
        return
    with tempfile.TemporaryDirectory(prefix="ratusz-ulice-") as folder:
        streets = Path(folder) / "ulice.geojson"
        doc = {"type": "FeatureCollection", "features": street_lines()}
        streets.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        call_command(
            "gis_build_basemap",
            "--streets",
            str(streets),
            "--streets-source",
            "przybliżone, dane przykładowe",
            stdout=stdout,
        )
