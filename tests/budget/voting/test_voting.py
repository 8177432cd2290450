"""Online voting: valid ballots stored with a receipt, invalid ones refused with nothing saved."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ratusz.budget.models import Edition
from ratusz.budget.voting.models import Ballot, Choice, Voter
from tests.budget.helpers import pesel_for, years_ago

from .factory import make_voting_edition, person_data, project

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return make_voting_edition()


def url(edition):
    return reverse("budget_voting:vote", args=[edition.slug])


def pool_data(edition):
    """A valid choice in every pool except the second district one."""
    p = lambda n: str(project(edition, n).pk)  # noqa: E731
    pools = {pool.slug: pool.pk for pool in edition.pools.all()}
    return {
        f"pool_{pools['piasek']}": [p("PI1"), p("PI2")],
        f"pool_{pools['miasto']}_r1": p("MI3"),
        f"pool_{pools['miasto']}_r2": p("MI1"),
        f"pool_{pools['miasto']}_r3": p("MI2"),
        f"pool_{pools['zielony']}_p{p('ZI1')}": "3",
        f"pool_{pools['zielony']}_p{p('ZI2')}": "2",
        f"pool_{pools['koszyk']}": [p("KO1"), p("KO3")],
    }


def district_pk(edition, slug):
    return edition.pools.get(slug=slug).district_id


def test_the_ballot_asks_the_district_first_without_javascript(client, edition):
    html = client.get(url(edition)).content.decode()
    assert '<form method="get"' in html
    assert "W której dzielnicy chcesz głosować?" in html
    assert 'type="radio" name="dzielnica"' in html
    assert "<legend>Piasek</legend>" not in html  # no projects before the district


def test_after_the_district_only_its_pools_are_shown(client, edition):
    response = client.get(url(edition), {"dzielnica": district_pk(edition, "piasek")})
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Piasek", "Ogólnomiejska", "Zielony budżet", "Koszyk szkolny"):
        assert f"<legend>{name}</legend>" in html
    assert "<legend>Larysz</legend>" not in html
    assert "Miejsce 1 (3 pkt)" in html
    assert "zmień dzielnicę" in html


def test_no_district_pool_shows_only_citywide_and_thematic_pools(client, edition):
    html = client.get(url(edition), {"dzielnica": "0"}).content.decode()
    assert "<legend>Piasek</legend>" not in html and "<legend>Larysz</legend>" not in html
    assert "<legend>Ogólnomiejska</legend>" in html


@pytest.mark.parametrize("value", ["abc", "999999", ""])
def test_an_unknown_district_asks_again_with_an_error(client, edition, value):
    response = client.get(url(edition), {"dzielnica": value})
    assert response.status_code == 400
    assert "Wybierz dzielnicę z listy." in response.content.decode()


def test_a_ballot_posted_after_the_district_step_is_stored(client, edition):
    piasek = district_pk(edition, "piasek")
    response = client.post(
        f"{url(edition)}?dzielnica={piasek}", {**person_data(), **pool_data(edition)}
    )
    assert response.status_code == 302
    assert Ballot.objects.count() == 1


def test_a_pool_of_another_district_cannot_be_posted_after_the_step(client, edition):
    larysz = district_pk(edition, "larysz")
    data = {**person_data(), **pool_data(edition)}  # votes in Piasek
    response = client.post(f"{url(edition)}?dzielnica={larysz}", data)
    # Piasek's pool is not on this ballot: its field is ignored, the rest is stored
    assert response.status_code == 302
    pools = set(Choice.objects.values_list("pool__slug", flat=True))
    assert "piasek" not in pools and "miasto" in pools


def test_valid_ballot_is_stored_with_points_and_a_receipt(client, edition):
    response = client.post(url(edition), {**person_data(), **pool_data(edition)})
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert response["Location"].endswith(f"/karta/{ballot.number}/?nowa=1")
    points = {c.project.number: c.points for c in Choice.objects.select_related("project")}
    assert points == {
        "PI1": 1,
        "PI2": 1,
        "MI3": 3,
        "MI1": 2,
        "MI2": 1,
        "ZI1": 3,
        "ZI2": 2,
        "KO1": 1,
        "KO3": 1,
    }
    voter = Voter.objects.get()
    assert len(voter.pesel_hash) == 64 and person_data()["pesel"] not in voter.pesel_hash
    assert voter.age_group == "25–34"
    receipt = client.get(response["Location"]).content.decode()
    assert ballot.number in receipt and "Projekt 1" not in receipt  # no choices revealed


def invalid_cases(edition):
    pools = {pool.slug: pool.pk for pool in edition.pools.all()}
    p = lambda n: str(project(edition, n).pk)  # noqa: E731
    return [
        (
            {f"pool_{pools['piasek']}": [p("PI1"), p("PI2"), p("PI3")]},
            "W puli „Piasek” można wybrać najwyżej 2 projekty; wybrano 3.",
        ),
        (
            {
                f"pool_{pools['zielony']}_p{p('ZI1')}": "4",
                f"pool_{pools['zielony']}_p{p('ZI2')}": "2",
            },
            "W puli „Zielony budżet” rozdzielono 6 pkt, a można najwyżej 5.",
        ),
        (
            {f"pool_{pools['miasto']}_r1": p("MI1"), f"pool_{pools['miasto']}_r2": p("MI2")},
            "W puli „Ogólnomiejska” wskaż dokładnie 3 projekty w kolejności; wskazano 2.",
        ),
        (
            {f"pool_{pools['koszyk']}": [p("KO1"), p("KO2"), p("KO3")]},
            "kosztują razem 120\u00a0000\u00a0zł, więcej niż pula 100\u00a0000\u00a0zł",
        ),
        (
            {f"pool_{pools['piasek']}": [p("PI1")], f"pool_{pools['larysz']}": p("LA1")},
            "Można głosować tylko w jednej puli dzielnicowej; wybrano projekty z 2.",
        ),
        ({f"pool_{pools['piasek']}": [p("LA1")]}, "nie jest żadną z dostępnych opcji"),
        ({}, "Wybierz co najmniej jeden projekt."),
    ]


@pytest.mark.parametrize("case", range(7))
def test_invalid_ballots_are_refused_and_nothing_is_stored(client, edition, case):
    choices, message = invalid_cases(edition)[case]
    response = client.post(url(edition), {**person_data(), **choices})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (
        not Voter.objects.exists() and not Ballot.objects.exists() and not Choice.objects.exists()
    )


@pytest.mark.parametrize(
    ("person", "message"),
    [
        ({"pesel": "12345678901"}, "Numer PESEL jest nieprawidłowy"),
        (
            {"pesel": pesel_for(years_ago(12))},
            "Głosować mogą osoby, które mają co najmniej 15 lat.",
        ),
        (
            {"pesel": pesel_for(years_ago(15))},
            "Osoba poniżej 16 lat głosuje za zgodą rodzica lub opiekuna",
        ),
        ({"privacy": ""}, "To pole jest wymagane"),
    ],
)
def test_invalid_person_is_refused(client, edition, person, message):
    response = client.post(url(edition), {**person_data(**person), **pool_data(edition)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Ballot.objects.exists() and not Voter.objects.exists()


def test_minor_with_guardian_statement_votes(client, edition):
    data = {**person_data(pesel=pesel_for(years_ago(15))), "guardian": "on", **pool_data(edition)}
    assert client.post(url(edition), data).status_code == 302
    assert Voter.objects.get().guardian_statement is True


def test_second_attempt_is_refused_and_the_first_ballot_stays(client, edition):
    data = {**person_data(), **pool_data(edition)}
    client.post(url(edition), data)
    response = client.post(url(edition), data)
    assert response.status_code == 409
    assert "pierwszy pozostaje ważny" in response.content.decode()
    ballot = Ballot.objects.get()
    assert ballot.valid and Voter.objects.get().attempts == 2


def test_second_attempt_invalidates_all_where_the_edition_says_so(client):
    edition = make_voting_edition(policy=Edition.SecondVote.INVALIDATE_ALL)
    data = {**person_data(), **pool_data(edition)}
    client.post(url(edition), data)
    response = client.post(url(edition), data)
    assert response.status_code == 409
    assert "unieważnia wszystkie jej głosy" in response.content.decode()
    assert not Ballot.objects.counted().exists()
    assert Ballot.objects.get().valid is False


def test_voting_outside_its_dates_is_closed(client):
    edition = make_voting_edition(open_=False)
    response = client.post(url(edition), {**person_data(), **pool_data(edition)})
    assert "Głosowanie nie trwa" in response.content.decode()
    assert not Ballot.objects.exists()


def test_address_is_required_when_the_edition_says_so(client):
    edition = make_voting_edition(address_required=True)
    response = client.post(url(edition), {**person_data(), **pool_data(edition)})
    assert response.status_code == 400 and "Adres zamieszkania" in response.content.decode()
    data = {**person_data(address="ul. Powstańców 1, Mysłowice"), **pool_data(edition)}
    assert client.post(url(edition), data).status_code == 302
    assert Voter.objects.get().address == "ul. Powstańców 1, Mysłowice"


def test_verification_page_finds_a_ballot_without_showing_choices(client, edition):
    client.post(url(edition), {**person_data(), **pool_data(edition)})
    ballot = Ballot.objects.get()
    verify = reverse("budget_voting:verify", args=[edition.slug])
    response = client.get(verify, {"number": ballot.number.lower()})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Karta ważna, zostanie policzona po zakończeniu głosowania." in page
    assert client.get(verify, {"number": "AAAA-BBBB-CCCC"}).status_code == 404


@pytest.mark.parametrize(
    "typed",
    [
        lambda n: n.lower(),
        lambda n: n.replace("-", ""),
        lambda n: n.replace("-", " ").lower(),
        lambda n: " " + n.replace("-", "").lower()[:6] + " " + n.replace("-", "")[6:] + " ",
        lambda n: n.replace("-", "–"),  # a dash from a word processor
    ],
)
def test_the_receipt_number_is_found_as_people_type_it(client, edition, typed):
    client.post(url(edition), {**person_data(), **pool_data(edition)})
    ballot = Ballot.objects.get()
    verify = reverse("budget_voting:verify", args=[edition.slug])
    response = client.get(verify, {"number": typed(ballot.number)})
    assert response.status_code == 302 and response["Location"].endswith(f"/{ballot.number}/")


def test_a_receipt_number_of_the_wrong_length_gets_a_polish_error(client, edition):
    verify = reverse("budget_voting:verify", args=[edition.slug])
    response = client.get(verify, {"number": "7KQ2-M9XA"})
    assert response.status_code == 400
    assert "Numer karty ma 12 liter i cyfr" in response.content.decode()


def test_anonymous_receipt_sets_no_cookie(client, edition):
    client.post(url(edition), {**person_data(), **pool_data(edition)})
    client.cookies.clear()
    ballot = Ballot.objects.get()
    response = client.get(reverse("budget_voting:receipt", args=[edition.slug, ballot.number]))
    assert response.status_code == 200 and not response.cookies


def test_results_stay_hidden_until_the_results_day(client, edition):
    client.post(url(edition), {**person_data(), **pool_data(edition)})
    page = client.get(reverse("budget_voting:results", args=[edition.slug])).content.decode()
    assert "liczba głosów jest niejawna" in page
    api = client.get(reverse("budget_voting:api-results", args=[edition.slug]))
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    assert client.get(reverse("budget_voting:results-csv", args=[edition.slug])).status_code == 404
    edition.voting_end = timezone.now() - timedelta(minutes=1)
    edition.results_on = timezone.localdate()
    edition.save()
    # Voting over, nothing stored yet: "being counted", the page itself never counts.
    api = client.get(reverse("budget_voting:api-results", args=[edition.slug]))
    assert api.status_code == 503 and api["Retry-After"] == "120"
    call_command("budget_count_closed")
    assert client.get(reverse("budget_voting:api-results", args=[edition.slug])).status_code == 200


@pytest.mark.parametrize(
    ("count", "low", "high", "hint"),
    [
        (1, 1, 3, "Jeden projekt w tej puli: zaznacz go, jeśli chcesz na niego głosować."),
        (2, 1, 3, "Możesz wybrać od jednego do 2 z 2 projektów."),
        (5, 1, 3, "Możesz wybrać od jednego do 3 z 5 projektów."),
        (5, 2, 2, "Liczba projektów do wybrania: 2 z 5."),
        (5, 1, 1, "Wybierz 1 projekt z 5."),
        (5, 2, 4, "Wybierz od 2 do 4 projektów."),
    ],
)
def test_the_ballot_states_limits_the_pool_can_meet(count, low, high, hint):
    from ratusz.budget import ballots as spec_
    from ratusz.budget.voting.forms import PoolGroup

    spec = spec_.PoolSpec(
        id="1",
        name="Pula",
        kind=spec_.APPROVAL,
        projects={str(i): 100 for i in range(count)},
        min_choices=low,
        max_choices=high,
    )
    group = PoolGroup.__new__(PoolGroup)
    group.spec = spec
    assert group.hint() == hint


def test_the_ballot_states_its_rules_before_the_choice(client, edition):
    html = client.get(url(edition), {"dzielnica": "0"}).content.decode()
    rules = html.index("Zasady tej karty:")
    assert rules < html.index('<fieldset id="pool-')
    assert "Głosujesz w jednej dzielnicy" in html


def test_each_choice_shows_a_short_description_and_a_link(client, edition):
    html = client.get(url(edition), {"dzielnica": district_pk(edition, "piasek")}).content.decode()
    pi3 = project(edition, "PI3")
    assert f'href="{pi3.get_absolute_url()}"' in html
    assert pi3.description[:40] in html
