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


@register.filter
def pl_number(value, decimals=0):
    """{{ 1541|pl_number }} -> "1 541"; {{ x|pl_number:2 }} -> "1 541,50"."""
    from ..numbers import format_number

    return format_number(value, decimals)


@register.filter
def pl_money(value, currency="zł"):
    """{{ 600000|pl_money }} -> "600 000,00 zł" (non-breaking spaces)."""
    from ..numbers import format_money

    return format_money(value, currency)


@register.filter
def pl_percent(share, decimals=None):
    """{{ 0.8|pl_percent }} -> "80 %" (a share of one; non-breaking space)."""
    from ..numbers import format_percent

    return format_percent(share, decimals)


@register.filter
def tel_link(text):
    """A phone number as a link a phone can call; the text as it is otherwise."""
    from django.utils.html import format_html

    from ..numbers import phone_uri

    uri = phone_uri(text)
    return format_html('<a href="{}">{}</a>', uri, text) if uri else text


@register.filter
def summary_label(label):
    """A field's label as the start of an error-summary line: no trailing full stop
    (a consent text ends with one: "…powyżej.: Zgoda…"), a long label shortened."""
    text = " ".join(str(label or "").split()).rstrip(" .:;")
    if len(text) > 60:
        text = text[:60].rsplit(" ", 1)[0].rstrip(" ,.:;") + "…"
    return text


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """The CMS page in every language it is published in: [{code, name, url, current}]
    (for hreflang links and the language switch); [] for app pages."""
    from django.conf import settings

    if page is None or not hasattr(page, "get_translations") or page.alias_of_id:
        return []
    request = context.get("request")
    names = dict(settings.LANGUAGES)
    items = []
    # an alias is the same page in the original language, not a translation
    translations = page.get_translations().live().filter(alias_of__isnull=True)
    for item in [page, *translations.select_related("locale")]:
        code = item.locale.language_code
        url = item.get_url(request=request)
        if url and code in names:
            items.append(
                {"code": code, "name": names[code], "url": url, "current": item.pk == page.pk}
            )
    return sorted(items, key=lambda i: list(names).index(i["code"])) if len(items) > 1 else []
