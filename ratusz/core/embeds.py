"""Lists from other apps that editors can place in a page body.

An app registers a renderer; the "Lista z rejestru" block offers every
registered key. Renderers get the request and the page and return HTML.
"""

_REGISTRY = {}


def register_embed(key, label, render):
    _REGISTRY[key] = (label, render)


def embed_choices():
    return [(key, label) for key, (label, _render) in sorted(_REGISTRY.items())]


def render_embed(key, request, page):
    entry = _REGISTRY.get(key)
    if entry is None:
        return ""
    return entry[1](request, page)
