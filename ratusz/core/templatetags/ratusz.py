from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from ..embeds import render_embed

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def embedded_list(context, key):
    request = context.get("request")
    page = context.get("page")
    return mark_safe(render_embed(key, request, page))  # renderers return escaped HTML


@register.simple_tag
def accessibility_statement_url():
    return reverse("core:accessibility")


@register.filter
def described_widget(field):
    """Render a bound field's widget linked to its help text and errors."""
    ids = []
    if field.help_text:
        ids.append(f"{field.id_for_label}_help")
    if field.errors:
        ids.append(f"{field.id_for_label}_errors")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
