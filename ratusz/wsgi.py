"""WSGI entry point (granian ratusz.wsgi:application; any WSGI server works)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusz.settings.production")
django_application = get_wsgi_application()

from ratusz.core.pagecache import CachedPagesApp  # noqa: E402 - needs Django set up

# Anonymous cache hits are answered before Django builds a request.
application = CachedPagesApp(django_application)
