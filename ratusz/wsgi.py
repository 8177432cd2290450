"""WSGI entry point (gunicorn ratusz.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ratusz.settings.production")
application = get_wsgi_application()
