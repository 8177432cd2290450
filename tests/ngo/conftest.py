"""Fixtures for the NGO tests: small fictional records built directly."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The plain-Python tests also run without Django (-p no:django).
    if not settings.configured:
        yield
        return
    cache.clear()
    yield
    cache.clear()


def aware(day, hour=15, minute=30):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.fixture
def make_org(db):
    from ratusz.demo.ngo import fictional_nip, fictional_regon
    from ratusz.ngo.models import Area, Organisation

    counter = iter(range(101, 999))

    def make(name=None, status="approved", areas=("17",), **fields):
        n = next(counter)
        org = Organisation.objects.create(
            name=name or f"Stowarzyszenie Testowe {n}",
            legal_form=fields.pop("legal_form", "stowarzyszenie-zwykle"),
            nip=fields.pop("nip", fictional_nip(n)),
            regon=fields.pop("regon", fictional_regon(n)),
            status=status,
            representative_email=fields.pop("representative_email", f"rep{n}@example.org"),
            **fields,
        )
        org.areas.set(Area.objects.filter(code__in=areas))
        return org

    return make


@pytest.fixture
def make_competition(db):
    from ratusz.ngo.models import Area, Competition

    def make(
        title="Konkurs testowy", announced_on=None, deadline=None, amount="100000.00", **fields
    ):
        announced_on = announced_on or timezone.localdate() - timedelta(days=40)
        deadline = deadline or aware(announced_on + timedelta(days=21))
        return Competition.objects.create(
            title=title,
            area=fields.pop("area", None) or Area.objects.get(code="17"),
            public_task=fields.pop("public_task", "Zadanie testowe z zakresu kultury fizycznej."),
            amount=Decimal(amount),
            announced_on=announced_on,
            offer_deadline=deadline,
            grant_rules="Zasady.",
            task_terms="Terminy.",
            criteria="Kryteria.",
            **fields,
        )

    return make
