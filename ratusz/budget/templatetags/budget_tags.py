from decimal import Decimal

from django import template
from django.utils.translation import gettext

from ratusz.budget.eligibility import format_pln
from ratusz.budget.workflow import NEGATIVE, POSITIVE, STATUS_LABELS, Action, Status

register = template.Library()


@register.filter
def pln(value):
    """1234.5 → "1 234,50 zł" (non-breaking spaces keep the amount on one line)."""
    if value in (None, ""):
        return ""
    return (format_pln(Decimal(value)) + " zł").replace(" ", "\u00a0")


@register.filter
def status_label(value):
    try:
        return gettext(STATUS_LABELS[Status(value)])
    except ValueError:
        return value


@register.filter
def status_class(value):
    try:
        status = Status(value)
    except ValueError:
        return "badge"
    if status is Status.ADMITTED:
        return "badge badge--green"
    if status in POSITIVE:
        return "badge badge--green"
    if status is Status.APPEALED:
        return "badge badge--orange"
    if status in NEGATIVE:
        return "badge badge--red"
    if status in (Status.RETURNED,):
        return "badge badge--yellow"
    return "badge"


@register.filter
def action_label(value):
    try:
        return gettext(Action(value).label)
    except ValueError:
        return value


@register.filter
def percent(value):
    """A share as residents read it: 0.80 → "80 %" (comma for a fraction, hard space)."""
    if value in (None, ""):
        return ""
    number = (Decimal(str(value)) * 100).quantize(Decimal("0.1")).normalize()
    text = f"{number:f}".replace(".", ",")
    return f"{text}\u00a0%"


@register.filter
def unlocalize_number(value):
    """A number for machines (SVG, CSS): always a dot, never grouped."""
    return f"{float(value):g}" if value not in (None, "") else ""


@register.filter
def get_item(mapping, key):
    if not mapping:
        return None
    found = mapping.get(key)
    return found if found is not None else mapping.get(str(key))
