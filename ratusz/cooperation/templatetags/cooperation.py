"""Dates known to the day, the month or only the year."""

from django import template
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def dated(value, precision="day"):
    """A <time> element showing only as much of the date as is known."""
    if not value:
        return _("data nieznana")
    if precision == "year":
        text, machine = str(value.year), f"{value.year:04d}"
    elif precision == "month":
        month = format_date(value, "F")
        if (get_language() or "pl").startswith(("pl", "cs")):
            month = month.lower()  # Polish and Czech month names are not capitalised
        text, machine = f"{month} {value.year}", f"{value.year:04d}-{value.month:02d}"
    else:
        text, machine = format_date(value, get_format("DATE_FORMAT")), value.isoformat()
    return format_html('<time datetime="{}">{}</time>', machine, text)
