"""Two cities' "Załatw sprawę" kept apart (#24): cards, units, closures, the
clerk's dashboard queue and the admin."""

import json
from datetime import date

import pytest
from django.urls import reverse

from ratusz.demo import services as demo
from ratusz.services.models import OfficeClosure, OfficeUnit, ServiceCard, ServiceCategory

pytestmark = pytest.mark.django_db

EDITOR = "Redaktor"


@pytest.fixture
def cities(two_cities):
    demo.load()  # Mysłowice (the default site)
    demo.load_second_city(two_cities.b)
    demo.load_second_city(two_cities.b)  # idempotent
    return two_cities


def test_the_demo_of_the_second_city_is_its_own(cities):
    tychy = ServiceCard.objects.filter(site=cities.b)
    assert tychy.count() == len(demo.TYCHY_CARDS)
    assert all(c.category.site_id == c.responsible_unit.site_id == cities.b.pk for c in tychy)
    # the same slugs in both cities
    assert OfficeUnit.objects.filter(slug="wydzial-spraw-obywatelskich").count() == 2
    assert ServiceCategory.objects.filter(slug="odpady").count() == 2


def test_public_pages_and_the_export_show_their_own_city(client, cities):
    only_a = ("Zajęcie pasa drogowego", "Wydział Komunikacji", "Urząd Stanu Cywilnego")
    only_b = ("Zameldowanie na pobyt stały w Tychach", "Wydział Gospodarki Odpadami")
    for path in ("/zalatw-sprawe/", "/zalatw-sprawe/urzad/", "/api/services/cards.json"):
        page_a = client.get(path, HTTP_HOST=cities.host_a).content.decode()
        page_b = client.get(path, HTTP_HOST=cities.host_b).content.decode()
        shown = {"/zalatw-sprawe/": 0, "/zalatw-sprawe/urzad/": 1}.get(path)
        for name in only_b:
            assert name not in page_a, (path, name)
        for name in only_a:
            assert name not in page_b, (path, name)
        if shown is not None:
            assert only_a[shown] in page_a and only_b[shown] in page_b, path
    data = json.loads(client.get("/api/services/cards.json", HTTP_HOST=cities.host_b).content)
    assert {c["slug"] for c in data["cards"]} == {slug for slug, *_ in demo.TYCHY_CARDS}
    data = json.loads(client.get("/api/services/cards.json", HTTP_HOST=cities.host_a).content)
    assert "deklaracja-oplaty-za-odpady" not in {c["slug"] for c in data["cards"]}


def test_the_same_address_shows_each_citys_own_unit(client, cities):
    card = reverse("services:card", args=["zameldowanie-na-pobyt-staly"])  # a slug of both
    assert "w Tychach" not in client.get(card, HTTP_HOST=cities.host_a).content.decode()
    assert "w Tychach" in client.get(card, HTTP_HOST=cities.host_b).content.decode()
    url = reverse("services:unit", args=["wydzial-spraw-obywatelskich"])
    page_a = client.get(url, HTTP_HOST=cities.host_a).content.decode()
    page_b = client.get(url, HTTP_HOST=cities.host_b).content.decode()
    assert "Tomasz Wiśniewski" in page_a and "Ewa Malinowska" not in page_a
    assert "Ewa Malinowska" in page_b and "Tomasz Wiśniewski" not in page_b
    card_b = reverse("services:card", args=["deklaracja-oplaty-za-odpady"])
    assert client.get(card_b, HTTP_HOST=cities.host_a).status_code == 404
    assert client.get(card_b, HTTP_HOST=cities.host_b).status_code == 200
    unit_b = reverse("services:unit", args=["wydzial-gospodarki-odpadami"])
    assert client.get(unit_b, HTTP_HOST=cities.host_a).status_code == 404


def test_a_closure_closes_its_own_citys_office_only(cities):
    from datetime import datetime

    from django.utils import timezone

    moment = timezone.make_aware(datetime(2026, 12, 28, 10, 0))  # a Monday
    unit_a = OfficeUnit.objects.get(site=cities.a, slug="wydzial-spraw-obywatelskich")
    unit_b = OfficeUnit.objects.get(site=cities.b, slug="wydzial-spraw-obywatelskich")
    assert not unit_b.open_status(moment).is_open
    assert unit_a.open_status(moment).is_open
    assert set(OfficeClosure.as_dict(cities.b.pk)) == {date(2026, 12, 28)}


