"""The county boundaries for the gis tests: the product's copy (ratusz/gis/data)."""

import json
from functools import lru_cache

from tests.files import POWIATY


def powiaty_path():
    return POWIATY


@lru_cache(maxsize=1)
def powiaty() -> dict:
    return json.loads(powiaty_path().read_text(encoding="utf-8"))


def powiat(name: str) -> dict:
    for feature in powiaty()["features"]:
        if feature["properties"]["nazwa"] == name:
            return feature
    raise KeyError(name)
