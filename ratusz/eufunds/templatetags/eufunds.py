from django import template

from ratusz.eufunds.sync import as_text

register = template.Library()

CURRENCY_SIGNS = {"PLN": "zł", "EUR": "EUR"}


@register.filter
def money(value, currency="PLN"):
    """1234567.8 -> "1 234 567,80 zł" (non-breaking spaces)."""
    if value is None or value == "":
        return "—"
    return f"{as_text(value)}\u00a0{CURRENCY_SIGNS.get(currency, currency)}"


@register.filter
def percent(value):
    if value is None:
        return "—"
    return f"{as_text(value)}\u00a0%"
