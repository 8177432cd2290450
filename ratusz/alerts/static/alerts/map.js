/* Map of an announcement's area. Tiles only when the operator configured a tile
   server (RATUSZ_MAP_TILE_URL); otherwise the outline is drawn on a plain background. */
(function () {
  "use strict";
  var el = document.querySelector("[data-alert-map]");
  var data = document.getElementById("alert-geometry");
  if (!el || !data || typeof L === "undefined") {
    return;
  }
  var geometry = JSON.parse(data.textContent);
  var map = L.map(el, { keyboard: true, scrollWheelZoom: false, attributionControl: true });
  var tiles = el.getAttribute("data-tile-url");
  if (tiles) {
    L.tileLayer(tiles, { attribution: el.getAttribute("data-tile-attribution") || "" }).addTo(map);
  }
  var layer = L.geoJSON({ type: "Feature", geometry: geometry, properties: {} }, {
    style: { color: "#8f0000", weight: 3, fillOpacity: 0.2 }
  }).addTo(map);
  map.fitBounds(layer.getBounds(), { padding: [20, 20] });
})();
