"""Public catalogue, lists, exports, GIS collection and the purge of personal data."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ratusz.budget import geo
from ratusz.budget.models import Project, Support
from tests.budget.helpers import make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    today = timezone.localdate()
    return make_edition(lists_published_on=today - timedelta(days=1))


def add(edition, title, status, cost="10000", pool="zachod", **extra):
    return Project.objects.create(
        edition=edition,
        pool=edition.pools.get(slug=pool),
        title=title,
        description=f"Opis {title}",
        justification="U",
        cost=Decimal(cost),
        status=status,
        author_name="Ewa Tajna",
        author_email="ewa@example.org",
        number=f"N/{Project.objects.count() + 1:02d}",
        **extra,
    )


@pytest.fixture
def projects(edition):
    return {
        "park": add(
            edition,
            "Park kieszonkowy",
            "feasible",
            "50000",
            location_lon=Decimal("19.11"),
            location_lat=Decimal("50.21"),
        ),
        "boisko": add(edition, "Boisko", "not_feasible", "90000", status_reason="Teren prywatny"),
        "kino": add(edition, "Kino letnie", "admitted", "30000", pool="miasto"),
        "szkic": add(edition, "Tajny szkic", "draft", "5000"),
    }


def titles(response):
    return [p.title for p in response.context["projects"]]


def test_catalogue_filters(client, edition, projects):
    url = reverse("budget:catalogue")
    assert sorted(titles(client.get(url))) == ["Boisko", "Kino letnie", "Park kieszonkowy"]
    assert titles(client.get(url, {"status": "not_feasible"})) == ["Boisko"]
    assert titles(client.get(url, {"pool": "miasto", "edition": edition.slug})) == ["Kino letnie"]
    assert titles(client.get(url, {"cost_min": "40000", "cost_max": "60000"})) == [
        "Park kieszonkowy"
    ]
    assert titles(client.get(url, {"q": "kieszonk"})) == ["Park kieszonkowy"]
    bad = client.get(url, {"cost_min": "dużo"})
    assert bad.status_code == 200 and titles(bad) == []
    assert "Wpisz liczbę" in bad.content.decode()


def test_project_page_shows_decisions_but_no_personal_data(client, edition, projects):
    boisko = projects["boisko"]
    response = client.get(boisko.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Teren prywatny" in html
    assert "Ewa Tajna" not in html and "ewa@example.org" not in html
    assert client.get(projects["szkic"].get_absolute_url()).status_code == 404
    park = client.get(projects["park"].get_absolute_url()).content.decode()
    assert 'id="budget-map-data"' in park


def test_lists_show_positive_and_rejected_with_reasons(client, edition, projects):
    response = client.get(reverse("budget:lists", args=[edition.slug]))
    html = response.content.decode()
    rows = {r["pool"].slug: r for r in response.context["pools"]}
    assert [p.title for p in rows["zachod"]["positive"]] == ["Park kieszonkowy"]
    assert [p.title for p in rows["zachod"]["negative"]] == ["Boisko"]
    assert "Teren prywatny" in html and "Tajny szkic" not in html


def test_lists_hidden_before_publication(client):
    edition = make_edition()
    add(edition, "Park", "feasible")
    html = client.get(reverse("budget:lists", args=[edition.slug])).content.decode()
    assert "zostaną opublikowane" in html and "Park" not in html


def test_csv_and_json_exports_have_public_fields_only(client, edition, projects):
    response = client.get(reverse("budget:export-csv", args=[edition.slug]))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["numer", "tytuł", "pula"]
    assert len(rows) == 4 and "Tajny szkic" not in text and "ewa@" not in text
    data = client.get(reverse("budget:api-projects", args=[edition.slug])).json()
    assert {p["title"] for p in data["projects"]} == {"Park kieszonkowy", "Boisko", "Kino letnie"}
    assert all(p["author"] is None for p in data["projects"])
    missing = client.get(reverse("budget:api-projects", args=["nie-ma"]))
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert json.loads(missing.content)["status"] == 404


def test_gis_collection_lists_located_public_projects(edition, projects):
    (collection,) = geo.COLLECTIONS
    features = list(collection["features"]())
    assert [f["properties"]["title"] for f in features] == ["Park kieszonkowy"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [19.11, 50.21]}
    assert "author" not in features[0]["properties"]


def test_pages_render(client, edition, projects):
    for name in ("budget:index", "budget:catalogue"):
        assert client.get(reverse(name)).status_code == 200
    for name in ("budget:edition", "budget:map", "budget:paper-form"):
        assert client.get(reverse(name, args=[edition.slug])).status_code == 200
    assert client.get(reverse("budget:edition", args=["nie-ma"])).status_code == 404


def test_purge_personal_data(edition, projects, capsys):
    park = projects["park"]
    Support.objects.create(project=park, name="Jan", pesel_hash="a" * 64)
    call_command("budget_purge_personal_data", edition.slug)
    park.refresh_from_db()
    assert Support.objects.count() == 0
    assert park.author_email == "" and park.author_name == "" and park.personal_data_purged
    assert "poparć 1" in capsys.readouterr().out
    with pytest.raises(Exception, match="Nie ma edycji"):
        call_command("budget_purge_personal_data", "nie-ma")


def test_embed_lists_positive_projects(rf, edition, projects):
    import ratusz.budget.wagtail_hooks  # noqa: F401  (registers the embed)
    from ratusz.core.embeds import embed_choices, render_embed

    assert "budget-lists" in dict(embed_choices())
    html = render_embed("budget-lists", rf.get("/"), None)
    assert "Park kieszonkowy" in html and "Boisko" not in html


def test_split_sentence_names_the_factors_in_words():
    from ratusz.budget.catalogue import factor_shares

    shares = factor_shares({"population": 1, "area_km2": 1, "bogus": "x", "zero": 0})
    assert [(str(label), share) for label, share in shares] == [
        ("liczby mieszkańców", 0.5),
        ("powierzchni dzielnicy", 0.5),
    ]
    assert factor_shares({}) == [] and factor_shares({"population": 0}) == []
