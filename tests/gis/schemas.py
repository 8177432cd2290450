"""Validate documents against the OGC API – Features YAML schemas in tests/data/ogcapi.

The YAML is loaded with PyYAML; its unquoted ``type: null`` becomes Python None,
which we turn back into the JSON Schema type "null". Relative ``$ref``s resolve
within the folder; the Part 2 schemas' references to schemas.opengis.net resolve
to the local Part 1 copies (no network).
"""

from functools import lru_cache

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.files import OGCAPI_DIR

BASE = "https://standards.invalid/ogcapi/"
REMOTE_CORE = "http://schemas.opengis.net/ogcapi/features/part1/1.0/openapi/schemas/"


def _fix_null(node):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "type" and value is None:
                out[key] = "null"
            elif key == "type" and isinstance(value, list):
                out[key] = ["null" if v is None else v for v in value]
            else:
                out[key] = _fix_null(value)
        return out
    if isinstance(node, list):
        return [_fix_null(v) for v in node]
    return node


@lru_cache(maxsize=1)
def _registry() -> Registry:
    root = OGCAPI_DIR
    resources = []
    for folder in ("core/openapi/schemas", "extensions/crs/openapi/schemas"):
        for path in sorted((root / folder).glob("*.yaml")):
            doc = _fix_null(yaml.safe_load(path.read_text(encoding="utf-8")))
            uris = [f"{BASE}{folder}/{path.name}"]
            if folder.startswith("core"):
                uris.append(REMOTE_CORE + path.name)
            for uri in uris:
                resources.append((uri, Resource.from_contents({**doc, "$id": uri}, DRAFT202012)))
    return Registry().with_resources(resources)


def validate(document: dict, schema: str, folder: str = "core/openapi/schemas") -> None:
    """Raise jsonschema.ValidationError unless ``document`` matches ``schema`` (a file name)."""
    registry = _registry()
    uri = f"{BASE}{folder}/{schema}"
    contents = registry.contents(uri)
    Draft202012Validator(contents, registry=registry).validate(document)


def validate_crs(document: dict, schema: str) -> None:
    validate(document, schema, "extensions/crs/openapi/schemas")
