"""The demo's second city: Tychy, beside Mysłowice in one installation.

Set up the way an operator would (``manage.py ratusz_city new --terc 2477011
--host tychy.localhost``), then each app gives it a little content of its own
(``load_second_city(site)`` in the app's demo module), so the demo shows — and
the separation tests have — two real cities. Idempotent.
"""

import importlib

from wagtail.models import Site

from ratusz.core import newcity, terc

TERC = "2477011"  # Tychy, a city with powiat rights of the Metropolia GZM
HOST = "tychy.localhost"
APPS = ["pages", "gis", "services", "cooperation", "budget", "alerts", "eufunds", "ngo", "search"]


def load(stdout=None):
    site = Site.objects.filter(hostname=HOST).first()
    if site is None:
        site = newcity.set_up(newcity.NewCity(name=terc.resolve(TERC), host=HOST, port=80)).site
    for app in APPS:
        module = importlib.import_module(f"ratusz.demo.{app}")
        loader = getattr(module, "load_second_city", None)
        if loader is not None:
            loader(site)
    if stdout is not None:
        stdout.write(f"  drugie miasto: http://{HOST}:8000/")
