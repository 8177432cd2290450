"""Public pages: registration, directory, organisation, competitions, exports, feed."""

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.urls import reverse

from ratusz.ngo.models import ChangeProposal, CompetitionResult, Organisation, SmallGrant
from ratusz.ngo.views import UNSUBSCRIBE_SALT

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Stowarzyszenie Nowe",
    "legal_form": "stowarzyszenie",
    "krs": "0009990555",
    "nip": "856-734-62-15",
    "regon": "123456785",
    "areas": ["13", "18"],
    "description": "Sadzimy drzewa.",
    "street": "ul. Testowa 1",
    "postal_code": "41-400",
    "city": "Mysłowice",
    "email": "biuro@example.org",
    "representative_name": "Jan Przykładowy",
    "representative_email": "jan@example.org",
    "consent": "on",
}


def post_registration(client, **changes):
    data = {**VALID, **changes}
    return client.post(reverse("ngo:register"), {k: v for k, v in data.items() if v is not None})


def test_registration_creates_a_pending_entry(client):
    response = post_registration(client)
    assert response.status_code == 302
    org = Organisation.objects.get(name="Stowarzyszenie Nowe")
    assert org.status == "pending" and org.nip == "8567346215"
    assert sorted(a.code for a in org.areas.all()) == ["13", "18"]
    assert client.get(reverse("ngo:organisation", args=[org.slug])).status_code == 404
    assert "Stowarzyszenie Nowe" not in client.get(reverse("ngo:directory")).content.decode()


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"nip": "8567346216"}, "NIP ma błędną cyfrę kontrolną"),
        ({"regon": "123456786"}, "REGON ma błędną cyfrę kontrolną"),
        ({"krs": "12345"}, "Numer KRS ma dokładnie 10 cyfr"),
        ({"krs": ""}, "jest wpisywana do KRS"),
        ({"areas": None}, "Zaznacz co najmniej jedną sferę"),
        ({"postal_code": "41400"}, "Kod pocztowy ma postać 00-000"),
        ({"consent": None}, "Potwierdź"),
    ],
)
def test_registration_errors_are_polish_and_nothing_is_saved(client, changes, field_error):
    response = post_registration(client, **changes)
    assert response.status_code == 400
    body = response.content.decode()
    assert field_error in body
    assert 'aria-invalid="true"' in body or "ngo-checkgroup form-field--error" in body
    assert not Organisation.objects.exists()


def test_registration_honeypot(client):
    response = post_registration(client, strona_www="http://spam.example")
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_registration_rate_limited(client):
    for _ in range(5):
        post_registration(client, nip="bad")
    response = post_registration(client)
    assert response.status_code == 429


def test_directory_search_and_filters(client, make_org):
    from ratusz.gis.models import District

    district = District.objects.create(name="Piasek", slug="piasek")
    make_org(
        name="Łączy Nas Przemsza",
        areas=("18",),
        district=district,
        description="Ekologia nad rzeką",
    )
    make_org(
        name="Klub Sportowy Test",
        areas=("17",),
        opp=True,
        legal_form="stowarzyszenie",
        krs="0009990777",
    )
    make_org(name="Czekająca", status="pending")
    url = reverse("ngo:directory")
    names = lambda r: r.content.decode()  # noqa: E731
    assert "Czekająca" not in names(client.get(url))
    r = client.get(url, {"q": "łączy"})  # non-ASCII case folding
    assert "Łączy Nas Przemsza" in names(r) and "Klub Sportowy Test" not in names(r)
    r = client.get(url, {"area": "17"})
    assert "Klub Sportowy Test" in names(r) and "Łączy Nas" not in names(r)
    r = client.get(url, {"district": district.pk})
    assert "Łączy Nas" in names(r) and "Klub Sportowy Test" not in names(r)
    r = client.get(url, {"opp": "on"})
    assert "Klub Sportowy Test" in names(r) and "Łączy Nas" not in names(r)
    assert client.get(url, {"area": "999"}).status_code == 400
    assert client.get(url, {"strona": "abc"}).status_code == 200


