"""Editors' validation: clear Polish field errors, nothing saved half-way."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site

from ratusz.cooperation.models import Membership, Organisation, Partnership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return Organisation.objects.create(
        slug="frydek-mistek",
        name="Frýdek-Místek",
        kind="partner_city",
        country="CZ",
        longitude=18.35,
        latitude=49.68,
    )


def errors_of(obj):
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def test_membership_end_before_start(partner):
    membership = Membership(
        organisation=partner,
        level="regional",
        valid_from=date(2018, 1, 1),
        valid_until=date(2017, 12, 28),
    )
    errors = errors_of(membership)
    assert errors == {
        "valid_until": [
            "Data zakończenia (28.12.2017) jest wcześniejsza niż data rozpoczęcia (01.01.2018)."
        ]
    }


def test_role_end_before_start(partner):
    role = Role(
        person="Jan Kowalski",
        function="członek Zarządu",
        organisation=partner,
        valid_from=date(2020, 5, 1),
        valid_until=date(2020, 4, 30),
    )
    assert list(errors_of(role)) == ["valid_until"]


def test_unknown_country_on_the_model():
    org = Organisation(slug="x", name="X", kind="partner_city", country="XX")
    assert errors_of(org)["country"][0].startswith("Nieznany kod kraju „XX”")


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.org", "haslo")
    client.force_login(user)
    return client


ORG_POST = {
    "name": "Nowe Miasto",
    "slug": "nowe-miasto",
    "kind": "partner_city",
    "country": "XX",
    "name_en": "",
    "name_de": "",
    "name_cs": "",
    "short_name": "",
    "seat": "",
    "website": "",
    "longitude": "",
    "latitude": "",
    "wikidata_id": "",
    "successor": "",
    "description": "",
}


def test_admin_refuses_unknown_country(editor):
    url = reverse("wagtailsnippets_cooperation_organisation:add")
    response = editor.post(url, ORG_POST)
    assert response.status_code == 200  # the form again, with errors
    assert "Nieznany kod kraju „XX”" in response.content.decode()
    assert not Organisation.objects.exists()
    site = Site.objects.get(is_default_site=True)  # a superuser chooses the city
    response = editor.post(url, ORG_POST | {"country": "CZ", "site": site.pk})
    assert response.status_code == 302
    assert Organisation.objects.get().country == "CZ"


def test_admin_refuses_active_partnership_with_end_date(editor, partner):
    url = reverse("wagtailsnippets_cooperation_partnership:add")
    data = {
        "organisation": partner.pk,
        "slug": "fm",
        "status": "active",
        "status_since": "",
        "status_reason": "",
        "valid_from": "2004-12-02",
        "valid_from_precision": "day",
        "valid_until": "2020-01-01",
        "areas": ["culture", "fire_service"],
        "description": "",
        "note": "",
    }
    for prefix in ("agreements", "activities"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Partnerstwo aktywne" in response.content.decode()
    assert not Partnership.objects.exists()
    response = editor.post(url, data | {"valid_until": ""})
    assert response.status_code == 302
    assert Partnership.objects.get().areas == ["culture", "fire_service"]


def test_active_partnership_with_end_date(partner):
    item = Partnership(
        organisation=partner,
        slug="fm",
        status="active",
        valid_from=date(2004, 12, 2),
        valid_until=date(2020, 1, 1),
    )
    errors = errors_of(item)
    assert list(errors) == ["valid_until"]
    assert "aktywne" in errors["valid_until"][0]
    assert Partnership.objects.count() == 0


def test_ended_partnership_needs_reason(partner):
    item = Partnership(
        organisation=partner,
        slug="fm",
        status="ended",
        valid_from=date(2004, 12, 2),
        valid_until=date(2022, 3, 1),
    )
    assert list(errors_of(item)) == ["status_reason"]
    item.status_reason = "Decyzja rady miasta."
    item.full_clean()


def test_unknown_area_refused(partner):
    item = Partnership(
        organisation=partner,
        slug="fm",
        status="active",
        valid_from=date(2004, 12, 2),
        areas=["culture", "piracy"],
    )
    assert list(errors_of(item)) == ["areas"]


def test_year_precision_stores_first_of_january(partner):
    item = Partnership(
        organisation=partner,
        slug="fm",
        status="active",
        valid_from=date(1996, 6, 15),
        valid_from_precision="year",
    )
    item.full_clean()
    assert item.valid_from == date(1996, 1, 1)


def test_successor_loop_refused(partner):
    other = Organisation.objects.create(
        slug="b", name="B", kind="other", country="PL", successor=partner
    )
    partner.successor = other
    assert list(errors_of(partner)) == ["successor"]


def test_half_a_point_and_bad_wikidata(partner):
    partner.latitude = None
    partner.wikidata_id = "https://www.wikidata.org/wiki/Q1"
    assert set(errors_of(partner)) == {"latitude", "wikidata_id"}


def test_member_count_needs_its_date(partner):
    membership = Membership(
        organisation=partner, level="regional", valid_from=date(2018, 1, 1), member_count=41
    )
    assert list(errors_of(membership)) == ["member_count_as_of"]


def test_open_start_is_valid_on_any_day(partner):
    Membership.objects.create(organisation=partner, level="national", valid_from=None)
    assert Membership.objects.valid_on(date(1990, 1, 1)).count() == 1
    assert Membership.objects.ended(on=date(2030, 1, 1)).count() == 0


@pytest.mark.parametrize("model", ["organisation", "membership", "role", "partnership"])
def test_admin_list_and_add_forms_render(editor, partner, model):
    for view in ("list", "add"):
        response = editor.get(reverse(f"wagtailsnippets_cooperation_{model}:{view}"))
        assert response.status_code == 200


def test_admin_saves_a_partnership_with_an_agreement(editor, partner):
    data = {
        "organisation": partner.pk,
        "slug": "fm",
        "status": "active",
        "status_since": "",
        "status_reason": "",
        "valid_from": "2004-12-02",
        "valid_from_precision": "day",
        "valid_until": "",
        "description": "",
        "note": "",
        "agreements-TOTAL_FORMS": "1",
        "agreements-INITIAL_FORMS": "0",
        "agreements-MIN_NUM_FORMS": "0",
        "agreements-MAX_NUM_FORMS": "1000",
        "agreements-0-title": "Porozumienie o współpracy straży pożarnych",
        "agreements-0-signed_on": "2016-09-23",
        "agreements-0-signed_on_precision": "day",
        "agreements-0-description": "",
        "agreements-0-document": "",
        "agreements-0-url": "",
        "agreements-0-ORDER": "1",
        "agreements-0-id": "",
        "agreements-0-DELETE": "",
        "activities-TOTAL_FORMS": "0",
        "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "1000",
    }
    response = editor.post(reverse("wagtailsnippets_cooperation_partnership:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Partnership.objects.get()
    assert item.agreements.get().signed_on == date(2016, 9, 23)
