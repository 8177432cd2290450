"""The district split weights are a labelled form, not JSON typed by a clerk."""

import pytest
from django import forms
from django.urls import reverse

from ratusz.budget.widgets import FactorWeightsWidget

from .helpers import make_edition


class WeightsForm(forms.Form):
    factors = forms.JSONField(widget=FactorWeightsWidget, required=False)


def test_weights_are_typed_per_factor_and_stored_as_the_engine_reads_them():
    form = WeightsForm({"factors_0": "", "factors_1": "2", "factors_2": "0,5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["factors"] == {"population": 2, "area_km2": 0.5}
    empty = WeightsForm({"factors_0": "0", "factors_1": "", "factors_2": ""})
    assert empty.is_valid() and empty.cleaned_data["factors"] == {}
    bad = WeightsForm({"factors_0": "dużo", "factors_1": "", "factors_2": ""})
    assert not bad.is_valid()


def test_each_weight_has_a_polish_label_and_shows_the_stored_value():
    html = str(WeightsForm(initial={"factors": {"population": 1, "area_km2": 3}})["factors"])
    assert '<label for="id_factors_1">Liczba mieszkańców dzielnicy</label>' in html
    assert 'name="factors_2" value="3"' in html
    assert "{" not in html.split("<p class")[0]  # no JSON for the clerk to edit


@pytest.mark.django_db
def test_the_edition_admin_form_uses_the_weights(client, django_user_model):
    edition = make_edition(allocation_factors={"population": 1, "area_km2": 1})
    client.force_login(django_user_model.objects.create_superuser("a", "a@example.org", "x"))
    page = client.get(reverse("wagtailsnippets_budget_edition:edit", args=[edition.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Powierzchnia dzielnicy (km²)" in html and 'name="allocation_factors_2"' in html
