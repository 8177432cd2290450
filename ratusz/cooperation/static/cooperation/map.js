// Partner map: points from a json_script element, Leaflet from our own static
// files. Tiles only when the operator configured a tile URL; otherwise the
// points are drawn with permanent labels on a plain background.
(function () {
  "use strict";
  function init() {
    var el = document.getElementById("coop-map");
    if (!el || typeof L === "undefined") return;
    var data = document.getElementById(el.dataset.points);
    var points = data ? JSON.parse(data.textContent) : [];
    var map = L.map(el, {
      zoomControl: false, zoomSnap: 0.25, attributionControl: !!el.dataset.tileUrl
    });
    L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution || "" }).addTo(map);
    }
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.circleMarker([p.lat, p.lon], {
        radius: 8, color: "#0b4f8a", weight: 2, fillColor: "#1f77c9", fillOpacity: 0.9
      }).addTo(map);
      // Names are editors' text: pass an element, never an HTML string.
      var label = document.createElement("span");
      label.textContent = p.names.join(", ");
      var side = p.side === "left" ? "left" : "right";
      marker.bindTooltip(label, {
        permanent: true, direction: side, offset: [side === "left" ? -8 : 8, 0]
      });
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length > 1) {
      // Room for the labels: unions are labelled on the left, partners on the right.
      map.fitBounds(bounds, { paddingTopLeft: [200, 30], paddingBottomRight: [260, 30] });
    } else if (bounds.length === 1) {
      map.setView(bounds[0], 9);
    } else {
      map.setView([50.24, 19.14], 5);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
