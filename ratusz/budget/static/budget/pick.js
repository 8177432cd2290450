// Pick the project's place on a map: a click fills the coordinate fields, and
// typing coordinates moves the marker. The fields stay the accessible way in.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("budget-pick-map");
  var lat = document.getElementById("id_location_lat");
  var lon = document.getElementById("id_location_lon");
  if (!box || !lat || !lon || typeof L === "undefined") return;
  var source = document.getElementById("budget-districts");
  var districts = source ? JSON.parse(source.textContent) : null;
  var map = L.map(box, { keyboard: true });
  if (box.dataset.tiles) {
    L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution || "" }).addTo(map);
  }
  var outline = null;
  if (districts && districts.features.length) {
    outline = L.geoJSON(districts, {
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
