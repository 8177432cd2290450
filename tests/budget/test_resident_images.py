"""Images residents upload are redrawn like Wagtail images: no GPS, no polyglot."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ratusz.budget.models import Project
from tests.budget.helpers import form_data, make_edition, private_storage_in

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "public"
    private_storage_in(settings, tmp_path / "private")
    settings.RATUSZ_RATELIMIT_ENABLED = False


def photo_with_gps_and_html():
    exif = Image.Exif()
    exif[0x010F] = "RatuszTestCamera"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (50.0, 14.0, 33.0)
    gps[3], gps[4] = "E", (19.0, 8.0, 0.0)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG", exif=exif, comment=SCRIPT)
    # A JPEG that is also an HTML page: the script sits in a comment and after the end.
    return buffer.getvalue() + SCRIPT


def test_budget_photo_loses_gps_camera_and_html(client):
    edition = make_edition()
    data = photo_with_gps_and_html()
    assert b"RatuszTestCamera" in data and SCRIPT in data
    upload = SimpleUploadedFile("plac.jpg", data, content_type="image/jpeg")
    response = client.post(
        reverse("budget:submit", args=[edition.slug]), form_data(edition, attachments=[upload])
    )
    assert response.status_code == 302
    attachment = Project.objects.get().attachments.get(kind="image")
    stored = attachment.file.read()
    assert b"<script" not in stored and b"<html" not in stored
    assert b"RatuszTestCamera" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.size == (64, 48)
    assert 0x8825 not in image.getexif()
    assert attachment.size == len(stored)


def test_support_scan_photo_is_redrawn_too(client):
    edition = make_edition()
    upload = SimpleUploadedFile("lista.jpg", photo_with_gps_and_html(), content_type="image/jpeg")
    client.post(
        reverse("budget:submit", args=[edition.slug]), form_data(edition, support_scan=upload)
    )
    stored = Project.objects.get().attachments.get(kind="support_list").file.read()
    assert b"<script" not in stored and b"RatuszTestCamera" not in stored


def test_an_image_that_does_not_decode_is_refused_in_polish(client):
    edition = make_edition()
    broken = SimpleUploadedFile("zdj.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "image/png")
    response = client.post(
        reverse("budget:submit", args=[edition.slug]), form_data(edition, attachments=[broken])
    )
    assert response.status_code == 400
    assert "Nie udało się odczytać obrazu" in response.content.decode()
    assert not Project.objects.exists()
