"""Public pages, exports, admin import and demo (database)."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ratusz.demo import eufunds as demo
from ratusz.eufunds.geo import COLLECTIONS
from ratusz.eufunds.models import Project, ProjectRevision, VisibilityMark
from tests.worker import queued_paths, run_worker

from .builders import CITY, city_rows_2021, to_bytes, workbook_2021

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    demo.load()


def parse_money(text):
    text = text.replace("\u00a0", "").replace(" ", "").replace("zł", "").replace("EUR", "")
    return Decimal(text.replace(",", "."))


def shown_rows(html):
    return [
        (currency, Decimal(value), Decimal(eu))
        for value, currency, eu in re.findall(
            r'data-value="([\d.]+)" data-currency="(\w+)">[^<]*</td>\s*<td class="num" data-eu="([\d.]+)"',
            html,
        )
    ]


def shown_sums(html):
    return {
        kind: parse_money(text)
        for kind, text in re.findall(r'data-sum="([\w-]+)">([^<]+)</span>', html)
    }


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?fund=EFRR",
        "?year=2025",
        "?status=settled",
        "?programme=Fundusze+Europejskie+dla+%C5%9Al%C4%85skiego+2021-2027",
    ],
)
def test_list_sums_equal_the_projects_shown_to_the_grosz(client, loaded, query):
    response = client.get(reverse("eufunds:index") + query)
    assert response.status_code == 200
    html = response.content.decode()
    rows = shown_rows(html)
    assert rows, "the filter should leave some projects"
    sums = shown_sums(html)
    for currency in {c for c, _, _ in rows}:
        assert sums[f"total-{currency}"] == sum(v for c, v, _ in rows if c == currency)
        assert sums[f"eu-{currency}"] == sum(e for c, _, e in rows if c == currency)
    if not query:
        assert len(rows) == Project.objects.count() == 7
        assert sums["total-PLN"] == Decimal("29987480.89")


def test_year_filter_keeps_projects_running_that_year(client, loaded):
    html = client.get(reverse("eufunds:index") + "?year=2019").content.decode()
    assert "Rewitalizacja Rynku" in html and "Przedszkole na miarę" in html
    assert "Termomodernizacja" not in html


def test_bad_filter_is_a_polish_field_error_not_a_500(client, loaded):
    response = client.get(reverse("eufunds:index") + "?year=dawno&fund=XYZ")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Podaj rok liczbą" in html and "Wybierz jedną z dostępnych wartości" in html
    api = client.get(reverse("eufunds:api-projects") + "?year=dawno")
    assert api.status_code == 400 and api["Content-Type"] == "application/problem+json"
    assert "year" in api.json()["errors"]
    assert client.get(reverse("eufunds:csv") + "?unit=999").status_code == 400


def test_project_page_has_every_art_50_element(client, loaded):
    project = Project.objects.get(contract_number="FESL.02.01-IZ.01-0412/24-00")
    html = client.get(project.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert (
        "Projekt dofinansowany przez Unię Europejską w ramach programu Fundusze Europejskie dla Śląskiego"
        in html
    )
    assert "Docieplenie ścian" in html  # description
    assert "Mniejsze zużycie energii" in html  # aim
    assert "o około połowę mniej ciepła" in html  # results
    assert "6\u00a0480\u00a0000,00\u00a0zł" in html and "4\u00a0478\u00a0640,00\u00a0zł" in html
    # No uploaded marks: no strip of placeholder boxes, the support said in words.
    assert "eu-strip" not in html and "Herb lub marka" not in html
    assert "tablica informacyjna" in html  # EFRR over EUR 500 000
    assert 'id="eu-features"' in html


def test_uploaded_mark_is_shown_with_its_alt_text(client, loaded):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="flaga", file=get_test_image_file())
    project = Project.objects.get(contract_number="FESL.02.01-IZ.01-0412/24-00")
    for kind, alt in [
        ("fe", "Fundusze Europejskie dla Śląskiego"),
        ("rp", "Rzeczpospolita Polska"),
        ("region", "Województwo Śląskie"),
    ]:
        VisibilityMark.objects.create(kind=kind, image=image, alt=alt)
    # a strip with a sign missing is not shown
    assert "eu-strip" not in client.get(project.get_absolute_url()).content.decode()
    VisibilityMark.objects.create(
        kind="eu", period="2021-2027", image=image, alt="Dofinansowane przez Unię Europejską"
    )
    html = client.get(project.get_absolute_url()).content.decode()
    assert re.search(
        r'<img alt="Dofinansowane przez Unię Europejską"[^>]*src="/media/images/', html
    )
    assert html.index('alt="Fundusze Europejskie dla Śląskiego"') < html.index(
        'alt="Dofinansowane przez Unię Europejską"'
    )
    # The 2014–2020 project does not take a 2021–2027 mark: its strip is incomplete.
    old = Project.objects.get(contract_number="UDA-RPSL.10.03.01-24-05C7/18-00")
    html = client.get(old.get_absolute_url()).content.decode()
    assert "eu-strip" not in html


def test_history_shows_a_changed_amount(client, loaded):
    from ratusz.eufunds.importer import import_file

    rows = city_rows_2021()
    rows[0][2] = "FESL.02.01-IZ.01-0412/24-00"
    rows[0][3] = CITY
    project = Project.objects.get(contract_number="FESL.02.01-IZ.01-0412/24-00")
    before = project.revisions.count()
    import_file(
        to_bytes(workbook_2021(rows[:1], snapshot="stan na 31 października 2026 roku")), "nowa.xlsx"
    )
    assert project.revisions.count() == before + 1
    html = client.get(project.get_absolute_url()).content.decode()
    assert "dofinansowanie z UE: 4\u00a0478\u00a0640,00 → 1\u00a0049\u00a0382,71" in html


def test_exports(client, loaded):
    data = client.get(reverse("eufunds:api-projects") + "?fund=EFRR").json()
    assert data["count"] == 3
    assert all(p["fund"] == "EFRR" for p in data["projects"])
    assert data["totals"][0]["total_value"] == str(
        sum(Decimal(p["total_value"]) for p in data["projects"])
    )
    one = client.get(
        reverse("eufunds:api-project", args=[data["projects"][0]["url"].split("/")[-2]])
    )
    assert one.status_code == 200 and one.json()["contract_number"]
    response = client.get(reverse("eufunds:csv"))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 7 and rows[0]["total_value"].count(".") == 1
    missing = client.get(reverse("eufunds:api-project", args=["nie-ma"]))
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"


def test_map_page_and_gis_collection(client, loaded):
    html = client.get(reverse("eufunds:map")).content.decode()
    assert "Trasa rowerowa nad Przemszą" in html
    (collection,) = COLLECTIONS
    features = list(collection["features"]())
    assert {f["geometry"]["type"] for f in features} == {"Point", "LineString", "Polygon"}
    assert all(f["properties"]["adres"].startswith("/fundusze-europejskie/") for f in features)
    json.dumps(features)  # serialisable as is


def test_demo_is_idempotent(loaded):
    before = (
        sorted(Project.objects.values_list("contract_number", "updated_at")),
        ProjectRevision.objects.count(),
    )
    demo.load()
    after = (
        sorted(Project.objects.values_list("contract_number", "updated_at")),
        ProjectRevision.objects.count(),
    )
    assert after == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_import_is_queued_and_run_by_the_worker(client, loaded, django_user_model, db_tasks):
    from ratusz.core.models import Job

    url = reverse("eufunds_import")
    assert client.get(url).status_code == 302  # to the login page
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x" * 12)
    client.force_login(admin)
    assert client.get(url).status_code == 200
    rows = city_rows_2021()
    rows[1][11] = "sporo"
    bad = SimpleUploadedFile("lista.xlsx", to_bytes(workbook_2021(rows)))
    count = Project.objects.count()
    response = client.post(url, {"file": bad})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/zadania/{job.pk}/"
    assert job.status == Job.Status.QUEUED  # the request did not read the file
    assert queued_paths() == ["ratusz.core.jobs.run_job"]
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert any("wiersz 4, kolumna L" in text for _kind, _row, text in job.report)
    page = client.get(f"/admin/zadania/{job.pk}/").content.decode()
    assert "wiersz 4, kolumna L" in page and "rejestr bez zmian" in page
    assert Project.objects.count() == count

    good = SimpleUploadedFile("lista.xlsx", to_bytes(workbook_2021()))
    client.post(url, {"file": good, "dry_run": "on"})
    run_worker()
    dry = Job.objects.get(dry_run=True)
    assert dry.status == Job.Status.DONE and "Nowe projekty: 3" in dry.summary
    assert Project.objects.count() == count

    good = SimpleUploadedFile("lista.xlsx", to_bytes(workbook_2021()))
    client.post(url, {"file": good})
    run_worker()
    job = Job.objects.filter(dry_run=False).order_by("-pk").first()
    assert job.status == Job.Status.DONE, job.error
    page = client.get(f"/admin/zadania/{job.pk}/").content.decode()
    assert "Nowe projekty: 3" in page and "Nowy: " in page
    assert Project.objects.count() == count + 3
    wrong = SimpleUploadedFile("lista.pdf", b"%PDF")
    assert client.post(url, {"file": wrong}).status_code == 400


def test_embed_lists_projects(rf, loaded):
    from ratusz.core.embeds import render_embed

    html = render_embed("eufunds-projects", rf.get("/"), None)
    assert "Rekultywacja terenów pogórniczych" in html


def test_admin_pages_render(client, loaded, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x" * 12)
    client.force_login(admin)
    project = Project.objects.first()
    for name, args in [
        ("wagtailsnippets_eufunds_project:list", []),
        ("wagtailsnippets_eufunds_project:add", []),
        ("wagtailsnippets_eufunds_project:edit", [project.pk]),
        ("wagtailsnippets_eufunds_beneficiary:list", []),
        ("wagtailsnippets_eufunds_visibilitymark:add", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name


def test_bad_geometry_is_a_field_error(loaded):
    from django.core.exceptions import ValidationError

    project = Project.objects.first()
    project.geometry = {"type": "Point", "coordinates": [500, 1]}
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "poza zakresem" in error.value.message_dict["geometry"][0]


def test_photos_and_documents_on_the_project_page(client, loaded):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from ratusz.eufunds.models import ProjectDocument, ProjectPhoto

    project = Project.objects.get(contract_number="UDA-RPSL.10.03.01-24-05C7/18-00")
    image = Image.objects.create(title="rynek", file=get_test_image_file())
    ProjectPhoto.objects.create(
        project=project, image=image, alt="Rynek po przebudowie", caption="Rynek, 2020"
    )
    document = Document.objects.create(
        title="Umowa", file=ContentFile(b"%PDF-1.4", name="umowa.pdf")
    )
    ProjectDocument.objects.create(
        project=project, document=document, title="Umowa o dofinansowanie"
    )
    html = client.get(project.get_absolute_url()).content.decode()
    assert re.search(r'<img alt="Rynek po przebudowie"', html)
    assert "<figcaption>Rynek, 2020</figcaption>" in html
    assert "Umowa o dofinansowanie</a> (PDF)" in html