def test_resolved_competition_shows_results_and_sums(client, make_competition, make_org):
    c = make_competition(title="Sport 2026", amount="50000.00")
    o = make_org(name="Klub Wynikowy")
    CompetitionResult.objects.create(
        competition=c, organisation=o, task_title="Treningi", amount=Decimal("30000")
    )
    CompetitionResult.objects.create(
        competition=c,
        offeror_name="Oferent Spoza",
        task_title="Turniej",
        amount=Decimal("12500.50"),
    )
    page = client.get(c.get_absolute_url()).content.decode()
    assert (
        "Wyniki konkursu" not in page and "trwa ocena" in page
    )  # deadline passed, not yet resolved
    c.transition("closed")
    c.transition("resolved", on=date(2026, 3, 10))
    page = client.get(c.get_absolute_url()).content.decode()
    assert "Wyniki konkursu" in page and "rozstrzygnięty" in page
    assert "Klub Wynikowy" in page and o.get_absolute_url() in page and "Oferent Spoza" in page
    assert "42\u00a0500,50\u00a0zł" in page  # total
    assert "50\u00a0000,00\u00a0zł" in page  # amount
    assert "7\u00a0499,50\u00a0zł" in page  # not awarded


def test_cancelled_competition_shows_art_18a_notice(client, make_competition):
    c = make_competition()
    c.transition("cancelled", reason="no-valid-offers")
    page = client.get(c.get_absolute_url()).content.decode()
    assert "Konkurs unieważniony" in page and "art. 18a" in page


def test_organisation_page_lists_its_grants(client, make_competition, make_org):
    o = make_org(name="Fundacja Grantowa")
    resolved = make_competition(title="Kultura 2026")
    CompetitionResult.objects.create(
        competition=resolved, organisation=o, task_title="Festiwal", amount=Decimal("8000")
    )
    resolved.transition("closed")
    resolved.transition("resolved")
    pending = make_competition(title="Nierozstrzygnięty")
    CompetitionResult.objects.create(
        competition=pending, organisation=o, task_title="Jeszcze nie", amount=Decimal("1")
    )
    SmallGrant.objects.create(
        organisation=o,
        title="Spacer",
        area=resolved.area,
        amount=Decimal("2500"),
        task_start=date(2026, 5, 1),
        task_end=date(2026, 5, 2),
        received_on=date(2026, 4, 1),
        published_on=date(2026, 4, 2),
        decision="granted",
        decided_on=date(2026, 4, 20),
    )
    page = client.get(o.get_absolute_url()).content.decode()
    assert "Festiwal" in page and "Kultura 2026" in page and "Spacer" in page
    assert "Jeszcze nie" not in page
    assert "10\u00a0500,00\u00a0zł" in page
    assert '"@type": "NGO"' in page
    assert o.representative_email not in page


def test_change_proposal_is_stored_not_applied(client, make_org):
    o = make_org(name="Stara Nazwa", description="Opis")
    url = reverse("ngo:propose", args=[o.slug])
    data = {
        "proposer_name": "Anna",
        "proposer_email": "anna@example.org",
        "name": "Stara Nazwa",
        "regon": o.regon,
        "description": "Nowy opis",
        "areas": ["17", "13"],
    }
    assert client.post(url, data).status_code == 200
    proposal = ChangeProposal.objects.get()
    assert proposal.changes == {"description": "Nowy opis", "areas": ["13", "17"]}
    o.refresh_from_db()
    assert o.description == "Opis"
    unchanged = {**data, "description": "Opis", "areas": ["17"]}
    response = client.post(url, unchanged)
    assert response.status_code == 400 and "Nic nie zmieniono" in response.content.decode()
    bad = {**data, "krs": "12"}
    response = client.post(url, bad)
    assert response.status_code == 400 and "dokładnie 10 cyfr" in response.content.decode()


