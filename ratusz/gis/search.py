"""The map portal's pages for the search index (see ``ratusz.core.discovery``).

Only URL names and paths: the platform's search reads them, gis imports nothing of it.
"""

from django.urls import reverse

from .sources import all_sources


def _layers():
    for collection_id in all_sources():
        yield reverse("gis:layer-table", args=[collection_id])


VIEWS = ["gis:index", _layers]
