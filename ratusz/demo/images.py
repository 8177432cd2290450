"""Demo loader (`manage.py demo`): lead images for the home page and the news.

The pictures are made here, with Pillow, from the demo's own data: the city's
districts (boundary from GUGiK PRG, see ratusz/demo/data) and the demo's
streets, each view centred on the place a news item is about. Nothing is
downloaded. The images are the project's own work, released under CC0 1.0
(docs/editors.md, "Zdjęcia demonstracyjne"); a city replaces them with its
photographs in the page editor.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model

LICENCE = "CC0 1.0, ilustracja demonstracyjna z danych portalu"
GREENS = ["#dfe9d3", "#d3e2c6", "#e8efdd", "#cfe0d8", "#e3e8cf"]
CENTRE = (19.1345, 50.2418)  # Rynek

# (page slug, centre lon/lat or None for the whole city, half-width in km, marker label, alt)
VIEWS = [
    (
        "",
        None,
        0,
        "",
        "Mapa Mysłowic: granica miasta, piętnaście dzielnic z nazwami i ulice centrum "
        "(ilustracja z danych portalu)",
    ),
    (
        "sesja-rady-miasta-listopad-2026",
        (19.1345, 50.2426),
        0.9,
        "Urząd Miasta, ul. Powstańców 1",
        "Plan centrum Mysłowic z zaznaczonym Urzędem Miasta przy ulicy Powstańców 1",
    ),
    (
        "zimowe-utrzymanie-drog-2026",
        (19.1320, 50.2430),
        2.2,
        "",
        "Plan ulic centrum Mysłowic, które miejskie służby odśnieżają w pierwszej kolejności",
    ),
    (
        "jarmark-bozonarodzeniowy-2026",
        (19.1345, 50.2418),
        0.6,
        "Rynek",
        "Plan Rynku w Mysłowicach z ulicami wokół niego, miejsce jarmarku",
    ),
]


class _Projection:
    """lon/lat to pixels: equirectangular, scaled by cos(latitude) (a city is small)."""

    def __init__(self, box, size, margin=24):
        west, south, east, north = box
        self.k = math.cos(math.radians((south + north) / 2))
        width, height = size
        scale_x = (width - 2 * margin) / ((east - west) * self.k)
        scale_y = (height - 2 * margin) / (north - south)
        self.scale = min(scale_x, scale_y)
        self.cx, self.cy = (west + east) / 2, (south + north) / 2
        self.w, self.h = width, height

    def __call__(self, lon, lat):
        return (
            self.w / 2 + (lon - self.cx) * self.k * self.scale,
            self.h / 2 - (lat - self.cy) * self.scale,
        )


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


FONT_FILES = (  # Debian's fonts-dejavu-core (a dependency of chromium), Liberation
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


def _font(size):
    for path in FONT_FILES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _text(label: str) -> str:
    """Pillow's built-in font has no Polish letters: without a system font, plain ones."""
    if any(Path(p).exists() for p in FONT_FILES):
        return label
    import unicodedata

    plain = label.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c))


def render(districts, streets, centre=None, half_km=0.0, marker="", size=(1280, 720)):
    """One picture: districts, streets and names, optionally zoomed on ``centre``."""
    if centre is None:
        coords = [p for _n, g in districts for ring in _rings(g) for p in ring]
        box = (
            min(p[0] for p in coords),
            min(p[1] for p in coords),
            max(p[0] for p in coords),
            max(p[1] for p in coords),
        )
    else:
        dlat = half_km / 110.54 * size[1] / size[0]
        dlon = half_km / (111.32 * math.cos(math.radians(centre[1])))
        box = (centre[0] - dlon, centre[1] - dlat, centre[0] + dlon, centre[1] + dlat)
    project = _Projection(box, size)
    image = Image.new("RGB", size, "#f4f6f8")
    draw = ImageDraw.Draw(image)
    for number, (_name, geometry) in enumerate(districts):
        for ring in _rings(geometry):
            draw.polygon([project(*p) for p in ring], fill=GREENS[number % len(GREENS)])
    street_width = 7 if centre is None else 18
    for _name, line in streets:
        points = [project(*p) for p in line]
        draw.line(points, fill="#b7bec6", width=street_width + 4, joint="curve")
    for _name, line in streets:
        draw.line([project(*p) for p in line], fill="#ffffff", width=street_width, joint="curve")
    for _name, geometry in districts:
        for ring in _rings(geometry):
            draw.line([project(*p) for p in ring], fill="#6b7a88", width=2)
    label_font = _font(22 if centre is None else 30)
    if centre is None:
        from shapely.geometry import shape

        for name, geometry in districts:
            point = shape(geometry).representative_point()
            x, y = project(point.x, point.y)
            draw.text(
                (x, y), _text(name), font=label_font, fill="#1f2a33", anchor="mm",
                stroke_width=3, stroke_fill="#ffffff",
            )  # fmt: skip
    else:
        for name, line in streets:
            a, b = line[0], line[-1]
            x, y = project((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
            if 0 < x < size[0] and 0 < y < size[1]:
                draw.text(
                    (x, y), _text(name), font=label_font, fill="#1f2a33", anchor="mm",
                    stroke_width=4, stroke_fill="#ffffff",
                )  # fmt: skip
        if marker:
            x, y = project(*centre)
            draw.ellipse(
                (x - 16, y - 16, x + 16, y + 16), fill="#b00020", outline="#ffffff", width=4
            )
            draw.text(
                (x, y - 30), _text(marker), font=_font(32), fill="#7a0016", anchor="md",
                stroke_width=5, stroke_fill="#ffffff",
            )  # fmt: skip
    return image


def _save(picture, title, name):
    Picture = get_image_model()
    existing = Picture.objects.filter(title=title).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    item = Picture(title=title, file=ImageFile(buffer, name=name))
    item.save()
    return item


def load(stdout=None):
    from ratusz.demo.synth import DEMO_STREETS
    from ratusz.gis.models import District
    from ratusz.pages.models import HomePage, NewsPage

    districts = list(District.objects.exclude(geometry=None).values_list("name", "geometry"))
    if not districts:
        return
    streets = [(name.removeprefix("ul. "), line) for name, line in DEMO_STREETS]
    for slug, centre, half_km, marker, alt in VIEWS:
        page = HomePage.objects.first() if not slug else NewsPage.objects.filter(slug=slug).first()
        if page is None or page.lead_image_id:
            continue  # an editor's choice stays
        picture = render(districts, streets, centre, half_km, marker)
        title = f"{alt[:120]} ({LICENCE})"
        image = _save(picture, title, f"demo-{slug or 'mapa-miasta'}.png")
        page.lead_image, page.lead_image_alt = image, alt
        page.save_revision().publish()
