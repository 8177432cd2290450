// Project points on a Leaflet map; tiles only when the operator configured a tile server.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("budget-map");
  var source = document.getElementById("budget-map-data");
  if (!box || !source || typeof L === "undefined") return;
  var data = JSON.parse(source.textContent);
  var map = L.map(box, { keyboard: true, attributionControl: true });
  if (box.dataset.tiles) {
    L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution || "" }).addTo(map);
  }
  var layer = L.geoJSON(data, {
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { radius: 8, weight: 2 });
    },
    onEachFeature: function (feature, marker) {
      var p = feature.properties;
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = (p.number ? p.number + " " : "") + p.title;
      var box = document.createElement("div");
      box.appendChild(link);
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(p.status));
      marker.bindPopup(box);
    },
  }).addTo(map);
  if (data.features.length) {
    map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 16 });
  } else {
    map.setView([50.24, 19.14], 12);
  }
});
