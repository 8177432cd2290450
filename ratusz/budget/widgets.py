"""Admin widgets of the budget: district split weights as named number fields, not JSON."""

import json
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

# The factors ``allocation.split`` knows, named as a clerk reads them.
FACTORS = [
    ("equal", _("Równo (każda dzielnica tyle samo)")),
    ("population", _("Liczba mieszkańców dzielnicy")),
    ("area_km2", _("Powierzchnia dzielnicy (km²)")),
    ("weight", _("Waga własna puli (pole „waga” w puli, np. Poznań)")),
]


class FactorWeightsWidget(forms.MultiWidget):
    """``{"population": 2, "equal": 1}`` edited as one labelled weight per factor."""

    template_name = "budget/admin/factor_weights.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.NumberInput(attrs={"min": "0", "step": "any", "inputmode": "decimal"})
            for _key, _label in FACTORS
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value or "{}")
            except ValueError:
                value = {}
        value = value if isinstance(value, dict) else {}
        return [value.get(key, "") for key, _label in FACTORS]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for sub, (_key, label) in zip(context["widget"]["subwidgets"], FACTORS, strict=True):
            sub["label"] = label
        return context

    def value_from_datadict(self, data, files, name):
        weights = {}
        for i, (key, _label) in enumerate(FACTORS):
            raw = str(data.get(f"{name}_{i}", "")).strip().replace(",", ".")
            if not raw:
                continue
            try:
                number = Decimal(raw)
            except InvalidOperation:
                return raw  # the JSON field then says the value is not valid
            if number.is_finite() and number != 0:
                weights[key] = int(number) if number == number.to_integral() else float(number)
        return json.dumps(weights)
