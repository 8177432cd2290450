"""Attachment type by content, without Django."""

import io

from PIL import Image

from ratusz.budget.files import check_file, sniff

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    return buffer.getvalue()


def test_pdf_and_images_are_recognised_by_content():
    assert sniff(PDF) == "application/pdf"
    assert sniff(png_bytes()) == "image/png"
    assert sniff(b"MZ\x90\x00" + b"\x00" * 60) is None
    assert sniff(b"just text") is None


def test_name_must_agree_with_content():
    assert check_file("plan.pdf", len(PDF), PDF) == ("application/pdf", [])
    mime, problems = check_file("zdjecie.jpg", 100, png_bytes())
    assert mime is None
    assert str(problems[0]) == (
        "Plik „zdjecie.jpg” nie jest dokumentem PDF ani obrazem JPG, PNG lub WebP."
    )
    _, problems = check_file("wirus.pdf", 64, b"MZ\x90\x00" + b"\x00" * 60)
    assert problems


def test_size_limits():
    _, problems = check_file("plan.pdf", 0, b"")
    assert str(problems[0]) == "Plik „plan.pdf” jest pusty."
    _, problems = check_file("plan.pdf", 11 * 1024 * 1024, PDF)
    assert str(problems[0]) == "Plik „plan.pdf” jest za duży (najwyżej 10 MB)."
