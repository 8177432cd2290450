import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from ratusz.core import city
from ratusz.demo import services as demo
from ratusz.services.models import OfficeClosure, OfficeUnit, ServiceCard, ServiceFee

WARSAW = ZoneInfo("Europe/Warsaw")
pytestmark = pytest.mark.django_db


@pytest.fixture
def services(demo_site):
    demo.load()
    return ServiceCard.objects.get(slug="odpis-aktu-stanu-cywilnego")


def test_demo_has_ten_cards_and_is_idempotent(services):
    before = (ServiceCard.objects.count(), ServiceFee.objects.count(), OfficeUnit.objects.count())
    demo.load()
    assert before == (
        ServiceCard.objects.count(),
        ServiceFee.objects.count(),
        OfficeUnit.objects.count(),
    )
    assert before[0] >= 10


def test_negative_fee_refused(services):
    fee = ServiceFee(card=services, name="x", amount=-1)
    with pytest.raises(ValidationError) as error:
        fee.full_clean()
    assert "Opłata nie może być ujemna." in error.value.message_dict["amount"]


def test_card_without_responsible_unit_refused(services):
    card = ServiceCard(
        title="Bez komórki",
        slug="bez-komorki",
        category=services.category,
        summary="s",
        who_may_apply="w",
        required_documents="d",
        processing_time="t",
        legal_basis="l",
        content_owner="o",
    )
    with pytest.raises(ValidationError) as error:
        card.full_clean()
    assert "responsible_unit" in error.value.message_dict


@pytest.mark.parametrize(
    "field, value",
    [("ade_address", "AE:PL-1234-67890-ABCDE-12"), ("epuap_box", "umyslowice/skrytka")],
)
def test_invalid_e_addresses_refused(demo_site, field, value):
    office = city.current()
    setattr(office, field, value)
    with pytest.raises(ValidationError) as error:
        office.full_clean()
    assert field in error.value.message_dict


def test_unit_epuap_box_validated(services):
    unit = OfficeUnit.objects.first()
    unit.epuap_box = "/a b/c"
    with pytest.raises(ValidationError):
        unit.full_clean()


@pytest.mark.parametrize(
    "moment, is_open",
    [
        (datetime(2026, 11, 30, 16, 30), True),  # Monday long day
        (datetime(2026, 12, 1, 16, 30), False),  # Tuesday after hours
        (datetime(2026, 12, 4, 13, 0), True),  # Friday
        (datetime(2026, 12, 5, 10, 0), False),  # Saturday
        (datetime(2026, 12, 24, 10, 0), False),  # Wigilia (statutory since 2025)
        (datetime(2026, 12, 31, 10, 0), False),  # closed by the city (demo closure)
        (datetime(2027, 1, 4, 10, 0), True),
    ],
)
def test_open_now_across_a_week_with_city_closures(services, client, moment, is_open):
    with time_machine.travel(moment.replace(tzinfo=WARSAW), tick=False):
        unit = OfficeUnit.objects.get(slug="urzad-stanu-cywilnego")
        assert unit.open_status().is_open is is_open
        html = client.get("/zalatw-sprawe/urzad/urzad-stanu-cywilnego/").content.decode()
        assert ("Teraz otwarte" in html) is is_open


def test_closure_added_by_city_closes_the_office(services):
    OfficeClosure.objects.create(date=date(2026, 12, 2), reason="inwentaryzacja")
    with time_machine.travel(datetime(2026, 12, 2, 10, 0, tzinfo=WARSAW), tick=False):
        status = OfficeUnit.objects.first().open_status()
    assert not status.is_open and "inwentaryzacja" in status.reason


