"""What the land-information system shows the public (see ``ratusz.core.discovery``)."""

from .models import District, Feature, Layer

PUBLIC_MODELS = [District, Layer, Feature]

# Place-name search and the OGC API do real work on every cache miss.
READ_LIMITS = [
    ("search", r"^/(sit/szukaj/|api/gis/szukaj)"),
    ("api", r"^/ogcapi/"),
]
