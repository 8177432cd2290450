"""`manage.py gis_postgis`: store the SIT's geometries in PostGIS from now on.

For a database that got the postgis package after its migrations ran (or whose
owner had to create the extension by hand): adds the geometry columns, GiST
indexes and triggers, fills the columns from the stored GeoJSON. Idempotent.
`--remove` drops them again (back to the embedded way).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from ratusz.gis import spatial


class Command(BaseCommand):
    help = "Włącza (albo --remove wyłącza) przechowywanie geometrii SIT w PostGIS."

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="usuń kolumny PostGIS")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("PostGIS działa tylko z bazą PostgreSQL.")
        if options["remove"]:
            with transaction.atomic():
                spatial.uninstall(connection)
            self.stdout.write(
                self.style.SUCCESS("Usunięto kolumny PostGIS; SIT działa bez PostGIS.")
            )
            return
        if spatial.mode() == "off":
            raise CommandError("RATUSZ_GIS_POSTGIS=off: najpierw zmień to ustawienie.")
        with transaction.atomic():
            done = spatial.install(connection)
        if not done:
            raise CommandError(
                "Baza nie ma rozszerzenia PostGIS i nie można go utworzyć. Zainstaluj pakiet "
                "postgresql-<wersja>-postgis-3 i wykonaj jako właściciel bazy: "
                "CREATE EXTENSION postgis;"
            )
        self.stdout.write(
            self.style.SUCCESS("Geometrie SIT są w PostGIS (kolumna geom, indeks GiST).")
        )
