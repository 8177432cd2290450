"""Demo loader (`manage.py demo`): the city's PMTiles base map, built from the
demo's districts, parcels and streets with `gis_build_basemap`. Rebuilt only
when missing, so a second `manage.py demo` is quick; operators rebuild it with
the command after changing the data (docs/gis.md)."""

from django.core.management import call_command

from .basemap_site import archive_path


def load(stdout=None):
    if archive_path().exists():
        return
    call_command("gis_build_basemap", "--demo-streets", stdout=stdout)
