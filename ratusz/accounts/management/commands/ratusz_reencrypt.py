"""Rewrite every encrypted column with the newest key (after a key rotation)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ratusz.core.privacy import encrypted_fields


class Command(BaseCommand):
    help = (
        "Szyfruje na nowo wszystkie zaszyfrowane dane osobowe pierwszym kluczem z "
        "RATUSZ_ENCRYPTION_KEYS. Uruchom po dopisaniu nowego klucza na początek listy; "
        "potem stary klucz można usunąć (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="wierszy w jednej transakcji")

    def handle(self, *args, batch, **options):
        by_model = {}
        for model, name in encrypted_fields():
            by_model.setdefault(model, []).append(name)
        for model, names in by_model.items():
            try:
                rows = self._model(model, names, batch)
            except ValueError:
                raise CommandError(
                    f"{model._meta.label}: nie można odszyfrować danych żadnym kluczem z "
                    "RATUSZ_ENCRYPTION_KEYS; dopisz brakujący stary klucz."
                ) from None
            self.stdout.write(f"{model._meta.label}: {rows} wierszy ({', '.join(names)})")

    def _model(self, model, names, batch):
        rows = 0
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), max(1, batch)):
            chunk = pks[start : start + batch]
            with transaction.atomic():
                found = model._base_manager.filter(pk__in=chunk).values_list("pk", *names)
                for pk, *values in found:
                    # Read back with any key, written with the newest.
                    model._base_manager.filter(pk=pk).update(
                        **dict(zip(names, values, strict=True))
                    )
                    rows += 1
        return rows
