"""Uploaded images lose their metadata, keep their look (no database)."""

from io import BytesIO

import pytest
from PIL import Image, ImageChops

from ratusz.core.images import reencode

MARKER = "RatuszTestCamera-52.1234N"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>ratusz-secret-xmp</rdf:RDF></x:xmpmeta>'


def exif_with_gps(orientation=1):
    exif = Image.Exif()
    exif[0x010F] = MARKER  # Make
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (50.0, 14.0, 33.0)  # latitude of Mysłowice
    gps[3], gps[4] = "E", (19.0, 8.0, 0.0)
    return exif


def picture(mode="RGB", size=(40, 20)):
    image = Image.new(mode, size, "white" if mode != "P" else 0)
    for x in range(size[0] // 2):
        for y in range(size[1]):
            image.putpixel((x, y), (200, 30, 30) if mode == "RGB" else 1)
    return image


def encode(image, fmt, **options):
    out = BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


@pytest.mark.parametrize(
    "fmt,options",
    [
        ("JPEG", {"quality": 95}),
        ("PNG", {}),
        ("WEBP", {"quality": 95}),
    ],
)
def test_exif_gps_and_xmp_are_gone(fmt, options):
    original = encode(picture(), fmt, exif=exif_with_gps(), xmp=XMP, **options)
    assert MARKER.encode() in original  # the test picture does carry them
    cleaned, detected = reencode(original)
    assert detected == fmt
    assert MARKER.encode() not in cleaned and b"ratusz-secret-xmp" not in cleaned
    with Image.open(BytesIO(cleaned)) as result:
        assert not result.getexif()
        assert result.size == (40, 20)


def test_jpeg_is_turned_upright_by_its_orientation():
    # Orientation 6: the camera was turned; viewers rotate it 90° clockwise.
    original = encode(picture(), "JPEG", exif=exif_with_gps(orientation=6), quality=95)
    cleaned, _ = reencode(original)
    with Image.open(BytesIO(cleaned)) as result:
        assert result.size == (20, 40)
        assert 0x0112 not in result.getexif()
        red = result.getpixel((10, 5))
        assert red[0] > 150 and red[1] < 90  # the red half is now on top


def test_pixels_stay_the_same_for_lossless_formats():
    image = picture()
    cleaned, _ = reencode(encode(image, "PNG", exif=exif_with_gps()))
    with Image.open(BytesIO(cleaned)) as result:
        assert ImageChops.difference(result.convert("RGB"), image).getbbox() is None


def test_transparency_and_animation_survive():
    frames = [picture("P"), picture("P").transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    for frame in frames:
        frame.putpalette([255, 255, 255, 200, 30, 30] + [0, 0, 0] * 254)
    original = encode(
        frames[0],
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[250, 500],
        loop=0,
        transparency=0,
        comment=MARKER.encode(),
    )
    cleaned, fmt = reencode(original)
    assert fmt == "GIF" and MARKER.encode() not in cleaned
    with Image.open(BytesIO(cleaned)) as result:
        assert result.n_frames == 2
        assert result.info.get("transparency") == 0
        durations = []
        for index in range(2):
            result.seek(index)
            durations.append(result.info["duration"])
        assert durations == [250, 500]


@pytest.mark.parametrize(
    "data",
    [b"", b"not an image at all", encode(picture(), "PNG")[:60], encode(picture(), "BMP")],
)
def test_what_cannot_be_decoded_or_is_not_allowed_is_refused(data):
    with pytest.raises(ValueError):
        reencode(data)


def test_animation_costing_more_than_it_weighs_is_refused_before_decoding():
    import time
    from io import BytesIO

    from PIL import Image

    from ratusz.core import images

    frames = [Image.new("P", (1200, 1000), color=n % 2) for n in range(120)]
    out = BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=50)
    data = out.getvalue()
    assert len(data) < 300_000  # small on disk, 144 million pixels to redraw
    started = time.monotonic()
    with pytest.raises(ValueError, match="animation too large"):
        images.reencode(data)
    assert time.monotonic() - started < 5
