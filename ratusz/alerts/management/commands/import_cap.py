import time

from django.core.management.base import BaseCommand, CommandError

from ratusz.alerts import cap
from ratusz.alerts.importing import Report, fetch, import_bytes, import_imgw
from ratusz.alerts.models import ImportSource


class Command(BaseCommand):
    help = "Importuje komunikaty CAP z plików, adresów kanałów lub skonfigurowanych źródeł."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", help="pliki .xml lub adresy http(s)")
        parser.add_argument(
            "--configured", action="store_true", help="odczytaj czynne źródła z panelu"
        )
        parser.add_argument(
            "--imgw",
            metavar="PLIK_LUB_ADRES",
            help="ostrzeżenia IMGW-PIB w JSON (api/data/warningsmeteo) dla powiatu miasta",
        )
        parser.add_argument(
            "--site",
            metavar="HOST",
            help="nazwa hosta serwisu miasta, do którego trafią komunikaty (domyślnie: "
            "serwis domyślny); --configured czyta źródła każdego miasta do jego serwisu",
        )

    def handle(self, *args, sources, configured, imgw, site=None, **options):
        if not sources and not configured and not imgw:
            raise CommandError("Podaj plik, adres, --imgw albo --configured.")
        city = self._site(site)
        if imgw:
            data = self._read(imgw)
            for line in import_imgw(data, site=city).lines():
                self.stdout.write(line)
        for source in sources:
            self._one(source, city)
        if configured:
            from django.utils import timezone

            chosen = ImportSource.objects.filter(active=True).select_related("site")
            if site:
                chosen = chosen.filter(site=city)
            for src in chosen:
                try:
                    report = self._one(src.url, src.site)
                except CommandError as exc:  # one broken source must not stop the others
                    report = Report(errors=[str(exc)])
                    self.stderr.write(str(exc))
                src.last_run_at = timezone.now()
                src.last_result = "\n".join(report.lines())[:5000]
                src.save(update_fields=["last_run_at", "last_result"])

    def _read(self, source):
        try:
            if source.startswith(("http://", "https://")):
                return fetch(source)
            with open(source, "rb") as fh:
                return fh.read()
        except (OSError, cap.CapError) as exc:
            raise CommandError(f"{source}: {exc}") from exc

    def _site(self, hostname):
        from wagtail.models import Site

        if not hostname:
            return None  # the default site
        found = Site.objects.filter(hostname=hostname).first()
        if found is None:
            raise CommandError(f"Nie ma serwisu o nazwie hosta {hostname}.")
        return found

    def _one(self, source, site=None):
        started = time.monotonic()
        data = self._read(source)
        report = import_bytes(
            data, base_url=source if "://" in source else "", started=started, site=site
        )
        for line in report.lines():
            self.stdout.write(line)
        return report