def test_small_grant_comment_only_while_open(client, make_org):
    from django.utils import timezone

    today = timezone.localdate()
    o = make_org()
    g = SmallGrant.objects.create(
        organisation=o,
        title="Warsztaty",
        area_id="16",
        amount=Decimal("5000"),
        task_start=today + timedelta(days=20),
        task_end=today + timedelta(days=30),
        received_on=today - timedelta(days=2),
        published_on=today,
    )
    url = g.get_absolute_url()
    r = client.post(url, {"author_name": "Mieszkaniec", "text": "Uwaga do kosztorysu."})
    assert r.status_code == 200 and g.comments.count() == 1
    assert client.post(url, {"author_name": "", "text": ""}).status_code == 400
    g.published_on = today - timedelta(days=8)
    g.save()
    assert client.post(url, {"author_name": "X", "text": "Za późno"}).status_code == 400
    assert g.comments.count() == 1


def test_exports(client, make_org, make_competition):
    make_org(name="Eksportowa", representative_email="tajny@example.org")
    make_org(name="Niezatwierdzona", status="pending")
    make_competition(title="Konkurs CSV")
    data = json.loads(client.get("/api/ngo/organizacje.json").content)
    assert [i["nazwa"] for i in data["items"]] == ["Eksportowa"]
    body = client.get("/api/ngo/organizacje.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows[0]["nazwa"] == "Eksportowa" and "tajny@" not in body
    rows = list(csv.DictReader(io.StringIO(client.get("/api/ngo/konkursy.csv").content.decode())))
    assert rows[0]["tytul"] == "Konkurs CSV" and rows[0]["stan"] == "evaluation"
    r = client.get("/api/ngo/konkursy.xml")
    assert r.status_code == 404 and r["Content-Type"] == "application/problem+json"


def test_atom_feed_has_announcements_and_results(client, make_competition):
    c = make_competition(title="Konkurs w kanale")
    c.transition("cancelled", reason="no-offers")
    body = client.get(reverse("ngo:feed")).content.decode()
    assert (
        "<feed" in body
        and "Ogłoszenie: Konkurs w kanale" in body
        and "Unieważnienie: Konkurs w kanale" in body
    )


def test_new_competition_emails_subscribers(
    make_org, make_competition, django_capture_on_commit_callbacks
):
    make_org(notify_competitions=True, representative_email="chce@example.org")
    make_org(notify_competitions=False, representative_email="nie@example.org")
    make_org(
        notify_competitions=True, representative_email="oczekuje@example.org", status="pending"
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_competition(title="Nowy konkurs")
    assert [m.to for m in mail.outbox] == [["chce@example.org"]]
    assert (
        "Nowy konkurs" in mail.outbox[0].subject
        and "/ngo/powiadomienia/wypisz/" in mail.outbox[0].body
    )


def test_unsubscribe_needs_post(client, make_org):
    o = make_org(notify_competitions=True)
    url = reverse("ngo:unsubscribe", args=[signing.dumps(o.pk, salt=UNSUBSCRIBE_SALT)])
    client.get(url)
    o.refresh_from_db()
    assert o.notify_competitions
    client.post(url)
    o.refresh_from_db()
    assert not o.notify_competitions
    assert client.get(reverse("ngo:unsubscribe", args=["forged"])).status_code == 404


def test_other_pages_render(client, make_competition):
    make_competition()
    for name in ("index", "competitions", "small_grants", "programme", "calendar", "register"):
        assert client.get(reverse(f"ngo:{name}")).status_code == 200, name


def test_calendar_page_and_ics(client, make_competition):
    from django.utils import timezone

    from .conftest import aware

    today = timezone.localdate()
    make_competition(
        title="Konkurs z terminem", announced_on=today, deadline=aware(today + timedelta(days=22))
    )
    page = client.get(reverse("ngo:calendar")).content.decode()
    assert "Termin składania ofert: Konkurs z terminem" in page
    first = client.get(reverse("ngo:calendar_ics"))
    assert first["Content-Type"].startswith("text/calendar")
    body = first.content.decode()
    assert "SUMMARY:Termin składania ofert: Konkurs z terminem" in body
    assert f"DTSTART;VALUE=DATE:{today + timedelta(days=22):%Y%m%d}" in body
    uids = [line for line in body.splitlines() if line.startswith("UID:")]
    assert uids and uids == [
        line
        for line in client.get(reverse("ngo:calendar_ics")).content.decode().splitlines()
        if line.startswith("UID:")
    ]


def test_error_summary_links_to_the_sphere_group(client):
    body = post_registration(client, areas=None).content.decode()
    assert 'href="#id_areas"' in body and 'id="id_areas"' in body


def test_future_announcement_is_a_draft_until_its_day(
    client, make_org, make_competition, django_capture_on_commit_callbacks
):
    from django.core.management import call_command
    from django.utils import timezone

    from .conftest import aware

    make_org(notify_competitions=True, representative_email="chce@example.org")
    tomorrow = timezone.localdate() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_competition(
            title="Jutrzejszy", announced_on=tomorrow, deadline=aware(tomorrow + timedelta(days=21))
        )
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Jutrzejszy" not in client.get(reverse("ngo:competitions")).content.decode()
    assert "Jutrzejszy" not in client.get(reverse("ngo:feed")).content.decode()
    assert "Jutrzejszy" not in client.get("/api/ngo/konkursy.json").content.decode()
    call_command("ngo_announce", stdout=io.StringIO())
    assert mail.outbox == []
    # The day comes: the daily command sends once, and only once.
    draft.announced_on = timezone.localdate()
    draft.offer_deadline = aware(draft.announced_on + timedelta(days=21))
    type(draft).objects.filter(pk=draft.pk).update(
        announced_on=draft.announced_on, offer_deadline=draft.offer_deadline
    )
    call_command("ngo_announce", stdout=io.StringIO())
    call_command("ngo_announce", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["chce@example.org"]]
    assert client.get(draft.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        draft.save()  # editing an announced competition sends nothing again
    assert len(mail.outbox) == 1


def _photo(fmt="PNG"):
    from PIL import Image as PILImage

    exif = PILImage.Exif()
    exif[0x010F] = "RatuszTestCamera"
    buffer = io.BytesIO()
    PILImage.new("RGB", (60, 40), "green").save(buffer, fmt, exif=exif)
    return buffer.getvalue()


def test_registration_with_a_map_point_and_a_logo(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PILImage

    settings.MEDIA_ROOT = str(tmp_path)
    logo = SimpleUploadedFile("logo.png", _photo(), "image/png")
    response = post_registration(client, latitude="50,2412", longitude="19,1234", logo_file=logo)
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(name="Stowarzyszenie Nowe")
    assert (org.latitude, org.longitude) == (50.2412, 19.1234)
    assert org.logo.collection.name == "Loga organizacji (zgłoszenia)"
    with org.logo.open_file() as stored:
        data = stored.read()
    assert b"RatuszTestCamera" not in data  # drawn anew, without metadata
    with PILImage.open(io.BytesIO(data)) as image:
        assert image.size == (60, 40)


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"latitude": "40,1", "longitude": "19,1"}, "nie wskazuje miejsca w Polsce"),
        ({"latitude": "50,2"}, "Podaj obie współrzędne albo żadnej"),
        ({"latitude": "pięćdziesiąt", "longitude": "19"}, "Wpisz liczbę"),
    ],
)
def test_registration_point_errors(client, changes, field_error):
    response = post_registration(client, **changes)
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "field_error"),
    [
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            "logo.svg",
            "To nie jest obraz albo plik jest uszkodzony",
        ),
        (b"%PDF-1.4 not an image", "logo.png", "To nie jest obraz albo plik jest uszkodzony"),
        (_photo("BMP"), "logo.bmp", "Dozwolone są PNG, JPG, GIF i WebP"),
    ],
)
def test_registration_logo_errors_save_nothing(
    client, settings, tmp_path, content, name, field_error
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = str(tmp_path)
    upload = SimpleUploadedFile(name, content, "application/octet-stream")
    response = post_registration(client, logo_file=upload)
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert not Organisation.objects.exists() and not Image.objects.exists()
