/* Every map of the portal, loaded right after leaflet.js: controls in Polish, a
   metric scale bar, and — where the operator has set no tile server — a base map
   drawn from the portal's own data (the districts with their names), so no map is
   dots on empty grey and no page asks another host for anything. */
(function () {
  "use strict";
  if (!window.L) { return; }
  var BASEMAP_URL = "/api/gis/podklad"; // ratusz.gis.views.api_basemap
  var LABEL_ZOOM = 12; // names only where they do not pile up
  var basemap = null; // one request per page, shared by its maps

  L.Control.Zoom.prototype.options.zoomInTitle = "Przybliż";
  L.Control.Zoom.prototype.options.zoomOutTitle = "Oddal";
  L.Control.Attribution.prototype.options.prefix =
    '<a href="https://leafletjs.com" hreflang="en">Leaflet</a>';

  function hasTiles(map) {
    var found = false;
    map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) { found = true; } });
    return found;
  }

  function drawBasemap(map, data) {
    if (!map.getPane("basemap")) {
      map.createPane("basemap").style.zIndex = 250; // above tiles, under every overlay
      map.createPane("basemaplabels").style.zIndex = 260;
      map.getPane("basemaplabels").style.pointerEvents = "none";
    }
    var layer = L.geoJSON(data, {
      pane: "basemap",
      interactive: false,
      attribution: data.attribution || "",
      style: function () {
        return { color: "#7b8794", weight: 1.2, dashArray: "4 3", fillColor: "#e9eee4", fillOpacity: 1 };
      },
      onEachFeature: function (feature, shape) {
        if (feature.properties && feature.properties.name) {
          shape.bindTooltip(feature.properties.name, {
            permanent: true, direction: "center", className: "basemap-label", interactive: false, pane: "basemaplabels"
          });
        }
      }
    });
    if (!map.attributionControl) {
      L.control.attribution().addTo(map);
    }
    layer.addTo(map);
    var container = map.getContainer();
    container.classList.add("has-basemap");
    function labels() { container.classList.toggle("basemap-labels-hidden", map.getZoom() < LABEL_ZOOM); }
    map.on("zoomend", labels);
    labels();
  }

  L.Map.addInitHook(function () {
    var map = this;
    if (map.options.scaleControl !== false) {
      L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    }
    map.on("popupopen", function (event) {
      var close = event.popup.getElement() && event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Zamknij okienko");
        close.setAttribute("title", "Zamknij");
      }
    });
    if (map.options.basemap === false || !window.fetch) { return; }
    // after the page's own script has added its layers and set the view
    map.whenReady(function () {
      window.setTimeout(function () {
        if (hasTiles(map) || map.getZoom() < 9) { return; } // a tile server, or a map of Europe
        basemap = basemap || fetch(BASEMAP_URL, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : null; })
          .catch(function () { return null; });
        basemap.then(function (data) { if (data && data.features) { drawBasemap(map, data); } });
      }, 0);
    });
  });
})();
