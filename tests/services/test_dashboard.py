"""A clerk linked to an office unit sees that unit's queue on the dashboard."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from ratusz.core.dashboard import waiting_for
from ratusz.demo import services as demo
from ratusz.services.models import OfficeUnit, ServiceCard

LABEL = "Karty usług Twojej komórki po terminie przeglądu"


@pytest.fixture
def clerk(demo_site, django_user_model):
    demo.load()
    user = django_user_model.objects.create_user("urzednik", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="change_servicecard"),
        Permission.objects.get(codename="access_admin"),
    )
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


def _join(unit, user):
    unit.staff.add(user)
    unit.save()  # a ParentalManyToManyField is written when its unit is saved


def _mine(user):
    return [item for item in waiting_for(user) if item.label == LABEL]


def test_a_clerk_of_a_unit_sees_its_overdue_cards_only(clerk):
    unit, other = OfficeUnit.objects.filter(cards__isnull=False).distinct()[:2]
    old = timezone.localdate() - timedelta(days=400)
    ServiceCard.objects.update(last_reviewed=old)  # every card overdue, in both units
    assert _mine(clerk) == []  # not yet a member of any unit
    _join(unit, clerk)
    (item,) = _mine(clerk)
    assert item.count == unit.cards.count() < ServiceCard.objects.count()
    assert item.url.endswith(f"?responsible_unit={unit.pk}")
    ServiceCard.objects.filter(responsible_unit=unit).update(last_reviewed=timezone.localdate())
    assert _mine(clerk)[0].count == 0
    _join(other, clerk)  # two units: the whole list, both units counted
    (item,) = _mine(clerk)
    assert item.count == other.cards.count() and "?" not in item.url


def test_the_filtered_list_shows_the_units_cards(clerk, admin_client):
    unit = OfficeUnit.objects.filter(cards__isnull=False).first()
    _join(unit, clerk)
    url = _mine(clerk)[0].url
    html = admin_client.get(url).content.decode()
    other = ServiceCard.objects.exclude(responsible_unit=unit).first()
    assert unit.cards.first().title in html and other.title not in html


def test_without_the_permission_no_unit_queue(clerk, django_user_model):
    plain = django_user_model.objects.create_user("bez-uprawnien", password="x")
    _join(OfficeUnit.objects.first(), plain)
    assert _mine(plain) == []
