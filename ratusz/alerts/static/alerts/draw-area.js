// Draw an announcement's area: clicks add vertices to the ring being drawn,
// "Zamknij obszar" closes it (CAP wants the first point repeated last) and adds
// it as a line of the textarea, which stays the accessible way in. Coordinates
// are machine numbers: "lat,lon" with a dot, never localised.
(function () {
  "use strict";
  function parse(text) {
    return text.split("\n").map(function (line) {
      return line.trim().split(/\s+/).map(function (pair) {
        var p = pair.split(",");
        return [parseFloat(p[0]), parseFloat(p[1])];
      }).filter(function (p) { return !isNaN(p[0]) && !isNaN(p[1]); });
    }).filter(function (ring) { return ring.length >= 3; });
  }
  function format(ring) {
    return ring.map(function (p) { return p[0].toFixed(5) + "," + p[1].toFixed(5); }).join(" ");
  }
  function start(box) {
    var field = document.getElementById(box.dataset.field);
    var mapBox = box.querySelector(".ratusz-area-map__map");
    if (!field || !mapBox || typeof L === "undefined" || mapBox.dataset.ready) return;
    mapBox.dataset.ready = "1";
    var map = L.map(mapBox, { keyboard: true });
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution || "" }).addTo(map);
    }
    var drawn = L.layerGroup().addTo(map);
    var current = [];
    var line = L.polyline([], { dashArray: "4 4" }).addTo(map);
    var status = box.querySelector("[data-status]");
    function redraw(fit) {
      drawn.clearLayers();
      var rings = parse(field.value);
      rings.forEach(function (ring) { L.polygon(ring, { weight: 2 }).addTo(drawn); });
      line.setLatLngs(current);
      status.textContent = current.length ? status.dataset.pointsLabel + " " + current.length : "";
      if (fit && rings.length) map.fitBounds(L.featureGroup(drawn.getLayers()).getBounds(), { maxZoom: 15 });
    }
    map.setView([50.22, 19.15], 12);
    map.on("click", function (event) {
      current.push([event.latlng.lat, event.latlng.lng]);
      redraw(false);
    });
    box.querySelector("[data-close]").addEventListener("click", function () {
      if (current.length < 3) return;
      var ring = current.concat([current[0]]);
      field.value = (field.value.trim() ? field.value.trim() + "\n" : "") + format(ring);
      current = [];
      field.dispatchEvent(new Event("change", { bubbles: true }));
      redraw(false);
    });
    box.querySelector("[data-undo]").addEventListener("click", function () {
      current.pop();
      redraw(false);
    });
    box.querySelector("[data-clear]").addEventListener("click", function () {
      current = [];
      field.value = "";
      field.dispatchEvent(new Event("change", { bubbles: true }));
      redraw(false);
    });
    field.addEventListener("change", function () { redraw(true); });
    // The map may start in a hidden tab: size it when it is shown.
    new ResizeObserver(function () { map.invalidateSize(); }).observe(mapBox);
    redraw(true);
  }
  function all() { document.querySelectorAll("[data-draw-area]").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
