"""The municipal thesaurus (``ratusz.search.thesaurus``) as editable synonym rules.

The lines are copied here, so that a later edit of the module does not change
what this migration did. Rules the city already has are left alone.
"""

from django.db import migrations

LINES = """\
samochód, auto, pojazd
prawko => prawo jazdy
dowód => dowód osobisty
meldunek, zameldowanie, zameldować
zarejestrować, rejestracja, rejestrować
przerejestrować => rejestracja
śmieciarka => odpady, wywóz odpadów
kubeł, pojemnik na śmieci => odpady
segregacja => odpady
opłata śmieciowa => opłata za gospodarowanie odpadami
becikowe => urodzenie dziecka, zapomoga
psi park, wybieg dla psów
ślub, wesele => małżeństwo, zawarcie małżeństwa
akt urodzenia => odpis aktu
zgon, śmierć => akt zgonu
parkowanie, parking => abonament postojowy, strefa płatnego parkowania
parkometr => strefa płatnego parkowania
dopłata do czynszu, czynsz => dodatek mieszkaniowy
podatek od domu, podatek od mieszkania => podatek od nieruchomości
wycięcie drzewa, ścięcie drzewa => usunięcie drzew
rozkopanie ulicy, zajęcie ulicy => zajęcie pasa drogowego
godziny otwarcia, godziny pracy, godziny przyjęć
ratusz, magistrat => urząd miasta
radni => rada miasta
prąd => energia elektryczna
brak wody => przerwa w dostawie wody
korki => utrudnienia w ruchu, objazd
śnieg => odśnieżanie, zimowe utrzymanie dróg
ścieżka rowerowa, droga rowerowa, trasa rowerowa
plan miejscowy => miejscowy plan zagospodarowania przestrzennego
MBO => budżet obywatelski
OPP => organizacja pożytku publicznego
KPO => Krajowy Plan Odbudowy
EFRR => Europejski Fundusz Rozwoju Regionalnego
EFS => Europejski Fundusz Społeczny
dofinansowanie unijne, projekty UE => fundusze europejskie
USC => Urząd Stanu Cywilnego
BOM => Biuro Obsługi Mieszkańców
ZTM, komunikacja miejska => transport publiczny
SIT => system informacji o terenie
ulica, ul
aleja, al
osiedle, os
"""


def _rules():
    for line in LINES.splitlines():
        terms, _arrow, expands_to = line.partition("=>")
        yield terms.strip(), expands_to.strip()


def add(apps, schema_editor):
    SynonymRule = apps.get_model("search", "SynonymRule")
    for terms, expands_to in _rules():
        SynonymRule.objects.get_or_create(terms=terms, expands_to=expands_to)


def remove(apps, schema_editor):
    SynonymRule = apps.get_model("search", "SynonymRule")
    for terms, expands_to in _rules():
        SynonymRule.objects.filter(terms=terms, expands_to=expands_to).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_document_language")]

    operations = [migrations.RunPython(add, remove)]
