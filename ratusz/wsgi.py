"""WSGI entry point (granian ratusz.wsgi:application; any WSGI server works)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusz.settings.production")
django_application = get_wsgi_application()

from ratusz.core.logs import RequestLogApp  # noqa: E402 - needs Django set up
from ratusz.core.pagecache import CachedPagesApp  # noqa: E402

# Anonymous cache hits are answered before Django builds a request; every
# request, a hit too, gets a request id and one log line (docs/operations.md).
application = RequestLogApp(CachedPagesApp(django_application))
