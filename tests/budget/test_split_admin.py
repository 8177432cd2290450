"""The district split in the admin: weights named in Polish, one row per pool, and the
amounts each pool gets shown before anything is saved."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ratusz.budget.models import Pool
from tests.budget.helpers import make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = make_edition()
    west = edition.pools.get(slug="zachod")
    west.population, west.area_km2 = 3000, Decimal("2")
    west.save()
    from ratusz.gis.models import District

    Pool.objects.create(
        edition=edition,
        kind=Pool.Kind.DISTRICT,
        name="Dzielnica Wschód",
        slug="wschod",
        code="D02",
        district=District.objects.get(slug="wschod"),
        amount=Decimal("100000.00"),
        population=1000,
        area_km2=Decimal("6"),
        sort_order=2,
    )
    return edition


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("a", "a@example.org", "haslo-12345")
    client.force_login(user)
    return client


def post(edition, client, **data):
    pools = {p.slug: p.pk for p in edition.pools.all()}
    values = {
        "total": "100 000,00",
        "factor_population": "1",
        "factor_area_km2": "1",
        f"weight_{pools['zachod']}": "",
        f"weight_{pools['wschod']}": "",
        **data,
    }
    return client.post(reverse("budget_split", args=[edition.pk]), values)


def test_the_form_names_the_weights_in_polish(admin_client, edition):
    html = admin_client.get(reverse("budget_split", args=[edition.pk])).content.decode()
    for label in ("Liczba mieszkańców dzielnicy", "Powierzchnia dzielnicy (km²)", "Równo"):
        assert label in html
    assert "Waga własna puli Dzielnica Wschód" in html
    assert "{&quot;population" not in html and '{"population' not in html  # no JSON to type


def test_preview_shows_the_amounts_and_saves_nothing(admin_client, edition):
    response = post(edition, admin_client, preview="1")
    assert response.status_code == 200
    html = response.content.decode()
    # population 3/4 and 1/4, area 1/4 and 3/4, weighted 1:1 → 50 % each
    assert html.count("50\u00a0000,00\u00a0zł") >= 2
    assert "Podgląd" in html
    assert edition.pools.get(slug="wschod").amount == Decimal("100000.00")
    edition.refresh_from_db()
    assert edition.allocation_total is None


def test_save_stores_the_factors_and_the_pools_amounts(admin_client, edition):
    response = post(edition, admin_client, total="90 000,01", factor_area_km2="", save="1")
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.allocation_total == Decimal("90000.01")
    assert edition.allocation_factors == {"population": 1}
    amounts = {p.slug: p.amount for p in edition.pools.filter(kind="district")}
    assert amounts == {"zachod": Decimal("67500.01"), "wschod": Decimal("22500.00")}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"factor_population": "", "factor_area_km2": ""}, "co najmniej jednego czynnika"),
        ({"total": "-5"}, "większa lub równa 0"),
        ({"factor_population": "abc"}, "Wpisz liczbę"),
        ({"factor_weight": "1", "factor_population": ""}, "nie ma wartości czynnika"),
    ],
)
def test_bad_input_gets_a_polish_error_and_changes_nothing(admin_client, edition, data, message):
    response = post(edition, admin_client, save="1", **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    edition.refresh_from_db()
    assert edition.allocation_total is None
    assert edition.pools.get(slug="zachod").amount == Decimal("100000.00")
