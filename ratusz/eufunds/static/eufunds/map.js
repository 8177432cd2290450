// Project map: GeoJSON from a json_script element, Leaflet from our own static files.
// Tiles only when the operator configured a tile URL; otherwise shapes on a plain background.
(function () {
  "use strict";
  function init() {
    var el = document.getElementById("eu-map");
    if (!el || typeof L === "undefined") return;
    var data = document.getElementById(el.dataset.features);
    var features = data ? JSON.parse(data.textContent) : { type: "FeatureCollection", features: [] };
    var map = L.map(el, { zoomControl: false, attributionControl: !!el.dataset.tileUrl });
    L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution || "" }).addTo(map);
    }
    var style = { color: "#003399", weight: 2, fillColor: "#ffcc00", fillOpacity: 0.5 };
    var layer = L.geoJSON(features, {
      style: function () { return style; },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 8, color: "#003399", weight: 2, fillColor: "#ffcc00", fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, shape) {
        var link = document.createElement("a");
        link.href = feature.properties.url;
        link.textContent = feature.properties.title;
        shape.bindPopup(link);
      }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [40, 40], maxZoom: 15 });
    } else {
      map.setView([50.24, 19.14], 12);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
