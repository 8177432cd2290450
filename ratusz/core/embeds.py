"""Lists from other apps that editors can place in a page body.

An app registers a renderer; the "Lista z rejestru" block offers every
registered key. Renderers get the request and the page and return HTML.
"""

from collections.abc import Callable
from typing import Any

Renderer = Callable[[Any, Any], str]  # (request, page) -> HTML

_REGISTRY: dict[str, tuple[Any, Renderer]] = {}


def register_embed(key: str, label: Any, render: Renderer) -> None:
    _REGISTRY[key] = (label, render)


def embed_choices() -> list[tuple[str, Any]]:
    return [(key, label) for key, (label, _render) in sorted(_REGISTRY.items())]


def render_embed(key: str, request: Any, page: Any) -> str:
    entry = _REGISTRY.get(key)
    if entry is None:
        return ""
    return entry[1](request, page)
