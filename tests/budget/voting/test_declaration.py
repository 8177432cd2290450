"""The ballot's declaration of residence names the city from its identity."""

from types import SimpleNamespace

import pytest

from ratusz.budget.voting.forms import resident_declaration
from ratusz.core import city


@pytest.mark.django_db
def test_the_declaration_uses_the_locative_of_the_city_identity():
    # every test database holds the demo city (tests/conftest.py)
    assert resident_declaration(SimpleNamespace(city="Mysłowice")) == (
        "Oświadczam, że mieszkam w Mysłowicach."
    )
    identity = city.current()
    identity.city_name, identity.city_locative = "Tychy", "w Tychach"
    identity.save()
    assert (
        resident_declaration(SimpleNamespace(city="Tychy")) == "Oświadczam, że mieszkam w Tychach."
    )
    # an edition of another unit: a form that needs no inflection
    assert resident_declaration(SimpleNamespace(city="Bieruń")) == (
        "Oświadczam, że mieszkam w mieście Bieruń."
    )
