"""Shared read-only data for the gis tests, read in place."""

import json
from functools import lru_cache

from tests.shared import shared_path


def powiaty_path():
    return shared_path("data", "gis", "powiaty.geojson")


@lru_cache(maxsize=1)
def powiaty() -> dict:
    return json.loads(powiaty_path().read_text(encoding="utf-8"))


def powiat(name: str) -> dict:
    for feature in powiaty()["features"]:
        if feature["properties"]["nazwa"] == name:
            return feature
    raise KeyError(name)
