"""Spheres of public tasks, art. 4 ust. 1 of the public benefit act.

Ustawa z 24 kwietnia 2003 r. o działalności pożytku publicznego i o
wolontariacie, t.j. Dz.U. 2024 poz. 1491. The code is the point number
("1a", "22a"); it is what the database stores, so it must never change.
The wording was transcribed for this module and not re-checked against ISAP
in the session that wrote it: docs/ngo.md says how to verify it.
Statutory text is not protected by copyright (art. 4 pkt 2 pr. aut.).
"""

from __future__ import annotations

from typing import NamedTuple

from ratusz.core.marks import N_


class Area(NamedTuple):
    code: str
    label: str


# fmt: off
PUBLIC_BENEFIT_AREAS: tuple[Area, ...] = (
    Area("1", N_('pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji życiowej oraz ' 'wyrównywanie szans tych rodzin i osób')),
    Area("1a", N_('wspieranie rodziny i systemu pieczy zastępczej')),
    Area("1b", N_('udzielanie nieodpłatnej pomocy prawnej oraz zwiększanie świadomości prawnej ' 'społeczeństwa')),
    Area("2", N_('działalność na rzecz integracji i reintegracji zawodowej i społecznej osób ' 'zagrożonych wykluczeniem społecznym')),
    Area("3", N_('działalność charytatywna')),
    Area("4", N_('podtrzymywanie i upowszechnianie tradycji narodowej, pielęgnowanie polskości ' 'oraz rozwój świadomości narodowej, obywatelskiej i kulturowej')),
    Area("5", N_('działalność na rzecz mniejszości narodowych i etnicznych oraz języka ' 'regionalnego')),
    Area("5a", N_('działalność na rzecz integracji cudzoziemców')),
    Area("6", N_('ochrona i promocja zdrowia, w tym działalność lecznicza')),
    Area("7", N_('działalność na rzecz osób niepełnosprawnych')),
    Area("8", N_('promocja zatrudnienia i aktywizacji zawodowej osób pozostających bez pracy i ' 'zagrożonych zwolnieniem z pracy')),
    Area("9", N_('działalność na rzecz równych praw kobiet i mężczyzn')),
    Area("10", N_('działalność na rzecz osób w wieku emerytalnym')),
    Area("11", N_('działalność wspomagająca rozwój gospodarczy, w tym rozwój przedsiębiorczości')),
    Area("12", N_('działalność wspomagająca rozwój techniki, wynalazczości i innowacyjności oraz ' 'rozpowszechnianie i wdrażanie nowych rozwiązań technicznych w praktyce ' 'gospodarczej')),
    Area("13", N_('działalność wspomagająca rozwój wspólnot i społeczności lokalnych')),
    Area("14", N_('nauka, szkolnictwo wyższe, edukacja, oświata i wychowanie')),
    Area("15", N_('działalność na rzecz dzieci i młodzieży, w tym wypoczynek dzieci i młodzieży')),
    Area("16", N_('kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego')),
    Area("17", "wspieranie i upowszechnianie kultury fizycznej"),
    Area("18", N_('ekologia i ochrona zwierząt oraz ochrona dziedzictwa przyrodniczego')),
    Area("19", "turystyka i krajoznawstwo"),
    Area("20", N_('porządek i bezpieczeństwo publiczne')),
    Area("21", N_('obronność państwa i działalność Sił Zbrojnych Rzeczypospolitej Polskiej')),
    Area("22", N_('upowszechnianie i ochrona wolności i praw człowieka oraz swobód obywatelskich, ' 'a także działania wspomagające rozwój demokracji')),
    Area("22a", N_('udzielanie nieodpłatnego poradnictwa obywatelskiego')),
    Area("23", N_('ratownictwo i ochrona ludności')),
    Area("24", N_('pomoc ofiarom katastrof, klęsk żywiołowych, konfliktów zbrojnych i wojen w ' 'kraju i za granicą')),
    Area("25", N_('upowszechnianie i ochrona praw konsumentów')),
    Area("26", N_('działalność na rzecz integracji europejskiej oraz rozwijania kontaktów i ' 'współpracy między społeczeństwami')),
    Area("27", "promocja i organizacja wolontariatu"),
    Area("28", N_('pomoc Polonii i Polakom za granicą')),
    Area("29", N_('działalność na rzecz kombatantów i osób represjonowanych oraz weteranów')),
    Area("30", N_('promocja Rzeczypospolitej Polskiej za granicą')),
    Area("31", N_('działalność na rzecz rodziny, macierzyństwa, rodzicielstwa, upowszechniania i ' 'ochrony praw dziecka')),
    Area("32", N_('przeciwdziałanie uzależnieniom i patologiom społecznym')),
    Area("32a", "rewitalizacja"),
    Area("33", N_('działalność wspomagająca technicznie, szkoleniowo, informacyjnie lub finansowo ' 'organizacje pozarządowe i podmioty z art. 3 ust. 3')),
)
# fmt: on

AREAS_BY_CODE: dict[str, Area] = {area.code: area for area in PUBLIC_BENEFIT_AREAS}


def area_label(code: str) -> str:
    """The statutory label for a point number; KeyError for an unknown code."""
    return AREAS_BY_CODE[code].label


def sort_key(code: str) -> tuple[int, str]:
    """Order codes as the statute does: 1, 1a, 1b, 2, … 32a, 33."""
    digits = code.rstrip("abcdefghijklmnopqrstuvwxyz")
    return int(digits), code[len(digits) :]
