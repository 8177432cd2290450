"""A lost database connection answers 503 with Retry-After, not a bare 500.

The page is built without templates or context processors: they would ask
the same unreachable database again. Django drops a broken connection at the
end of the request, so the next request reconnects by itself.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

from .problems import problem, wants_problem_json

logger = logging.getLogger("ratusz.dbfaults")
RETRY_AFTER_SECONDS = 5
# DB-API names: psycopg raises its own classes (and subclasses such as
# AdminShutdown) where Django does not wrap them, e.g. closing a server cursor.
DRIVER_ERRORS = {"OperationalError", "InterfaceError"}


def unavailable(request):
    title = _("Serwis jest chwilowo niedostępny")
    detail = _(
        "Nie udało się połączyć z bazą danych. Spróbuj ponownie za kilka sekund. "
        "Jeśli wysyłałeś formularz, wyślij go jeszcze raz: jeśli został już zapisany, "
        "zobaczysz o tym informację."
    )
    if wants_problem_json(request):
        response = problem(503, title, detail)
    else:
        body = (
            '<!doctype html><html lang="pl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title></head><body><main>"
            f"<h1>{escape(title)}</h1><p>{escape(detail)}</p>"
            f'<p><a href="{escape(request.get_full_path())}">{escape(_("Spróbuj ponownie"))}</a></p>'
            "</main></body></html>"
        )
        response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def connection_lost(exception):
    """True for Django's or the driver's own OperationalError/InterfaceError (or a
    subclass), or one in the exception's chain (a template may fail while
    iterating a lazy queryset)."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, OperationalError | InterfaceError):
            return True
        if any(cls.__name__ in DRIVER_ERRORS for cls in type(exception).__mro__):
            return True
        exception = exception.__cause__ or exception.__context__
    return False


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not connection_lost(exception):
            return None
        # Logged as an error: on SQLite a missing table is an OperationalError too.
        logger.error("database unavailable on %s", request.path, exc_info=exception)
        return unavailable(request)
