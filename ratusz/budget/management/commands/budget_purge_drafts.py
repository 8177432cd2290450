"""Delete drafts nobody has touched for a long time, with their files."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.budget.services import purge_abandoned_drafts


class Command(BaseCommand):
    help = (
        "Usuwa szkice projektów budżetu obywatelskiego niezmieniane od podanej liczby dni "
        "(domyślnie 60) razem z ich załącznikami. Anonimowe szkice zapisuje każdy, więc "
        "bez sprzątania rosłyby bez końca."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=60, help="wiek szkicu w dniach")

    def handle(self, *args, days, **options):
        count = purge_abandoned_drafts(timezone.now() - timedelta(days=max(1, days)))
        self.stdout.write(_("Usunięto szkiców: %(n)d.") % {"n": count})
