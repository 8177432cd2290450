"""`manage.py demo`: load the Mysłowice demo content, idempotently."""

import importlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: pages and districts first, search last (it indexes the rest).
LOADERS = [
    "ratusz.pages.demo",
    "ratusz.gis.demo",
    "ratusz.gis.demo_basemap",
    "ratusz.demo.images",
    "ratusz.services.demo",
    "ratusz.cooperation.demo",
    "ratusz.budget.demo",
    "ratusz.budget.voting.demo",
    "ratusz.alerts.demo",
    "ratusz.eufunds.demo",
    "ratusz.ngo.demo",
    "ratusz.search.demo",
]

DEMO_ACCOUNTS = [
    # username, password, superuser, groups
    ("redaktor", "redaktor-mysłowice-2026", False, ["Redaktor"]),
    ("admin", "admin-mysłowice-2026", True, []),
]


class Command(BaseCommand):
    help = "Wczytuje treści demonstracyjne Mysłowic (ponowne uruchomienie niczego nie zmienia)."

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
            self._accounts()
        self.stdout.write(self.style.SUCCESS("Treści demonstracyjne są gotowe."))

    def _accounts(self):
        User = get_user_model()
        call_command("ratusz_roles", stdout=self.stdout)  # the groups the accounts join
        self.stdout.write("\nKonta demonstracyjne (panel: http://127.0.0.1:8000/admin/):")
        for username, password, superuser, groups in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "is_staff": True,
                    "is_superuser": superuser,
                    "email": f"{username}@example.invalid",
                },
            )
            if created:
                user.set_password(password)
                user.save()
                user.groups.set(Group.objects.filter(name__in=groups))
            self.stdout.write(f"  {username} / {password}")
            self._second_factor(user)

    def _second_factor(self, user):
        # The admin needs a second factor: a demo account gets a TOTP key to
        # type into an authenticator app, and recovery codes for a newcomer
        # without a phone (docs/security.md). Printed again on every run.
        from ratusz.accounts import twofactor

        device = twofactor.demo_totp(user)
        codes = twofactor.demo_recovery_codes(user)
        self.stdout.write(f"    klucz TOTP: {twofactor.secret_of(device)}")
        self.stdout.write(f"    kody zapasowe: {' '.join(codes)}")
