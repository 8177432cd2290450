"""Ballot validity for every ballot kind, several pools and district rules."""

import pytest

from ratusz.budget.ballots import BallotSpec, InvalidBallot, PoolSpec, count, plural, validate

COSTS = {f"D{i}": 100_000 * i for i in range(1, 8)}


def spec(kind, **kw):
    return BallotSpec([PoolSpec("d", "Dzielnica Piasek", kind, COSTS, district="piasek", **kw)])


def errors(spec_, choices, district=None):
    with pytest.raises(InvalidBallot) as info:
        validate(spec_, choices, district)
    return info.value.errors


def test_approval_min_and_max():
    s = spec("approval", min_choices=2, max_choices=3)
    assert validate(s, {"d": ["D1", "D2"]}) == {"d": (("D1", 1), ("D2", 1))}
    assert errors(s, {"d": ["D1"]}) == {
        "d": ["W puli „Dzielnica Piasek” wybierz co najmniej 2 projekty."]
    }
    assert errors(s, {"d": ["D1", "D2", "D3", "D4"]}) == {
        "d": ["W puli „Dzielnica Piasek” można wybrać najwyżej 3 projekty; wybrano 4."]
    }


def test_choose_one():
    s = spec("choose-1")
    assert validate(s, {"d": ["D5"]}) == {"d": (("D5", 1),)}
    assert errors(s, {"d": ["D1", "D2"]}) == {
        "d": ["W puli „Dzielnica Piasek” wybierz dokładnie jeden projekt."]
    }


def test_cumulative_points():
    s = spec("cumulative", points=3, max_choices=3)
    assert validate(s, {"d": {"D1": 2, "D2": 1}}) == {"d": (("D1", 2), ("D2", 1))}
    assert errors(s, {"d": {"D1": 3, "D2": 1}}) == {
        "d": ["W puli „Dzielnica Piasek” rozdzielono 4 pkt, a można najwyżej 3."]
    }
    assert errors(s, {"d": {"D1": 0}}) == {
        "d": ["Punkty dla projektu D1 muszą być dodatnią liczbą całkowitą."]
    }
    assert errors(s, {"d": {"D1": "2"}}) == {
        "d": ["Punkty dla projektu D1 muszą być dodatnią liczbą całkowitą."]
    }
    assert errors(s, {"d": ["D1"]}) == {"d": ["Podaj punkty dla projektów."]}


def test_ranked_three_two_one():
    s = spec("ranked")
    assert validate(s, {"d": ["D3", "D1", "D2"]}) == {"d": (("D3", 3), ("D1", 2), ("D2", 1))}
    assert errors(s, {"d": ["D3", "D1"]}) == {
        "d": ["W puli „Dzielnica Piasek” wskaż dokładnie 3 projekty w kolejności; wskazano 2."]
    }
    assert errors(s, {"d": ["D3", "D3", "D1"]}) == {"d": ["Projekt D3 wybrano więcej niż raz."]}


def test_knapsack_within_the_pool():
    s = spec("knapsack", budget=500_000)
    assert validate(s, {"d": ["D2", "D3"]}) == {"d": (("D2", 1), ("D3", 1))}
    assert errors(s, {"d": ["D2", "D4"]}) == {
        "d": [
            "Wybrane projekty w puli „Dzielnica Piasek” kosztują razem 600\u00a0000\u00a0zł, więcej niż pula 500\u00a0000\u00a0zł."
        ]
    }


def test_project_from_another_pool_and_unknown_pool():
    s = spec("approval")
    assert errors(s, {"d": ["X9"]}) == {"d": ["Projekt X9 nie należy do puli „Dzielnica Piasek”."]}
    assert errors(s, {"zz": ["D1"]}) == {"": ["Nieznana pula: zz."]}
    assert errors(s, {}) == {"": ["Wybierz co najmniej jeden projekt."]}


def city_spec(**kw):
    pools = [
        PoolSpec(
            "piasek", "Piasek", "approval", {"P1": 1, "P2": 1}, district="piasek", max_choices=15
        ),
        PoolSpec("larysz", "Larysz", "approval", {"L1": 1}, district="larysz", max_choices=15),
        PoolSpec("city", "Ogólnomiejska", "approval", {"C1": 1, "C2": 1}, max_choices=10),
    ]
    return BallotSpec(pools, **kw)


def test_several_pools_on_one_ballot_and_district_rules():
    one = city_spec(max_district_pools=1)
    assert validate(one, {"piasek": ["P1"], "city": ["C1", "C2"]}) == {
        "piasek": (("P1", 1),),
        "city": (("C1", 1), ("C2", 1)),
    }
    assert errors(one, {"piasek": ["P1"], "larysz": ["L1"]}) == {
        "": ["Można głosować tylko w jednej puli dzielnicowej; wybrano projekty z 2."]
    }
    own = city_spec(own_district_only=True)
    assert validate(own, {"piasek": ["P2"]}, voter_district="piasek")
    assert errors(own, {"larysz": ["L1"]}, "piasek") == {
        "larysz": ["Na projekty z puli „Larysz” mogą głosować tylko mieszkańcy tej dzielnicy."]
    }


def test_required_pool():
    s = BallotSpec([PoolSpec("city", "Ogólnomiejska", "ranked", COSTS, required=True)])
    assert errors(s, {}) == {"city": ["Karta musi zawierać głos w puli „Ogólnomiejska”."]}


def test_count_votes_and_points():
    ballots = [{"d": (("D1", 3), ("D2", 2))}, {"d": (("D1", 1),)}]
    assert count(ballots) == {"d": {"D1": (2, 4), "D2": (1, 2)}}


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "projekt"), (2, "projekty"), (5, "projektów"), (12, "projektów"), (22, "projekty")],
)
def test_polish_plural(n, word):
    assert plural(n, "projekt", "projekty", "projektów") == word


def test_a_pool_spec_must_be_complete():
    with pytest.raises(ValueError):
        PoolSpec("x", "X", "knapsack", COSTS)
    with pytest.raises(ValueError):
        PoolSpec("x", "X", "cumulative", COSTS)
    with pytest.raises(ValueError):
        PoolSpec("x", "X", "borda", COSTS)
