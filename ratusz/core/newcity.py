"""Setting up a city: ``manage.py ratusz_city new`` (docs/cities.md).

Each app says what a new city needs from it in its own ``cities.py`` (found by
``ratusz.core.discovery``): ``STEPS``, a list of ``Step``. The command runs them
in their ``order`` inside one transaction, so a step that refuses (``CityRefused``,
a Polish message for the operator) leaves nothing behind. Core never names
another app's models: the page tree, the boundary, the districts, the budget
and the roles are each their app's step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import terc


class CityRefused(Exception):
    """The city cannot be set up as asked; the message says why and what to do (Polish)."""


@dataclass
class NewCity:
    """What the operator asked for, and what the steps made so far."""

    name: terc.CityName
    host: str
    port: int = 443
    boundary_file: Path | None = None  # a gmina's PRG boundary (cities with powiat rights: shipped)
    districts_file: Path | None = None
    office_name: str = ""
    editors: list[str] = field(default_factory=list)  # usernames to make the city's editors
    # filled in by the steps
    boundary: dict[str, Any] | None = None  # GeoJSON geometry, CRS84
    site: Any = None  # wagtail Site
    home: Any = None  # its home page
    pages: dict[str, Any] = field(default_factory=dict)  # "contact", "privacy", "news", ...
    report: list[str] = field(default_factory=list)  # what was done, for the operator

    def say(self, line: str) -> None:
        self.report.append(line)


@dataclass(frozen=True)
class Step:
    order: int  # boundary 10, page tree 20, identity 30, districts 40, budget 50, roles 60
    label: str
    run: Callable[[NewCity], None]


def steps() -> list[Step]:
    from .discovery import declared

    return sorted((step for _app, step in declared("cities", "STEPS")), key=lambda s: s.order)


def set_up(city: NewCity) -> NewCity:
    """Run every app's step for ``city`` in one transaction; CityRefused undoes all."""
    from django.db import transaction
    from wagtail.models import Site

    if Site.objects.filter(hostname=city.host, port=city.port).exists():
        raise CityRefused(
            f"Adres {city.host}:{city.port} ma już swoją stronę w tej instalacji. "
            "Podaj inny adres (--host, --port) albo zmień istniejącą stronę w panelu."
        )
    try:
        with transaction.atomic():
            for step in steps():
                step.run(city)
    except BaseException:
        # what was cached inside the undone transaction (the identity, the shell)
        # must not outlive it: a new content generation makes it unreachable
        from .pagecache import purge_all

        purge_all()
        raise
    return city
