"""Template filters of the budget pages: shares as percent, numbers for machines."""

import pytest

from ratusz.budget.templatetags.budget_tags import percent, pln

from .helpers import make_edition


@pytest.mark.parametrize(
    ("value", "text"), [("0.80", "80\u00a0%"), ("0.805", "80,5\u00a0%"), ("1", "100\u00a0%")]
)
def test_percent(value, text):
    assert percent(value) == text


def test_pln_groups_thousands_with_hard_spaces():
    assert pln("600000.00") == "600\u00a0000,00\u00a0zł"


@pytest.mark.django_db
def test_the_edition_page_states_the_cost_limit_as_a_percent(client):
    edition = make_edition(max_cost_share="0.80")
    html = client.get(edition.get_absolute_url()).content.decode()
    assert "najwyżej 80\u00a0% kwoty puli" in html
    assert "0,80 kwoty puli" not in html
