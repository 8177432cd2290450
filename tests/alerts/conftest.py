from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def xsd():
    from tests.files import CAP_XSD

    return CAP_XSD


@pytest.fixture
def districts(db):
    from ratusz.gis.models import District

    square = {
        "type": "Polygon",
        "coordinates": [
            [[19.12, 50.21], [19.14, 50.21], [19.14, 50.23], [19.12, 50.23], [19.12, 50.21]]
        ],
    }
    a = District.objects.create(name="Brzęczkowice i Słupna", slug="brzeczkowice", geometry=square)
    b = District.objects.create(name="Centrum", slug="centrum", geometry=None)
    return a, b


@pytest.fixture
def fresh_cache():
    """The banner cache must not leak between tests (Django tests use this)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_announcement(db, django_capture_on_commit_callbacks):
    from ratusz.alerts.models import Announcement
    from ratusz.alerts.profile import severity_for_level

    def make(publish=True, **fields):
        now = timezone.now()
        values = {
            "kind": "weather",
            "level": "yellow",
            "urgency": "Expected",
            "headline": "Silny wiatr",
            "description": "Porywy do 75 km/h.",
            "instruction": "Zabezpiecz przedmioty na balkonach.",
            "whole_city": True,
            "effective": now - timedelta(minutes=5),
            "expires": now + timedelta(hours=12),
            "live": False,
        }
        values.update(fields)
        values.setdefault("severity", severity_for_level(values["level"]))
        ann = Announcement.objects.create(**values)
        if publish:
            with django_capture_on_commit_callbacks(execute=True):
                ann.save_revision().publish()
        return ann

    return make
