"""What every map page needs from the settings: the operator's tile server.

Empty by default, so that a map shows the portal's own base map only and no
page asks another host for anything; see RATUSZ_MAP_TILE_URL and
RATUSZ_MAP_NATIONAL_WMTS in docs/gis.md.
"""

from ratusz.core.conf import conf

_GUGIK = (
    "https://mapy.geoportal.gov.pl/wss/service/PZGIK/{service}/WMTS/StandardResolution"
    "?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}&STYLE=default"
    "&FORMAT={format}&TILEMATRIXSET=EPSG:3857&TILEMATRIX=EPSG:3857:{{z}}"
    "&TILEROW={{y}}&TILECOL={{x}}"
)
# GUGiK's national services in the Web Mercator tile matrix set, as XYZ templates
NATIONAL_WMTS = {
    "ortofotomapa": (
        _GUGIK.format(service="ORTO", layer="ORTOFOTOMAPA", format="image/jpeg"),
        "Ortofotomapa: GUGiK",
    ),
    "topograficzna": (
        "https://mapy.geoportal.gov.pl/wss/service/WMTS/guest/wmts/TOPO"
        "?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=MAPA TOPOGRAFICZNA&STYLE=default"
        "&FORMAT=image/jpeg&TILEMATRIXSET=EPSG:3857&TILEMATRIX=EPSG:3857:{z}"
        "&TILEROW={y}&TILECOL={x}",
        "Mapa topograficzna: GUGiK",
    ),
}


def tile_url() -> str:
    """The XYZ template every map draws under its layers, or "" (the portal's own base map)."""
    if conf.RATUSZ_MAP_TILE_URL:
        return conf.RATUSZ_MAP_TILE_URL
    preset = NATIONAL_WMTS.get(conf.RATUSZ_MAP_NATIONAL_WMTS or "")
    return preset[0] if preset else ""


def tile_attribution() -> str:
    if conf.RATUSZ_MAP_TILE_URL:
        return conf.RATUSZ_MAP_TILE_ATTRIBUTION
    preset = NATIONAL_WMTS.get(conf.RATUSZ_MAP_NATIONAL_WMTS or "")
    return preset[1] if preset else ""


def tile_context() -> dict:
    """The template variables ``tile_url`` and ``tile_attribution``."""
    return {"tile_url": tile_url(), "tile_attribution": tile_attribution()}
