"""The announcement area drawn on a map; the CAP polygon text stays the way in."""

from django import forms

from ratusz.core.maps import tile_context


class AreaMapWidget(forms.Textarea):
    """A textarea of CAP polygons ("lat,lon lat,lon …", one a line) with a map
    above it: a click adds a vertex, "Zamknij obszar" closes the ring and
    writes it as a new line (ratusz/alerts/static/alerts/draw-area.js)."""

    template_name = "alerts/widgets/area_map.html"

    def __init__(self, attrs=None):
        super().__init__({"rows": 3, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context.update(tile_context())
        return context

    class Media:
        css = {"all": ["xstatic/leaflet/leaflet.css"]}
        js = ["xstatic/leaflet/leaflet.js", "core/js/leaflet-pl.js", "alerts/draw-area.js"]
