"""Views of the shell: accessibility statement, robots.txt, placeholders."""

import sys

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import city, colours, dbfaults
from .models import AccessibilityStatement
from .problems import problem, wants_problem_json


@require_GET
def placeholder(request, title):
    """Landing page of a system that is not built yet: says what will be there."""
    return render(
        request,
        "core/placeholder.html",
        {"title": title, "breadcrumbs": [(title, None)]},
    )


@require_GET
def accessibility_statement(request):
    statement = city.read_setting(AccessibilityStatement, city.site_of(request))
    office = city.current(request)
    return render(
        request,
        "core/accessibility_statement.html",
        {
            "statement": statement,
            "office": office,
            "breadcrumbs": [(_("Deklaracja dostępności"), None)],
        },
    )


@require_GET
def city_css(request):
    """The city's brand colours over the shell's (site.css): a stylesheet, since the
    CSP allows no inline style. The colours were checked for contrast when saved."""
    identity = city.current(request)
    rules = []
    if colours.HEX.match(identity.colour_primary):
        rules += [
            f"--c-primary: {identity.colour_primary};",
            f"--c-link: {identity.colour_primary};",
        ]
    if colours.HEX.match(identity.colour_primary_dark):
        rules.append(f"--c-primary-dark: {identity.colour_primary_dark};")
    response = HttpResponse(
        ":root { " + " ".join(rules) + " }\n", content_type="text/css; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=3600"  # the page's link carries the colours
    return response


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (a printable card):
    the coat of arms instead of a 404 in the console."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("core/img/herb.svg"))


def csrf_failure(request, reason=""):
    """A form sent without a valid token: say what to do, in Polish."""
    return render(request, "core/403_csrf.html", status=403)


def page_not_found(request, exception=None):
    """The 404 page, or problem+json where the APIs answer with it (under /api/
    and /ogcapi/ when no view matched the address)."""
    if wants_problem_json(request):
        return problem(404, _("Nie znaleziono"), _("Pod tym adresem nie ma zasobu API."))
    return render(request, "404.html", {"breadcrumbs": [(_("Nie znaleziono"), None)]}, status=404)


def server_error(request):
    """The 500 page, or the 503 "try again" page when the database went away
    outside a view (a middleware, an error page), where no process_exception
    sees it. Django calls this while the exception is still being handled."""
    if dbfaults.connection_lost(sys.exc_info()[1]):
        return dbfaults.unavailable(request)
    return render(request, "500.html", status=500)
