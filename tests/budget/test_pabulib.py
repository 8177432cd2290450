"""Reading and writing pabulib .pb files."""

import pytest

from ratusz.budget import pabulib

from .pb_files import election, names

SMALL = """\ufeffMETA
key; value
description;Test
country;Poland
unit;Mysłowice
instance;2026
num_projects;3
num_votes;3
budget;100000,50
vote_type;cumulative
rule;greedy
max_sum_points;3
PROJECTS
project_id;cost;score;name;selected
A;60000;5;"Park; etap II";1
B;30000,25;2;None;1
C;50000;2;Boisko;0
VOTES
voter_id;vote;points;age
1;A,B;2,1;0
2;A,C;2,1;None
3;A,C;1,1;44
"""


def test_small_file_types_and_values():
    e = pabulib.loads(SMALL)
    assert e.meta["budget"] == "100000,50" and str(e.budget) == "100000.50"
    assert e.projects["A"]["name"] == "Park; etap II"
    assert str(e.cost("B")) == "30000.25"
    assert e.project_value("B", "name") is None
    assert e.ballots() == [("A", "B"), ("A", "C"), ("A", "C")]
    assert e.points() == [(2, 1), (2, 1), (1, 1)]
    assert e.scores() == {"A": 5, "B": 1, "C": 2}
    assert e.column("age") == ["0", None, "44"]
    assert e.selected(1) == ["A", "B"]


def test_checker_rules_find_a_wrong_recount():
    problems = pabulib.check(pabulib.loads(SMALL))
    assert problems == ["Projekt B: kolumna score różni się od przeliczenia (1)."]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SMALL.replace("PROJECTS\n", ""), "Wiersz 17: oczekiwano sekcji PROJECTS."),
        (SMALL.split("VOTES")[0], "Brak sekcji VOTES."),
        (
            SMALL.replace("3;A,C;1,1;44", "2;A,C;1,1;44"),
            "Wiersz 22: voter_id 2 powtórzony (pierwszy raz w wierszu 21).",
        ),
        (SMALL.replace("1;A,B;2,1;0", "1;A,X;2,1;0"), "Wiersz 20: głos 1: nieznany projekt X."),
        (
            SMALL.replace("1;A,B;2,1;0", "1;A,B;2;0"),
            "Wiersz 20: głos 1: punkty nie odpowiadają projektom "
            "(oczekiwano liczb od 0, po jednej na projekt).",
        ),
        (
            SMALL.replace("C;50000;2;Boisko;0", "C;0;2;Boisko;0"),
            "Wiersz 17: koszt projektu C musi być dodatni.",
        ),
        (
            SMALL.replace("C;50000;2;Boisko;0", "C;dużo;2;Boisko;0"),
            "Wiersz 17: koszt projektu C: „dużo” nie jest kwotą (oczekiwano np. 125000 albo 125000.50).",
        ),
        (
            SMALL.replace("C;50000;2;Boisko;0", "C;50000;2;0"),
            "Wiersz 17: 4 pól zamiast 5 z nagłówka sekcji.",
        ),
        (SMALL.replace("project_id;cost", "id;cost"), "Wiersz 14: brak kolumn project_id."),
        ("PROJECTS\n", "Wiersz 1: oczekiwano sekcji META."),
    ],
)
def test_broken_files_are_refused_with_a_polish_message(text, message):
    with pytest.raises(pabulib.PabulibError) as info:
        pabulib.loads(text)
    assert str(info.value) == message


@pytest.mark.parametrize("name", names())
def test_every_pabulib_file_parses_recounts_and_round_trips(name):
    e = election(name)
    assert len(e.projects) == e.meta_int("num_projects")
    assert len(e.votes) == e.meta_int("num_votes")
    # Recounted votes and scores equal the PROJECTS columns (Kraków: 3/2/1 by position).
    assert pabulib.check(e) == []
    again = pabulib.loads(pabulib.dumps(e))
    assert (again.meta, again.projects, again.votes) == (e.meta, e.projects, e.votes)
    assert again.project_columns == e.project_columns and again.vote_columns == e.vote_columns


def test_quoted_semicolon_survives_the_round_trip():
    e = election("Poland_Wroclaw_2017.pb")
    name = e.projects["50"]["name"]
    assert name.startswith("Zielona rowerowo-piesza obwodnica Wrocławia; ETAP II – odcinki")
    assert f'"{name}"' in pabulib.dumps(e)


def test_ordinal_score_is_position_points():
    e = election("Poland_Krakow_2025_Stare_Miasto.pb")
    assert all(len(b) == 3 for b in e.ballots())
    assert e.scores()["BO.D1.2/25"] == 1617


def test_age_zero_is_kept():
    assert "0" in election("Poland_Warszawa_2020_Bialoleka.pb").column("age")


def test_the_export_neutralises_formulas_like_every_csv():
    e = election(names()[0])
    first = next(iter(e.projects.values()))
    first["name"] = '\uff1dHYPERLINK("http://x")'
    text = pabulib.dumps(e)
    assert ";'\uff1dHYPERLINK" in text or "\"'\uff1dHYPERLINK" in text
