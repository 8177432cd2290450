"""Builders shared by the budget tests that need a database."""

import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ratusz.budget.models import Edition, Pool

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
# A square district around (19.10..19.12, 50.20..50.22) and its neighbour to the east.
SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[19.10, 50.20], [19.12, 50.20], [19.12, 50.22], [19.10, 50.22], [19.10, 50.20]]
    ],
}
EAST = {
    "type": "Polygon",
    "coordinates": [
        [[19.12, 50.20], [19.14, 50.20], [19.14, 50.22], [19.12, 50.22], [19.12, 50.20]]
    ],
}


def pesel_for(birth, serial=123, female=False):
    """A valid PESEL for ``birth`` (serial makes different people)."""
    month = birth.month + {1800: 80, 1900: 0, 2000: 20, 2100: 40}[birth.year // 100 * 100]
    body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial:03d}"
    sex = (2 * (serial % 5)) if female else (2 * (serial % 5) + 1)
    body += str(sex)
    weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    check = (10 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 10) % 10
    return body + str(check)


def years_ago(years, days=0):
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - timedelta(days=days)


def make_edition(open_=True, **extra):
    from ratusz.gis.models import District

    today = timezone.localdate()
    start = today - timedelta(days=10) if open_ else today - timedelta(days=100)
    end = today + timedelta(days=10) if open_ else today - timedelta(days=50)
    values = {
        "year": today.year + 1,
        "name": "MBO testowy",
        "number_prefix": "MBO",
        "submissions_start": start,
        "submissions_end": end,
        "lists_published_on": end + timedelta(days=30),
        "appeals_end": end + timedelta(days=44),
    }
    values.update(extra)
    edition = Edition.objects.create(slug="mbo-test", **values)
    west, _ = District.objects.get_or_create(
        slug="zachod", defaults={"name": "Zachód", "code": "01", "geometry": SQUARE}
    )
    east, _ = District.objects.get_or_create(
        slug="wschod", defaults={"name": "Wschód", "code": "02", "geometry": EAST}
    )
    Pool.objects.create(
        edition=edition,
        kind=Pool.Kind.CITYWIDE,
        name="Ogólnomiejska",
        slug="miasto",
        code="OM",
        amount=Decimal("500000.00"),
    )
    Pool.objects.create(
        edition=edition,
        kind=Pool.Kind.DISTRICT,
        name="Dzielnica Zachód",
        slug="zachod",
        code="D01",
        district=west,
        amount=Decimal("100000.00"),
        sort_order=1,
    )
    return edition


def pdf_upload(name="plan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png_upload(name="mapa.png"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def form_data(edition, pool_slug="zachod", **overrides):
    pool = edition.pools.get(slug=pool_slug)
    data = {
        "action": "submit",
        "pool": pool.pk,
        "title": "Ławki w parku",
        "description": "Sześć ławek z oparciem wzdłuż alejki.",
        "justification": "Seniorzy nie mają gdzie odpocząć.",
        "location_text": "Park przy ul. Leśnej",
        "location_lat": "50,21",
        "location_lon": "19,11",
        "cost_1_name": "Ławki",
        "cost_1_amount": "30000,00",
        "cost_2_name": "Montaż",
        "cost_2_amount": "5000,00",
        "author_name": "Anna Nowak",
        "author_email": "anna@example.org",
        "author_birth_date": years_ago(40).strftime("%d.%m.%Y"),
        "support_scan_count": "15",
        "support_scan": pdf_upload("lista.pdf"),
        "privacy_accepted": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def private_storage_in(settings, path):
    """Point the attachments' private storage at ``path`` for one test."""
    from ratusz.budget.models import Attachment

    settings.RATUSZ_PRIVATE_MEDIA_ROOT = str(path)
    storage = Attachment._meta.get_field("file").storage
    for cached in ("base_location", "location"):
        storage.__dict__.pop(cached, None)


__all__ = ["date", "make_edition", "form_data", "pesel_for", "years_ago"]
