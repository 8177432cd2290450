"""`manage.py rodo_export EMAIL_OR_PESEL`: a resident's data as JSON (art. 15 RODO)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from ratusz.accounts import rodo
from ratusz.accounts.identity import identify


class Command(BaseCommand):
    help = "Wypisuje jako JSON dane mieszkańca znalezione po adresie e-mail lub numerze PESEL."

    def add_arguments(self, parser):
        parser.add_argument("who", help="adres e-mail albo numer PESEL")

    def handle(self, *args, **options):
        try:
            identity = identify(options["who"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        report = rodo.export(identity)
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder))
