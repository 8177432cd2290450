from decimal import Decimal, InvalidOperation

from django import template

from ..rules import format_pln

register = template.Library()


@register.filter
def pln(value):
    """12500 → "12 500,00 zł" (non-breaking spaces)."""
    try:
        return format_pln(Decimal(value))
    except (InvalidOperation, TypeError, ValueError):
        return ""
