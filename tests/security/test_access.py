"""Access to the admin, and what uploads may be and how they are served."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ratusz.core.uploads import document_problem

MB = 1024 * 1024
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ODT = (
    b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text" + b"\x00" * 8
)


@pytest.mark.parametrize(
    "name,head,ok",
    [
        ("uchwała.pdf", PDF, True),
        ("plan.pdf", b"<html><script>alert(1)</script>", False),
        ("plan.pdf", b"MZ\x90\x00\x03", False),  # a Windows program
        ("protokół.odt", ODT, True),
        ("arkusz.ods", ODT, False),  # a text document named as a spreadsheet
        ("dane.csv", "nazwa;kwota\nŁawki;20000\n".encode(), True),
        ("dane.csv", b"\x00\x01\x02binary", False),
        ("dane.txt", b"<!DOCTYPE html><html>", False),
        ("granice.geojson", b'\xef\xbb\xbf{"type": "FeatureCollection"}', True),
        ("granice.geojson", b"[1, 2]", False),
        ("skrypt.exe", b"MZ", False),
        ("bez-rozszerzenia", PDF, False),
        ("archiwum.zip", b"PK\x05\x06" + b"\x00" * 18, True),
    ],
)
def test_document_judged_by_content(name, head, ok):
    assert (document_problem(name, len(head), head, 20 * MB) is None) is ok


def test_document_size_limits():
    assert "pusty" in document_problem("a.pdf", 0, b"", 20 * MB)
    assert "za duży" in document_problem("a.pdf", 21 * MB, PDF, 20 * MB)


def test_multibyte_character_cut_at_the_end_of_the_head_is_fine():
    head = ("ą" * 10).encode()[:-1]
    assert document_problem("a.txt", 10_000, head, 20 * MB) is None


@pytest.fixture
def admin_client(client, django_user_model, settings):
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.RATUSZ_ADMIN_2FA_REQUIRED = True
    user = django_user_model.objects.create_superuser("admin-test", "a@example.invalid", "x" * 16)
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login(client):
    for path in ["/admin/", "/admin/documents/", "/django-admin/"]:
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_disguised_document_is_refused_and_a_real_one_served_as_attachment(
    admin_client, settings, tmp_path
):
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = str(tmp_path)
    bad = SimpleUploadedFile(
        "plan.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    response = admin_client.post("/admin/documents/add/", {"title": "Plan", "file": bad})
    assert response.status_code == 200
    assert "nie odpowiada rozszerzeniu .pdf" in response.content.decode()
    assert not Document.objects.exists()

    good = SimpleUploadedFile("uchwała.pdf", PDF, "application/pdf")
    response = admin_client.post("/admin/documents/add/", {"title": "Uchwała", "file": good})
    assert response.status_code == 302
    document = Document.objects.get()

    served = admin_client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.django_db
def test_image_upload_checked_by_content_and_svg_refused(admin_client, settings, tmp_path):
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = str(tmp_path)
    fake = SimpleUploadedFile("zdjęcie.jpg", b"<html>not an image</html>", "image/jpeg")
    response = admin_client.post("/admin/images/add/", {"title": "Rynek", "file": fake})
    assert response.status_code == 200 and not Image.objects.exists()

    svg = SimpleUploadedFile(
        "herb.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"
    )
    response = admin_client.post("/admin/images/add/", {"title": "Herb", "file": svg})
    assert response.status_code == 200 and not Image.objects.exists()

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(buffer, "PNG")
    png = SimpleUploadedFile("rynek.png", buffer.getvalue(), "image/png")
    response = admin_client.post("/admin/images/add/", {"title": "Rynek", "file": png})
    assert response.status_code == 302 and Image.objects.count() == 1


def _photo_with_gps():
    from PIL import Image as PILImage

    exif = PILImage.Exif()
    exif[0x010F] = "RatuszTestCamera"
    exif[0x0112] = 6  # taken with the phone turned
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (50.0, 14.0, 33.0), "E", (19.0, 8.0, 0.0)
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(buffer, "JPEG", exif=exif)
    assert b"RatuszTestCamera" in buffer.getvalue()
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/images/add/", "/admin/images/multiple/add/"])
def test_stored_image_original_has_no_exif_or_gps(admin_client, settings, tmp_path, url):
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = str(tmp_path)
    photo = SimpleUploadedFile("rynek.jpg", _photo_with_gps(), "image/jpeg")
    field = "files[]" if "multiple" in url else "file"
    response = admin_client.post(url, {"title": "Rynek", field: photo})
    assert response.status_code in (200, 302), response.content[:300]
    image = Image.objects.get()
    with image.open_file() as stored:
        data = stored.read()
    assert b"RatuszTestCamera" not in data
    with PILImage.open(io.BytesIO(data)) as result:
        assert not result.getexif()
        assert result.size == (30, 40)  # turned upright, as viewers showed it
    assert (image.width, image.height, image.file_size) == (30, 40, len(data))
