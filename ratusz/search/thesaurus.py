"""The municipal thesaurus: words residents use → the words the office writes.

Plain Python, in the rule syntax of ``synonyms``. Migration ``search.0005``
copies these lines into the editable synonym rules, so the city changes them
in the admin like any other rule; this list is only the starting point
(and what the plain tests use).

Written for any Polish city office, not for one page: everyday words for the
office's matters (car → vehicle, registering → registration), colloquial
names of benefits, bins and offices, abbreviations residents type.
"""

THESAURUS = """\
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
