"""Uploaded images drawn again without their metadata (plain Python, Pillow).

A phone photo carries EXIF: where it was taken (GPS), the device, the time,
sometimes the owner's name. Wagtail drops metadata from renditions only; the
original stays on disk as uploaded. ``reencode`` decodes the pixels and
writes a new file of the same format, turned upright by its EXIF
orientation, keeping only what the picture needs to look the same (colour
profile, transparency, animation timing). A file Pillow cannot decode to the
end raises ValueError.
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageOps

FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
JPEG_QUALITY = 90
WEBP_QUALITY = 90
# A decompression bomb is refused before its pixels are allocated.
MAX_PIXELS = 64_000_000
# Every frame of an animation is decoded and redrawn: a 122 KB GIF within the
# pixel limit took 577 MB. Frames times pixels is the real cost.
MAX_FRAMES = 300
MAX_ANIMATION_PIXELS = 100_000_000


def _clean(frame: Image.Image) -> Image.Image:
    """A copy of the frame's pixels with an empty ``info``."""
    fresh = frame.copy()
    keep: dict[str | tuple[int, int], object] = {
        k: frame.info[k] for k in ("transparency", "duration") if k in frame.info
    }
    fresh.info = keep
    return fresh


def reencode(data: bytes) -> tuple[bytes, str]:
    """Return the image in ``data`` written anew, and its Pillow format name."""
    try:
        image = Image.open(BytesIO(data))
        fmt = image.format
        if fmt not in FORMATS:
            raise ValueError(f"unsupported format {fmt}")
        if image.width * image.height > MAX_PIXELS:
            raise ValueError("image too large")
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_FRAMES or frames * image.width * image.height > MAX_ANIMATION_PIXELS:
            raise ValueError("animation too large")
        image.load()
    except (OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValueError(str(exc)) from exc
    icc = image.info.get("icc_profile")
    out = BytesIO()
    with image:
        frames = getattr(image, "n_frames", 1)
        if frames > 1:  # animated GIF/WebP: every frame, as it was, no metadata
            sequence = []
            for index in range(frames):
                image.seek(index)
                sequence.append(_clean(image))
            first, rest = sequence[0], sequence[1:]
            options = {"save_all": True, "append_images": rest, "loop": image.info.get("loop", 0)}
            options["duration"] = [frame.info.get("duration", 100) for frame in sequence]
            if fmt == "GIF":
                options["disposal"] = 2
            else:
                options["quality"] = WEBP_QUALITY
            first.save(out, format=fmt, **options)
            return out.getvalue(), fmt
        upright = _clean(ImageOps.exif_transpose(image))
    options = {}
    if icc:
        options["icc_profile"] = icc
    if "transparency" in upright.info:
        options["transparency"] = upright.info["transparency"]
    if fmt == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        options.update(quality=JPEG_QUALITY, optimize=True)
    elif fmt == "WEBP":
        options.update(quality=WEBP_QUALITY)
    elif fmt == "PNG":
        options.update(optimize=True)
    upright.save(out, format=fmt, **options)
    return out.getvalue(), fmt
