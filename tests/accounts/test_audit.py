"""Admin actions that must leave an entry in Wagtail's audit log."""

from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

pytestmark = pytest.mark.django_db


def actions_for(model):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(model)
    return list(
        ModelLogEntry.objects.filter(content_type=content_type)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )


def test_snippet_create_edit_delete_through_the_admin_are_logged(verified, staff):
    from ratusz.services.models import ServiceCategory

    client = verified(staff)
    base = "/admin/snippets/services/servicecategory/"
    data = {"name": "Podatki", "slug": "podatki", "description": "", "sort_order": 1}
    assert client.post(base + "add/", data).status_code == 302
    category = ServiceCategory.objects.get(slug="podatki")
    data["description"] = "Podatki i opłaty lokalne"
    assert client.post(f"{base}edit/{category.pk}/", data).status_code == 302
    assert client.post(f"{base}delete/{category.pk}/").status_code == 302
    assert actions_for(ServiceCategory) == [
        ("wagtail.create", "urzednik"),
        ("wagtail.edit", "urzednik"),
        ("wagtail.delete", "urzednik"),
    ]


def test_budget_decision_is_logged_with_the_official(staff):
    from ratusz.budget import services
    from ratusz.budget.models import Project
    from tests.budget.helpers import make_edition

    edition = make_edition()
    project = Project.objects.create(
        edition=edition,
        pool=edition.pools.get(slug="zachod"),
        title="Ławki",
        description="Opis",
        justification="Uzasadnienie",
        cost=Decimal("20000"),
        status="submitted",
        author_name="Anna Nowak",
        author_email="anna@example.org",
        number="MBO/T/1",
    )
    services.decide(project, action="admit_formally", user=staff)
    assert ("budget.status_change", "urzednik") in actions_for(Project)


def test_alert_publication_is_logged(staff):
    from ratusz.alerts.models import Announcement
    from ratusz.alerts.profile import severity_for_level

    now = timezone.now()
    announcement = Announcement.objects.create(
        kind="weather",
        level="yellow",
        severity=severity_for_level("yellow"),
        urgency="Expected",
        headline="Silny wiatr",
        description="Porywy do 75 km/h.",
        instruction="Zabezpiecz przedmioty na balkonach.",
        whole_city=True,
        effective=now,
        expires=now + timezone.timedelta(hours=6),
        live=False,
    )
    announcement.save_revision(user=staff).publish(user=staff)
    assert ("wagtail.publish", "urzednik") in actions_for(Announcement)


def test_page_publication_is_logged(staff, demo_site):
    from wagtail.models import Page

    page = Page.objects.filter(depth=2).first().specific
    page.title = page.title + " "
    page.save_revision(user=staff).publish(user=staff)
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=staff).exists()
