"""Two real cities in one installation, for the separation tests (#24).

Mysłowice is the default site (the demo shell every test database has);
Tychy is set up beside it the way ``manage.py ratusz_city new`` does, on its
own host name. ``staff`` makes an account of one city with the given roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TYCHY_TERC = "2477011"
TYCHY_HOST = "tychy.localhost"


@dataclass
class Cities:
    a: Any  # the default site (Mysłowice)
    b: Any  # Tychy
    host_a: str
    host_b: str

    def staff(self, site, *roles: str, username: str | None = None):
        """An active staff account with these roles (group names), working for ``site``;
        a role with a group of the city's own ("Redaktor — Tychy") gets that group."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from ratusz.core.models import CityStaff

        user = get_user_model().objects.create_user(
            username=username or f"staff-{site.pk}-{len(roles)}-{'-'.join(r[:4] for r in roles)}",
            password="Haslo-miasta-2026!",
            is_staff=True,
        )
        for role in roles:
            city_group = Group.objects.filter(name=f"{role} — {site.site_name}").first()
            user.groups.add(city_group or Group.objects.get(name=role))
        CityStaff.objects.create(user=user, site=site)
        return user

    def client_for(self, client, site):
        """``client`` speaking to ``site``'s host name (Wagtail finds the city by it)."""
        client.defaults["HTTP_HOST"] = site.hostname
        return client


def set_up_two_cities() -> Cities:
    from wagtail.models import Site

    from ratusz.core import newcity, terc
    from ratusz.core.pagecache import forget_sites

    a = Site.objects.get(is_default_site=True)
    b = Site.objects.filter(hostname=TYCHY_HOST).first()
    if b is None:
        city = newcity.set_up(
            newcity.NewCity(name=terc.resolve(TYCHY_TERC), host=TYCHY_HOST, port=80)
        )
        b = city.site
    forget_sites()
    return Cities(a=a, b=b, host_a=a.hostname, host_b=b.hostname)
