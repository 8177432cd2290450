"""Open data: the JSON and CSV files say exactly what the records say."""

import csv
import io
import json
from datetime import date

import pytest

from ratusz.cooperation.api import DATASETS
from ratusz.cooperation.models import Membership, Organisation, Partnership, Role
from ratusz.demo import cooperation as demo

pytestmark = pytest.mark.django_db

MODELS = {
    "organisations": Organisation,
    "memberships": Membership,
    "roles": Role,
    "partnerships": Partnership,
}


@pytest.fixture
def register():
    demo.load()


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@pytest.mark.parametrize("name", list(MODELS))
def test_json_and_csv_match_the_records(client, register, name):
    columns, _rows = DATASETS[name]
    model = MODELS[name]
    records = {obj.pk: obj for obj in model.objects.all()}

    data = json.loads(client.get(f"/api/cooperation/{name}.json").content)
    assert [row["id"] for row in data] == sorted(records)
    response = client.get(f"/api/cooperation/{name}.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == len(records)

    for row_json, row_csv in zip(data, rows, strict=True):
        obj = records[row_json["id"]]
        assert list(row_json) == columns and list(row_csv) == columns
        for column in columns:
            if column in ("organisation", "agreements", "areas"):
                continue
            value = getattr(obj, column)
            assert row_json[column] == (value.isoformat() if isinstance(value, date) else value)
            assert row_csv[column] == as_text(value)
        if "organisation" in columns:
            assert row_json["organisation"] == obj.organisation.name


def test_partnership_export_has_areas_and_agreements(client, register):
    data = {row["slug"]: row for row in client.get("/api/cooperation/partnerships.json").json()}
    fm = data["frydek-mistek"]
    assert fm["areas"] == Partnership.objects.get(slug="frydek-mistek").areas
    assert "2016-09-23 Porozumienie o współpracy straży pożarnych" in fm["agreements"]
    assert data["gyor-moson-sopron"]["status"] == "letter_of_intent"


def test_export_follows_an_edit(client, register):
    membership = Membership.objects.get(organisation__slug="metropolia-gzm")
    membership.member_count, membership.member_count_as_of = 41, date(2024, 1, 1)
    membership.save()
    rows = {r["id"]: r for r in client.get("/api/cooperation/memberships.json").json()}
    assert rows[membership.pk]["member_count"] == 41


def test_unknown_dataset_and_format_are_problem_json(client, register):
    for url in ("/api/cooperation/people.json", "/api/cooperation/roles.xml"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404


def test_geojson_of_partners(client, register):
    response = client.get("/api/cooperation/partners.geojson")
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    by_name = {f["properties"]["name"]: f for f in body["features"]}
    assert set(by_name) == set(
        Partnership.objects.filter(organisation__longitude__isnull=False).values_list(
            "organisation__name", flat=True
        )
    )
    fm = by_name["Frýdek-Místek"]
    lon, lat = fm["geometry"]["coordinates"]
    assert (lon, lat) == (18.35, 49.6833)  # CRS84: longitude first
    assert fm["datetime"] == "2004-12-02/.."  # valid from, open end
    assert fm["properties"]["state_today"] == "current"


def test_index_lists_the_datasets(client, register):
    names = [d["name"] for d in client.get("/api/cooperation/").json()["datasets"]]
    assert names == [*MODELS, "partners"]


def test_gis_app_discovers_the_partner_collection(register):
    from ratusz.gis.sources import discovered_specs

    specs = {spec["id"]: (label, spec) for label, spec in discovered_specs()}
    label, spec = specs["partner-cities"]
    assert label == "cooperation"
    assert len(list(spec["features"]())) == 4
