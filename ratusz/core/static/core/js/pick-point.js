// Pick a place on a map: a click fills the coordinate fields, and typing
// coordinates moves the marker. The fields stay the accessible way in.
// Markup: <div data-pick-point data-lat-field="id" data-lon-field="id"
// [data-outline="id of a json_script with GeoJSON"] [data-tiles] [data-attribution]>.
document.addEventListener("DOMContentLoaded", function () {
  if (typeof L === "undefined") return;
  document.querySelectorAll("[data-pick-point]").forEach(function (box) {
    var lat = document.getElementById(box.dataset.latField);
    var lon = document.getElementById(box.dataset.lonField);
    if (!lat || !lon) return;
    var source = box.dataset.outline && document.getElementById(box.dataset.outline);
    var outlines = source ? JSON.parse(source.textContent) : null;
    var map = L.map(box, { keyboard: true });
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution || "" }).addTo(map);
    }
    if (outlines && outlines.features.length) {
      var outline = L.geoJSON(outlines, {
        style: { weight: 1, fillOpacity: 0.05 },
        onEachFeature: function (feature, layer) {
          layer.bindTooltip(feature.properties.name, { sticky: true });
        },
      }).addTo(map);
      map.fitBounds(outline.getBounds());
    } else {
      map.setView([50.235, 19.14], 12);
    }
    var marker = null;
    function parse(input) {
      return parseFloat(String(input.value).replace(",", "."));
    }
    function place(latlng) {
      if (marker) marker.setLatLng(latlng);
      else marker = L.circleMarker(latlng, { radius: 9, weight: 3 }).addTo(map);
    }
    function fromFields() {
      var a = parse(lat), b = parse(lon);
      if (!isNaN(a) && !isNaN(b)) place([a, b]);
    }
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6).replace(".", ",");
      lon.value = event.latlng.lng.toFixed(6).replace(".", ",");
      place(event.latlng);
    });
    lat.addEventListener("change", fromFields);
    lon.addEventListener("change", fromFields);
    fromFields();
  });
});