def test_the_dashboard_queue_shows_the_clerks_city_only(cities):
    from ratusz.services import dashboard

    ServiceCard.objects.filter(site=cities.b).update(last_reviewed=date(2024, 1, 1))
    clerk_a = cities.staff(cities.a, EDITOR, username="redaktor-a")
    clerk_b = cities.staff(cities.b, EDITOR, username="redaktor-b")
    stale_a = ServiceCard.objects.filter(site=cities.a).needing_review().count()
    assert dashboard.cards_to_review(clerk_a).count == stale_a
    assert dashboard.cards_to_review(clerk_b).count == len(demo.TYCHY_CARDS)
    # a unit of B listing A's clerk as staff does not give A's clerk B's queue
    unit_b = OfficeUnit.objects.get(site=cities.b, slug="wydzial-gospodarki-odpadami")
    unit_b.staff.add(clerk_a)
    assert dashboard.my_unit_cards(clerk_a) is None


def test_the_admin_home_lists_the_clerks_citys_stale_cards(client, cities):
    ServiceCard.objects.filter(site=cities.b).update(last_reviewed=date(2024, 1, 1))
    clerk_a = cities.staff(cities.a, EDITOR, username="redaktor-pulpit")
    client.force_login(clerk_a)
    home = client.get("/admin/").content.decode()
    assert "Zajęcie pasa drogowego" in home
    assert "Zameldowanie na pobyt stały w Tychach" not in home


def test_a_clerk_cannot_list_open_or_change_another_citys_records(client, cities):
    clerk_a = cities.staff(cities.a, EDITOR, username="redaktor-obcy")
    client.force_login(clerk_a)
    card_b = ServiceCard.objects.get(site=cities.b, slug="zameldowanie-na-pobyt-staly")
    records = {
        ServiceCard: card_b,
        OfficeUnit: card_b.responsible_unit,
        ServiceCategory: card_b.category,
        OfficeClosure: OfficeClosure.objects.get(site=cities.b),
    }
    for model, other in records.items():
        base = f"/admin/snippets/services/{model._meta.model_name}/"
        listing = client.get(base)
        assert listing.status_code == 200
        assert other.pk not in {o.pk for o in listing.context["object_list"]}, model
        for view in ("edit", "delete", "history", "usage", "copy"):
            assert client.get(f"{base}{view}/{other.pk}/").status_code in (403, 404), (model, view)
        assert client.post(f"{base}delete/{other.pk}/").status_code == 404
        assert model.objects.filter(pk=other.pk).exists()
    cards = client.get("/admin/snippets/services/servicecard/").content.decode()
    assert "Wydział Komunikacji" in cards  # a filter's choice
    assert "Wydział Gospodarki Odpadami" not in cards
    response = client.post(
        f"/admin/snippets/services/servicecategory/edit/{card_b.category.pk}/",
        {"name": "Przejęta", "slug": "przejeta", "sort_order": 0},
    )
    assert response.status_code == 404
    card_b.category.refresh_from_db()
    assert card_b.category.name == "Sprawy obywatelskie"


def test_a_new_closure_of_a_one_city_clerk_is_that_citys(client, cities):
    clerk_a = cities.staff(cities.a, EDITOR, username="redaktor-nowy")
    client.force_login(clerk_a)
    response = client.post(
        "/admin/snippets/services/officeclosure/add/",
        {"site": cities.b.pk, "date": "2027-01-07", "reason": "Inwentaryzacja"},
    )
    assert response.status_code == 302
    assert OfficeClosure.objects.get(reason="Inwentaryzacja").site_id == cities.a.pk


def test_a_card_cannot_take_another_citys_unit(cities):
    from django.core.exceptions import ValidationError

    card = ServiceCard.objects.get(site=cities.a, slug="zajecie-pasa-drogowego")
    card.responsible_unit = OfficeUnit.objects.filter(site=cities.b).first()
    with pytest.raises(ValidationError) as error:
        card.full_clean()
    assert "responsible_unit" in error.value.message_dict
