"""`manage.py import_layer FILE --slug dzialki --title "Działki"`: import a large layer.

``--site tychy.example.pl`` puts the layer in that city (by its host name);
without it the layer is the default site's.

Reads GeoJSON, GeoPackage or a zipped Shapefile, shows a progress bar while
writing, and replaces the layer's features in one transaction.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ratusz.core.tenancy import in_city
from ratusz.gis import crs as crsmod
from ratusz.gis.importer import import_layer
from ratusz.gis.models import Layer
from ratusz.gis.readers import LayerFileError, read_layer


class Command(BaseCommand):
    help = "Importuje warstwę (GeoJSON, GeoPackage, Shapefile w ZIP) do SIT."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--slug", required=True, help="identyfikator kolekcji")
        parser.add_argument("--title", help="tytuł (dla nowej warstwy)")
        parser.add_argument("--crs", help="układ pliku, np. EPSG:2180 (gdy plik go nie podaje)")
        parser.add_argument("--table", help="tabela GeoPackage")
        parser.add_argument("--kind", choices=[k for k, _ in Layer.KINDS], default=None)
        parser.add_argument("--label-property", help="atrybut z nazwą, np. identyfikator działki")
        parser.add_argument("--licence", default=None)
        parser.add_argument(
            "--site", default=None, help="adres (host) miasta warstwy; bez niego: domyślne miasto"
        )
        parser.add_argument(
            "--repair",
            action="store_true",
            help="napraw nieprawidłowe geometrie (każda naprawa w raporcie) zamiast odrzucać plik",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Nie ma pliku {path}.")
        try:
            source = crsmod.get_crs(options["crs"]) if options["crs"] else None
        except crsmod.CrsError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Odczyt {path.name}…")
        try:
            data = read_layer(
                path.name, path.read_bytes(), source, options["table"], repair=options["repair"]
            )
        except LayerFileError as exc:
            raise CommandError(f"Plik odrzucony: {exc}") from None
        self.stdout.write(f"{len(data.features)} obiektów, układ {data.source_crs.label}.")
        site = self._site(options["site"])
        layer = in_city(Layer.objects.filter(slug=options["slug"]), site).first() or Layer(
            site=site, slug=options["slug"], title=options["title"] or options["slug"]
        )
        if options["title"]:
            layer.title = options["title"]
        if options["kind"]:
            layer.kind = options["kind"]
        if options["label_property"]:
            layer.label_property = options["label_property"]
        if options["licence"] is not None:
            layer.licence = options["licence"]
        try:
            import_layer(layer, data, progress=self._progress)
        except LayerFileError as exc:
            raise CommandError(f"Plik odrzucony: {exc}") from None
        self.stdout.write("")
        for note in data.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(f"Zaimportowano {layer.feature_count} obiektów do „{layer.slug}”.")
        )

    def _site(self, host):
        from wagtail.models import Site

        from ratusz.core.city import site_of

        if not host:
            site = site_of()
            if site is None:
                raise CommandError("Ta instalacja nie ma jeszcze żadnego miasta (strony).")
            return site
        site = Site.objects.filter(hostname=host).order_by("pk").first()
        if site is None:
            known = ", ".join(Site.objects.values_list("hostname", flat=True))
            raise CommandError(f"Nie ma miasta pod adresem {host}. Są: {known}.")
        return site

    def _progress(self, done: int, total: int) -> None:
        width = 40
        filled = width * done // max(total, 1)
        bar = "█" * filled + "·" * (width - filled)
        end = "\n" if done >= total else ""
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending=end)
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()
        elif sys.stdout.isatty():
            sys.stdout.flush()
