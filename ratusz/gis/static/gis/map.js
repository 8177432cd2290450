/* SIT map: Leaflet with the portal's own OGC API as the only data source; the
   base map, scale bar and Polish controls come from core/js/leaflet-pl.js.
   Each layer declares its attribution; popups are sized to the map so they stay
   inside it and clear of the zoom buttons; high contrast draws every layer in a
   bright colour on black (the legend's swatches follow, gis.css). */
(function () {
  "use strict";
  var element = document.querySelector("[data-gis-map]");
  var configElement = document.getElementById("gis-config");
  if (!element || !configElement || !window.L) { return; }
  var config = JSON.parse(configElement.textContent);
  var PAGE = 1000;          // features per request
  var MAX_FEATURES = 5000;  // per layer and view: beyond that, zoom in

  var HIGH_CONTRAST = ["#ffff00", "#00ffff", "#ff80ff", "#ffffff", "#66ff66", "#ffb347"];
  var map = L.map(element, { attributionControl: true, keyboard: true, zoomSnap: 1 });
  map.attributionControl.setPrefix(false);
  // on the map, + and - zoom the map, not the page's text (page-tools.js listens on
  // document, as does Leaflet's keyboard handler, so we zoom here and stop the event)
  element.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "+" || event.key === "=") { map.zoomIn(); }
    else if (event.key === "-" || event.key === "_") { map.zoomOut(); }
    else { return; }
    event.stopPropagation();
    event.preventDefault();
  });
  if (config.tiles) {
    L.tileLayer(config.tiles, { attribution: config.tilesAttribution || "", maxZoom: 19 }).addTo(map);
  }

  var byId = {};
  config.layers.forEach(function (layer) { byId[layer.id] = layer; });
  var groups = {};      // id -> L.GeoJSON
  var requests = {};    // id -> AbortController
  var details = document.getElementById("gis-details");
  var permalink = document.getElementById("gis-permalink");

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function attributesTable(layer, feature) {
    var rows = Object.keys(feature.properties || {}).map(function (key) {
      var value = feature.properties[key];
      return "<tr><th scope=\"row\">" + escapeHtml(key) + "</th><td>" +
        escapeHtml(value === null || value === undefined ? "" : value) + "</td></tr>";
    }).join("");
    return "<p><strong>" + escapeHtml(layer.title) + ": " + escapeHtml(feature.id) + "</strong></p>" +
      "<table class=\"table\"><caption class=\"visually-hidden\">" + escapeHtml(config.labels.attributes) + "</caption><tbody>" +
      rows + "</tbody></table>";
  }

  function showDetails(layer, feature) {
    details.innerHTML = attributesTable(layer, feature);
  }

  function contrast() { return L.ratuszContrast ? L.ratuszContrast() : false; }

  function colourOf(layer) { return contrast() ? HIGH_CONTRAST[layer.contrast % HIGH_CONTRAST.length] : layer.colour; }

  function styleOf(layer) {
    var colour = colourOf(layer);
    return contrast()
      ? { color: colour, weight: 3, fillColor: colour, fillOpacity: 0.2, opacity: 1 }
      : { color: colour, weight: 2, fillColor: colour, fillOpacity: 0.15, opacity: 1 };
  }

  // a popup as big as the map allows: inside it on a laptop, below the zoom
  // buttons (top left) on a phone; a long table scrolls inside the popup
  function popupOptions() {
    var size = map.getSize();
    // the content's width: the map less the pan padding (60 + 20) and the
    // popup's own margins (about 2 × 1rem + borders)
    var width = Math.max(140, Math.min(360, size.x - 130));
    return {
      maxWidth: width,
      minWidth: Math.min(200, width),
      maxHeight: Math.max(120, size.y - 110),
      autoPanPaddingTopLeft: L.point(60, 20),
      autoPanPaddingBottomRight: L.point(20, 20),
      keepInView: true
    };
  }

  function makeGroup(layer) {
    return L.geoJSON(null, {
      attribution: layer.attribution || "",
      style: function () {
        var style = styleOf(layer);
        style.className = "gis-f-" + layer.id;
        return style;
      },
      pointToLayer: function (feature, latlng) {
        var style = styleOf(layer);
        return L.circleMarker(latlng, { radius: 6, color: style.color, weight: 2, fillColor: style.color, fillOpacity: 0.6, className: "gis-f-" + layer.id });
      },
      onEachFeature: function (feature, shape) {
        shape.on("click", function (event) {
          showDetails(layer, feature);
          // the popup belongs to the map, not to the shape: the auto-pan that
          // keeps it inside the map reloads big layers, which would take a
          // shape's own popup away with the shape
          var where = shape.getLatLng ? shape.getLatLng() : event.latlng;
          if (!where || isNaN(where.lat)) { where = shape.getBounds().getCenter(); }
          L.popup(popupOptions()).setLatLng(where)
            .setContent("<div class=\"gis-popup\">" + attributesTable(layer, feature) + "</div>")
            .openOn(map);
        });
      }
    });
  }

  if (L.ratuszOnContrast) {
    L.ratuszOnContrast(function () {
      Object.keys(groups).forEach(function (id) {
        var layer = byId[id];
        groups[id].eachLayer(function (shape) {
          var style = styleOf(layer);
          if (shape instanceof L.CircleMarker) { shape.setStyle({ color: style.color, fillColor: style.color }); }
          else { shape.setStyle(style); }
        });
      });
      highlight.setStyle(highlightStyle());
    });
  }

  function viewBbox() {
    var b = map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(6); }).join(",");
  }

  function load(id) {
    var layer = byId[id];
    var group = groups[id];
    if (requests[id]) { requests[id].abort(); }
    group.clearLayers();
    if (map.getZoom() < layer.min_zoom) { return; }
    var controller = new AbortController();
    requests[id] = controller;
    var loaded = 0;
    var url = layer.items + "?f=json&limit=" + PAGE + (layer.min_zoom ? "&bbox=" + viewBbox() : "");
    function next(href) {
      fetch(href, { headers: { Accept: "application/geo+json" }, signal: controller.signal })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (doc) {
          if (!doc) { return; }
          group.addData(doc);
          loaded += doc.features.length;
          var more = (doc.links || []).filter(function (l) { return l.rel === "next"; })[0];
          if (more && loaded < MAX_FEATURES) { next(more.href); }
        })
        .catch(function () { /* aborted or offline: the table pages still work */ });
    }
    next(url);
  }

  function checkboxes() { return document.querySelectorAll("[data-gis-layer]"); }

  function activeIds() {
    return Array.prototype.filter.call(checkboxes(), function (box) { return box.checked; })
      .map(function (box) { return box.value; });
  }

  function updatePermalink() {
    var c = map.getCenter();
    var hash = "#" + map.getZoom() + "/" + c.lat.toFixed(5) + "/" + c.lng.toFixed(5) + "/" + activeIds().join(",");
    if (window.history && history.replaceState) { history.replaceState(null, "", hash); }
    permalink.href = window.location.pathname + hash;
  }

  function toggle(box) {
    var id = box.value;
    if (!groups[id]) { groups[id] = makeGroup(byId[id]); }
    if (box.checked) { groups[id].addTo(map); load(id); } else { map.removeLayer(groups[id]); }
    updatePermalink();
  }

  // the view: permalink hash, else the city's districts, else the configured centre
  var hash = window.location.hash.replace(/^#/, "").split("/");
  var fromHash = hash.length >= 3 && !isNaN(parseFloat(hash[1])) && !isNaN(parseFloat(hash[2]));
  if (fromHash) {
    map.setView([parseFloat(hash[1]), parseFloat(hash[2])], parseInt(hash[0], 10) || config.zoom);
    if (hash.length >= 4) {
      var wanted = hash[3].split(",");
      Array.prototype.forEach.call(checkboxes(), function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    }
  } else if (config.bounds) {
    map.fitBounds(config.bounds);
  } else {
    map.setView(config.center, config.zoom);
  }
  Array.prototype.forEach.call(checkboxes(), function (box) {
    box.addEventListener("change", function () { toggle(box); });
    if (box.checked) { toggle(box); }
  });
  map.on("moveend", function () {
    activeIds().forEach(function (id) { if (byId[id].min_zoom) { load(id); } });
    updatePermalink();
  });

  // search: parcel id or address; the form also works without JavaScript
  var form = document.querySelector("[data-gis-search]");
  var results = document.getElementById("gis-results");
  function highlightStyle() {
    return contrast() ? { color: "#ff4d4d", weight: 4, fillOpacity: 0.15 } : { color: "#b00020", weight: 3, fillOpacity: 0.1 };
  }
  var highlight = L.geoJSON(null, {
    style: highlightStyle,
    pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, { radius: 10 }); }
  }).addTo(map);
  function focusResult(result) {
    highlight.clearLayers();
    // a popup left from an earlier click would float over the new view
    map.closePopup();
    if (result.geometry) {
      highlight.addData(result.geometry);
      map.fitBounds(highlight.getBounds(), { maxZoom: 18 });
    } else if (result.bbox) {
      var b = result.bbox;
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { maxZoom: 17, padding: [20, 20] });
    } else {
      return;
    }
    var properties = {};
    properties[config.labels.name] = result.label;
    showDetails(byId[result.collection] || { title: result.collectionTitle }, { id: result.id || result.label, properties: properties });
    var more = document.createElement("p");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.id ? config.labels.more : config.labels.street;
    more.appendChild(link);
    details.appendChild(more);
  }
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = form.querySelector("input[name=q]").value;
      fetch(config.search + "?q=" + encodeURIComponent(q))
        .then(function (response) { return response.json(); })
        .then(function (doc) {
          results.innerHTML = "";
          if (doc.message) {
            var p = document.createElement("p");
            p.className = "notice";
            p.textContent = doc.message;
            results.appendChild(p);
          }
          if (!doc.results.length) { return; }
          var heading = document.createElement("h2");
          heading.textContent = config.labels.found + " (" + doc.results.length + ")";
          results.appendChild(heading);
          var list = document.createElement("ul");
          doc.results.forEach(function (result) {
            var item = document.createElement("li");
            var button = document.createElement("button");
            button.type = "button";
            button.className = "button button--secondary gis-hit";
            button.textContent = result.label;
            var kind = document.createElement("span");
            kind.className = "gis-hit__kind";
            kind.textContent = (config.labels.kinds[result.kind] || "") + " · " + result.collectionTitle;
            button.appendChild(kind);
            button.addEventListener("click", function () { focusResult(result); });
            item.appendChild(button);
            list.appendChild(item);
          });
          results.appendChild(list);
          focusResult(doc.results[0]);
        });
    });
  }
})();
