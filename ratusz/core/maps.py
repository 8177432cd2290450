"""What every map page needs from the settings: the operator's tile server.

Empty by default, so that a map shows outlines only and no page asks another
host for anything; see RATUSZ_MAP_TILE_URL in docs/deployment.md.
"""

from ratusz.core.conf import conf


def tile_context() -> dict:
    """The template variables ``tile_url`` and ``tile_attribution``."""
    return {
        "tile_url": conf.RATUSZ_MAP_TILE_URL,
        "tile_attribution": conf.RATUSZ_MAP_TILE_ATTRIBUTION,
    }
