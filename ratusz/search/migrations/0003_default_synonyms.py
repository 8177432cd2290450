"""A starting list of synonyms; the city edits it in the admin (Snippets → Synonimy)."""

from django.db import migrations

DEFAULTS = [
    ("śmieci, odpady, odpadki", ""),
    ("wywóz, odbiór", ""),
    ("BO", "budżet obywatelski"),
    ("NGO", "organizacja pozarządowa"),
    ("organizacja pozarządowa", "NGO"),
    ("stowarzyszenie, fundacja", "organizacja pozarządowa"),
    ("dotacja, dofinansowanie, grant", ""),
    ("smog", "zanieczyszczenie powietrza, jakość powietrza"),
    ("UE", "Unia Europejska"),
    ("unijny", "europejski"),
    ("meldunek, zameldowanie", ""),
    ("MPZP", "miejscowy plan zagospodarowania przestrzennego"),
    ("wycinka", "usunięcie"),
    ("ślub", "małżeństwo"),
]


def add(apps, schema_editor):
    SynonymRule = apps.get_model("search", "SynonymRule")
    for terms, expands_to in DEFAULTS:
        SynonymRule.objects.get_or_create(terms=terms, expands_to=expands_to)


def remove(apps, schema_editor):
    SynonymRule = apps.get_model("search", "SynonymRule")
    for terms, expands_to in DEFAULTS:
        SynonymRule.objects.filter(terms=terms, expands_to=expands_to).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(add, remove)]
