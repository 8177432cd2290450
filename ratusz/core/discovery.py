"""What apps declare for the platform, found the way Django finds ``admin.py``.

An app gives the platform things in modules of its own — ``geo.py`` (map
collections), ``search.py`` (search sources), ``privacy.py`` (personal data
for a data-protection export or erase), ``roles.py`` (roles and permissions),
``public.py`` (models whose saves change public pages, rate-limited reads).
Central code asks for them here and never names an app, so the import graph
shows every dependency and a new app plugs in by adding a module.
"""

from __future__ import annotations

import sys
from typing import Any

from django.apps import apps
from django.utils.module_loading import autodiscover_modules


def declared(module_name: str, attribute: str) -> list[tuple[str, Any]]:
    """(app label, item) for every item of ``<app>.<module_name>.<attribute>``.

    The attribute is a list (its items) or a dict (its (key, value) pairs).
    Apps are visited in INSTALLED_APPS order. A module that fails to import
    raises, as a broken ``admin.py`` does: a silently missing declaration (a
    search source, a personal-data source) would be worse than a loud start.
    """
    autodiscover_modules(module_name)
    found = []
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.{module_name}")
        value = getattr(module, attribute, None) or ()
        for item in value.items() if isinstance(value, dict) else value:
            found.append((config.label, item))
    return found
