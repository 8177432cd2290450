"""`manage.py ratusz_city new --terc 2477011 --host tychy.example.pl`: set up a city.

Docs: docs/cities.md. Each app's part is its ``cities.py`` (ratusz.core.newcity).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ratusz.core import newcity, terc


class Command(BaseCommand):
    help = "Zakłada serwis miasta: stronę dla adresu, drzewo stron, tożsamość, granicę, role."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        new = sub.add_parser("new", help="nowe miasto w tej instalacji")
        new.add_argument("--terc", required=True, help="kod TERC gminy (7 cyfr), np. 2477011")
        new.add_argument("--host", required=True, help="nazwa hosta serwisu, np. portal.tychy.pl")
        new.add_argument("--port", type=int, default=443, help="port (domyślnie 443)")
        new.add_argument("--name", help="nazwa miasta (mianownik); domyślnie z kodu TERC")
        new.add_argument("--genitive", help="nazwa w dopełniaczu, np. „Tychów”")
        new.add_argument("--locative", help="miejscownik z przyimkiem, np. „w Tychach”")
        new.add_argument("--office", default="", help="nazwa urzędu; domyślnie „Urząd Miasta …”")
        new.add_argument("--boundary", type=Path, help="plik z granicą gminy z PRG (inne gminy)")
        new.add_argument("--districts", type=Path, help="plik z dzielnicami (GeoJSON, GPKG, SHP)")
        new.add_argument(
            "--editor",
            action="append",
            default=[],
            metavar="LOGIN",
            help="istniejące konto, które zostanie redaktorem stron tego miasta (można powtórzyć)",
        )

    def handle(self, *args, **options):
        try:
            city = newcity.set_up(self._new_city(options))
        except (terc.UnknownTerc, newcity.CityRefused) as error:
            raise CommandError(str(error)) from None
        for line in city.report:
            self.stdout.write(f"• {line}")
        self.stdout.write(
            self.style.SUCCESS(f"Serwis miasta {city.name.name} działa pod {city.host}.")
        )

    def _new_city(self, options) -> newcity.NewCity:
        code = terc.check(options["terc"])
        names = (options["name"], options["genitive"], options["locative"])
        if all(names):
            name = terc.CityName(code, *(n.strip() for n in names))
        elif any(names):
            raise newcity.CityRefused(
                "Podaj nazwę w trzech formach naraz (--name, --genitive, --locative) "
                "albo żadnej: wtedy Ratusz weźmie je z kodu TERC."
            )
        elif options["boundary"]:
            raise newcity.CityRefused(
                "Dla gminy z własnym plikiem granicy podaj nazwę w trzech formach: "
                "--name, --genitive, --locative."
            )
        else:
            name = terc.resolve(code)
        host = options["host"].strip().lower()
        if not host or "/" in host or ":" in host:
            raise newcity.CityRefused(
                f"Podaj samą nazwę hosta, bez schematu i portu, np. portal.tychy.pl "
                f"(podano {options['host']!r})."
            )
        return newcity.NewCity(
            name=name,
            host=host,
            port=options["port"],
            boundary_file=options["boundary"],
            districts_file=options["districts"],
            office_name=options["office"].strip(),
            editors=[name.strip() for name in options["editor"] if name.strip()],
        )