def test_card_page_lists_channels_ade_first_and_fees(services, client):
    html = client.get(services.get_absolute_url()).content.decode()
    assert html.index("e-Doręczenia") < html.index("formularz elektroniczny")
    assert "22,00\u00a0zł" in html and "33,00\u00a0zł" in html
    for heading in [
        "Kogo dotyczy",
        "Wymagane dokumenty",
        "Opłaty",
        "Jak złożyć",
        "Termin załatwienia",
        "Podstawa prawna",
        "Komórka odpowiedzialna",
    ]:
        assert heading in html
    printable = client.get(services.get_absolute_url() + "druk/")
    assert printable.status_code == 200 and "main-nav" not in printable.content.decode()


def test_card_lists_the_city_e_services_valid_today(services, client):
    from datetime import date

    from django.core.cache import cache

    from ratusz.core.models import EServiceLink

    EServiceLink.objects.create(
        label="Silesia", url="https://example.org/s", valid_from=date(2020, 1, 1)
    )
    EServiceLink.objects.create(
        label="SEKAP",
        url="https://example.org/k",
        valid_from=date(2010, 1, 1),
        valid_until=date(2021, 12, 22),
    )
    cache.clear()
    section = client.get(services.get_absolute_url()).content.decode().split('id="card-how"')[1]
    section = section.split("</section>")[0]
    assert ">Silesia</a>" in section and "SEKAP" not in section


def test_catalogue_filters_and_hostile_queries(services, client):
    html = client.get("/zalatw-sprawe/?kategoria=usc").content.decode()
    assert "Odpis aktu" in html and "prawa jazdy" not in html
    assert "Wydanie prawa jazdy" in client.get("/zalatw-sprawe/?q=jazdy").content.decode()
    for query in ["' OR 1=1 --", "<script>alert(1)</script>", "x" * 5000, "%00", "(((", "*"]:
        response = client.get("/zalatw-sprawe/", {"q": query, "strona": "-1", "kategoria": query})
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()


def test_directory_and_json(services, client):
    assert "Urząd Stanu Cywilnego" in client.get("/zalatw-sprawe/urzad/").content.decode()
    data = json.loads(client.get("/api/services/cards.json").content)
    assert len(data["cards"]) == ServiceCard.objects.published().count()
    assert {"title", "fees", "unit", "last_reviewed"} <= set(data["cards"][0])
    assert client.get("/zalatw-sprawe/nie-ma-takiej/").status_code == 404


def test_stale_cards_listed_for_editors(services, admin_client):
    stale = ServiceCard.objects.needing_review(today=date(2026, 11, 26))
    assert [card.slug for card in stale] == ["zajecie-pasa-drogowego"]
    html = admin_client.get("/admin/").content.decode()
    assert "Karty usług do przeglądu" in html and "Zajęcie pasa drogowego" in html


def test_a_page_shows_an_office_unit_with_its_people_and_hours(services, client):
    import json as json_

    from wagtail.models import Page

    from ratusz.pages.models import ArticlePage

    unit = OfficeUnit.objects.filter(people__isnull=False).distinct().first()
    person = unit.people.first()
    parent = Page.objects.get(url_path__endswith="/dla-mieszkanca/")
    body = [{"type": "office_unit", "value": {"unit": unit.pk, "heading": "", "show_people": True}}]
    page = ArticlePage(title="Prezydent Miasta", slug="prezydent", body=json_.dumps(body))
    parent.add_child(instance=page)
    page.save_revision().publish()
    with time_machine.travel(datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Warsaw"))):
        html = client.get(page.url).content.decode()
    assert f">{unit.name}</h2>" in html and person.name in html
    assert "Teraz otwarte" in html, html[
        html.index("office-unit") : html.index("office-unit") + 600
    ]
    assert unit.get_absolute_url() in html


def test_demo_id_card_goes_through_gov_pl_not_e_delivery(services, client):
    card = ServiceCard.objects.get(slug="dowod-osobisty")
    html = client.get(card.get_absolute_url()).content.decode()
    how = html[html.index('id="card-how"') : html.index('id="card-time"')]
    assert "e-Doręczenia na adres" not in how and "gov.pl" in how and "skrytka ePUAP" not in how
