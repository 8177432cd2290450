"""Refuse NUL characters in the path or query string with 400.

PostgreSQL cannot store or compare text containing NUL, so a lookup such as
``?q=%00`` would end in a 500 wherever a view passes a parameter to the
database. No person types NUL; answering 400 here covers every app at once.
Form bodies need no check: Django's CharField already refuses NUL.
"""

from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from .problems import problem, wants_problem_json


def has_nul(request):
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
    )


def refusal(request):
    title = _("Nieprawidłowy adres")
    detail = _("Adres zawiera niedozwolony znak (NUL). Usuń go i spróbuj ponownie.")
    if wants_problem_json(request):
        return problem(400, title, detail)
    body = (
        '<!doctype html><html lang="pl"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body><main>"
        f"<h1>{escape(title)}</h1><p>{escape(detail)}</p>"
        f'<p><a href="/">{escape(_("Strona główna"))}</a></p></main></body></html>'
    )
    return HttpResponse(body, status=400, content_type="text/html; charset=utf-8")


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            return refusal(request)
        return self.get_response(request)
