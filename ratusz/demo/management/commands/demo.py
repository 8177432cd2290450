"""`manage.py demo`: load the demo content (Mysłowice, and Tychy beside it), idempotently."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from ratusz.demo import accounts

# Order matters: pages and districts first, search last (it indexes the rest).
LOADERS = [
    "ratusz.demo.pages",
    "ratusz.demo.gis",
    "ratusz.demo.basemap",
    "ratusz.demo.images",
    "ratusz.demo.services",
    "ratusz.demo.cooperation",
    "ratusz.demo.budget",
    "ratusz.demo.voting",
    "ratusz.demo.alerts",
    "ratusz.demo.eufunds",
    "ratusz.demo.ngo",
    "ratusz.demo.second_city",
    "ratusz.demo.search",
]


class Command(BaseCommand):
    help = "Wczytuje treści demonstracyjne: Mysłowice i drugie miasto, Tychy (ponowne uruchomienie niczego nie zmienia)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--accounts", action="store_true", help="utwórz konta demonstracyjne i wypisz hasła"
        )

    def handle(self, *args, **options):
        for name in LOADERS:
            module = importlib.import_module(name)
            self.stdout.write(f"• {name}")
            with transaction.atomic():
                module.load(self.stdout)
        if options["accounts"]:
            accounts.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Treści demonstracyjne są gotowe."))
