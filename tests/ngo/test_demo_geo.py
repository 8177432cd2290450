"""Demo content is valid and idempotent; the directory is published as a GIS collection."""

import io

import pytest
from django.core.exceptions import ValidationError

from ratusz.demo import ngo as demo
from ratusz.ngo import geo
from ratusz.ngo.models import Competition, CompetitionResult, Organisation, SmallGrant

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Organisation.objects.order_by("pk").values()),
        list(Competition.objects.order_by("pk").values()),
        list(CompetitionResult.objects.order_by("pk").values()),
        list(SmallGrant.objects.order_by("pk").values()),
    )


def test_demo_is_valid_and_a_second_run_changes_nothing():
    demo.load(io.StringIO())
    first = snapshot()
    demo.load(io.StringIO())
    assert snapshot() == first
    assert Organisation.objects.approved().count() == 12
    assert (
        Organisation.objects.filter(krs="")
        .exclude(legal_form__in=["stowarzyszenie-zwykle", "klub-sportowy", "kgw"])
        .count()
        == 0
    )
    for org in Organisation.objects.all():
        org.full_clean(exclude=["areas"])  # identifiers have valid check digits
        assert "fikcyjne" in org.description
        assert org.krs == "" or org.krs.startswith("000999")
    resolved = Competition.objects.get(slug="kultura-fizyczna-2026")
    assert resolved.phase == "resolved" and resolved.results_total <= resolved.amount
    assert Competition.objects.get(slug="aktywni-seniorzy").phase == "intake"
    for competition in Competition.objects.all():
        competition.full_clean()


def test_geo_features_only_for_approved_with_a_point(make_org):
    make_org(name="Z punktem", latitude=50.24, longitude=19.13, areas=("13",))
    make_org(name="Bez punktu")
    make_org(name="Czeka", status="pending", latitude=50.2, longitude=19.1)
    [collection] = geo.COLLECTIONS
    assert collection["id"] == "ngo-organisations"
    [feature] = list(collection["features"]())
    assert feature["geometry"] == {"type": "Point", "coordinates": [19.13, 50.24]}
    assert feature["properties"]["nazwa"] == "Z punktem" and feature["properties"]["sfery"] == [
        "13"
    ]


def test_half_a_point_is_refused(make_org):
    org = make_org()
    org.latitude = 50.2
    with pytest.raises(ValidationError) as err:
        org.full_clean(exclude=["areas"])
    assert "obie współrzędne" in err.value.message_dict["longitude"][0]


def test_open_competitions_embed(rf, make_competition):
    from datetime import timedelta

    from django.utils import timezone

    import ratusz.ngo.wagtail_hooks  # noqa: F401 - registers the embed
    from ratusz.core.embeds import render_embed

    from .conftest import aware

    today = timezone.localdate()
    make_competition(
        title="Otwarty nabór", announced_on=today, deadline=aware(today + timedelta(days=25))
    )
    make_competition(title="Po terminie")
    html = render_embed("ngo-open-competitions", rf.get("/"), None)
    assert "Otwarty nabór" in html and "Po terminie" not in html


def test_collection_is_served_by_ogc_api(client, make_org):
    make_org(name="Na mapie", latitude=50.24, longitude=19.13)
    response = client.get("/ogcapi/collections/ngo-organisations/items", {"f": "json"})
    assert response.status_code == 200
    [feature] = response.json()["features"]
    assert feature["properties"]["nazwa"] == "Na mapie"
