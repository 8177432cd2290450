"""The map portal's pages for the search index (see ``ratusz.core.discovery``).

Only URL names and paths: the platform's search reads them, gis imports nothing of it.
"""

from django.urls import reverse

from .models import District, Feature, Layer
from .sources import all_sources


def _layers():
    for collection_id in all_sources():
        yield reverse("gis:layer-table", args=[collection_id])


VIEWS = ["gis:index", _layers]

# Saves of these records change what these pages show (a count, a phase, a list):
# their index entries are re-rendered soon after (ratusz.search.signals).
VIEWS_DEPEND_ON = {
    Layer: ["gis:index", _layers],
    Feature: [_layers],
    District: [_layers],
}
