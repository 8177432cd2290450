"""Two cities, one register of EU-funded projects (#24): Mysłowice (A) and
Tychy (B) each see, export and change their own projects only."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ratusz.demo import eufunds as demo
from ratusz.eufunds.geo import COLLECTIONS
from ratusz.eufunds.models import Beneficiary, Project

from .builders import row_2021, to_bytes, workbook_2021

pytestmark = pytest.mark.django_db

TITLE_A = "Rekultywacja terenów pogórniczych"  # a Mysłowice demo project (part of its title)
TITLE_B = "Przedszkola Miejskiego nr 12 w Tychach"
CONTRACT_B = "FESL.02.01-IZ.01-0587/24-00"


@pytest.fixture
def cities(two_cities):
    demo.load()
    demo.load_second_city(two_cities.b)
    return two_cities


def _get(client, host, url):
    return client.get(url, HTTP_HOST=host)


def test_public_pages_and_exports_show_the_citys_own_projects(client, cities):
    own_b = Project.objects.get(site=cities.b, contract_number=CONTRACT_B)
    own_a = Project.objects.filter(site=cities.a, title__contains=TITLE_A).get()
    for host, mine, theirs in (
        (cities.host_a, TITLE_A, TITLE_B),
        (cities.host_b, TITLE_B, TITLE_A),
    ):
        for name in ("eufunds:index", "eufunds:map", "eufunds:csv", "eufunds:api-projects"):
            text = _get(client, host, reverse(name)).content.decode()
            assert mine in text and theirs not in text, (host, name)
    rows = list(
        csv.DictReader(
            io.StringIO(
                _get(client, cities.host_b, reverse("eufunds:csv"))
                .content.decode()
                .lstrip("\ufeff")
            ),
            delimiter=";",
        )
    )
    assert [r["contract_number"] for r in rows] == [CONTRACT_B]
    data = json.loads(_get(client, cities.host_b, reverse("eufunds:api-projects")).content)
    assert data["count"] == 1 and data["totals"][0]["total_value"] == "3960000.00"
    # another city's project is not at this city's address, in any form
    assert _get(client, cities.host_a, own_b.get_absolute_url()).status_code == 404
    assert _get(client, cities.host_b, own_a.get_absolute_url()).status_code == 404
    assert (
        _get(client, cities.host_a, reverse("eufunds:api-project", args=[own_b.slug])).status_code
        == 404
    )
    assert _get(client, cities.host_b, own_b.get_absolute_url()).status_code == 200
    # the filter's units are the city's own
    index_b = _get(client, cities.host_b, reverse("eufunds:index")).content.decode()
    assert "Urząd Miasta Tychy" in index_b and "MOPS" not in index_b


def test_the_gis_collection_and_the_embed_are_per_city(client, rf, cities):
    from ratusz.core.embeds import render_embed

    (collection,) = COLLECTIONS
    titles = lambda city: {f["properties"]["tytul"] for f in collection["features"](city)}  # noqa: E731
    assert not any(TITLE_B in t for t in titles(cities.a))
    assert titles(cities.b) == {Project.objects.get(contract_number=CONTRACT_B).title}
    assert not any(TITLE_B in t for t in titles(None))  # no city named: the default site's
    assert {p.site_id for p in collection["queryset"](cities.b)} == {cities.b.pk}
    # the OGC API items of the collection, at each city's address
    items = reverse("gis:ogc-items", args=["projekty-unijne"])
    ogc_a = client.get(items, HTTP_HOST=cities.host_a).content.decode()
    ogc_b = client.get(items, HTTP_HOST=cities.host_b).content.decode()
    assert TITLE_A in ogc_a and TITLE_B not in ogc_a
    assert TITLE_B in ogc_b and TITLE_A not in ogc_b
    html_a = render_embed("eufunds-projects", rf.get("/", HTTP_HOST=cities.host_a), None)
    html_b = render_embed("eufunds-projects", rf.get("/", HTTP_HOST=cities.host_b), None)
    assert TITLE_A in html_a and TITLE_B not in html_a
    assert TITLE_B in html_b and TITLE_A not in html_b


def test_the_same_title_and_contract_number_in_two_cities(client, cities):
    mine = Project.objects.filter(site=cities.a, title__contains=TITLE_A).get()
    twin = Project.objects.create(
        site=cities.b,
        contract_number=mine.contract_number,
        title=mine.title,
        beneficiary="Gmina Miasto Tychy",
        period=mine.period,
        programme=mine.programme,
        total_value=123,
    )
    assert twin.slug == mine.slug  # addresses are unique per city
    page_b = _get(client, cities.host_b, twin.get_absolute_url()).content.decode()
    page_a = _get(client, cities.host_a, mine.get_absolute_url()).content.decode()
    assert "123,00" in page_b and "123,00" not in page_a


def _admin(cities, client, site):
    editor = cities.staff(site, "Redaktor", username=f"redaktor-{site.pk}")
    client.force_login(editor)
    return editor


def test_an_editor_cannot_list_open_or_change_another_citys_projects(client, cities):
    _admin(cities, client, cities.a)
    theirs = Project.objects.get(site=cities.b, contract_number=CONTRACT_B)
    listing = client.get(reverse("wagtailsnippets_eufunds_project:list")).content.decode()
    assert TITLE_A in listing and TITLE_B not in listing
    for view in ("edit", "delete", "history", "usage", "inspect", "copy"):
        url = f"/admin/snippets/eufunds/project/{view}/{theirs.pk}/"
        assert client.get(url).status_code in (403, 404), view
    response = client.post(
        reverse("wagtailsnippets_eufunds_project:edit", args=[theirs.pk]), {"title": "Przejęty"}
    )
    assert response.status_code == 404
    assert (
        client.post(reverse("wagtailsnippets_eufunds_project:delete", args=[theirs.pk])).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert TITLE_B in theirs.title
    beneficiaries = client.get(reverse("wagtailsnippets_eufunds_beneficiary:list")).content.decode()
    assert "Urząd Miasta Tychy" not in beneficiaries
    unit_b = Beneficiary.objects.get(site=cities.b)
    assert (
        client.get(
            reverse("wagtailsnippets_eufunds_beneficiary:edit", args=[unit_b.pk])
        ).status_code
        == 404
    )
    # the unit picker of an own project offers the city's own units only
    mine = Project.objects.filter(site=cities.a, title__contains=TITLE_A).get()
    form = client.get(
        reverse("wagtailsnippets_eufunds_project:edit", args=[mine.pk])
    ).content.decode()
    assert "Urząd Miasta Tychy" not in form


def _tychy_list():
    row = row_2021(
        A="Zielone podwórka w Tychach",
        C="FESL.10.14-IZ.01-0099/25-00",
        D="Gmina Miasto Tychy",
        G="Europejski Fundusz Rozwoju Regionalnego",
        I="Fundusze Europejskie dla Śląskiego 2021-2027",
        J="FESL.10",
        K="FESL.10.14",
        L=900000,
        M=0.85,
        N=765000,
        P="WOJ.: ŚLĄSKIE, POW.: Tychy, GM.: Tychy",
        Q=45658,
        R=46387,
    )
    return SimpleUploadedFile("lista.xlsx", to_bytes(workbook_2021([row])))


def test_an_import_started_by_a_clerk_writes_into_the_clerks_city(client, cities):
    from ratusz.core.jobs import JobContext
    from ratusz.core.models import Job
    from ratusz.eufunds.jobs import run_import

    _admin(cities, client, cities.b)
    # a one-city clerk's choice is fixed: a posted other city is ignored
    response = client.post(reverse("eufunds_import"), {"file": _tychy_list(), "site": cities.a.pk})
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.site_id == cities.b.pk
    # what the worker runs for this job (tests/eufunds/test_views.py runs the real worker)
    summary = run_import(job, JobContext(job))
    assert "Nowe projekty: 1" in summary
    created = Project.objects.get(contract_number="FESL.10.14-IZ.01-0099/25-00")
    assert created.site_id == cities.b.pk
    # Mysłowice's register knows nothing of it
    assert (
        "Zielone podwórka"
        not in _get(client, cities.host_a, reverse("eufunds:index")).content.decode()
    )
    assert (
        "Zielone podwórka" in _get(client, cities.host_b, reverse("eufunds:index")).content.decode()
    )


def test_a_job_without_a_chosen_city_imports_into_its_clerks_city(cities):
    from ratusz.core.models import Job
    from ratusz.eufunds.jobs import _site_of

    clerk = cities.staff(cities.b, "Redaktor", username="urzednik-tychy")
    assert _site_of(Job(kind="eufunds.list", started_by=clerk, site=None)) == cities.b
    assert _site_of(Job(kind="eufunds.list", site=cities.a)) == cities.a


def test_a_city_import_matches_only_that_citys_beneficiaries(cities):
    from ratusz.eufunds.importer import import_file

    data = _tychy_list().read()
    report = import_file(data, "lista.xlsx", site=cities.a)  # Tychy's rows, Mysłowice's register
    assert report.created == [] and report.other_beneficiaries == 1
    assert not Project.objects.filter(contract_number="FESL.10.14-IZ.01-0099/25-00").exists()
    report = import_file(data, "lista.xlsx", site=cities.b)
    assert len(report.created) == 1
    assert Project.objects.get(contract_number="FESL.10.14-IZ.01-0099/25-00").site_id == cities.b.pk


def test_second_city_demo_is_idempotent(cities):
    before = sorted(
        Project.objects.filter(site=cities.b).values_list("contract_number", "updated_at")
    )
    demo.load_second_city(cities.b)
    after = sorted(
        Project.objects.filter(site=cities.b).values_list("contract_number", "updated_at")
    )
    assert after == before and len(after) == 1
