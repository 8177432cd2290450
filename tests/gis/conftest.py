"""Fixtures of the gis tests. Django is imported inside the fixtures, so the
plain-Python tests in this folder also run with ``-p no:django``."""

from functools import lru_cache

import pytest

from tests.gis.data import powiaty_path


@lru_cache(maxsize=1)
def _powiaty_data():
    from ratusz.gis.readers import read_layer

    return read_layer("powiaty.geojson", powiaty_path().read_bytes())


@pytest.fixture
def powiaty_layer(db):
    """The 380 real counties as an uploaded layer (feature ids as in the file)."""
    from ratusz.gis.importer import import_layer
    from ratusz.gis.models import Layer

    layer = Layer(
        slug="powiaty",
        title="Powiaty",
        description="Granice powiatów (PRG)",
        label_property="nazwa",
        licence="MIT",
        attribution="Źródło: GUGiK, PRG",
    )
    return import_layer(layer, _powiaty_data())


@pytest.fixture
def demo_gis(db):
    from ratusz.demo import gis as demo

    demo.load()
