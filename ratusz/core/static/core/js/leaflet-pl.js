/* Every map of the portal, loaded right after leaflet.js: controls in Polish, a
   metric scale bar, and — where the operator has set no tile server — the city's
   own base map: its PMTiles archive (vector tiles drawn by protomaps-leaflet,
   vendored in core/vendor) when it has one, else the districts with their names
   as GeoJSON. Every request goes to the portal itself. In high contrast
   (html.contrast, page-tools.js) the base map is redrawn light on black. */
(function () {
  "use strict";
  if (!window.L) { return; }
  var BASEMAP_URL = "/api/gis/podklad"; // ratusz.gis.views.api_basemap
  var LABEL_ZOOM = 12; // names only where they do not pile up
  var basemap = null; // one request per page, shared by its maps
  var scripts = {};   // src -> Promise
  var root = document.documentElement;

  L.Control.Zoom.prototype.options.zoomInTitle = "Przybliż";
  L.Control.Zoom.prototype.options.zoomOutTitle = "Oddal";
  L.Control.Attribution.prototype.options.prefix =
    '<a href="https://leafletjs.com" hreflang="en">Leaflet</a>';

  // The sources every layer declares, folded under "Źródła danych": a list of
  // five sources must not cover a phone's map or its scale bar.
  L.Control.Attribution.prototype._update = function () {
    if (!this._map) { return; }
    var items = [];
    for (var text in this._attributions) {
      if (this._attributions[text]) { items.push("<li>" + text + "</li>"); }
    }
    if (this.options.prefix) { items.push("<li>" + this.options.prefix + "</li>"); }
    var control = this;
    var open = this._sourcesOpen ? " open" : "";
    this._container.innerHTML = '<details class="map-sources"' + open + '><summary>Źródła danych</summary><ul>' +
      items.join("") + "</ul></details>";
    this._container.querySelector("details").addEventListener("toggle", function (event) {
      control._sourcesOpen = event.target.open;
    });
  };

  function contrast() { return root.classList.contains("contrast"); }

  // calls back whenever the visitor switches high contrast on or off
  var contrastListeners = [];
  if (window.MutationObserver) {
    var last = contrast();
    new MutationObserver(function () {
      if (contrast() === last) { return; }
      last = contrast();
      contrastListeners.forEach(function (listener) { listener(last); });
    }).observe(root, { attributes: true, attributeFilter: ["class"] });
  }
  L.ratuszOnContrast = function (listener) { contrastListeners.push(listener); };
  L.ratuszContrast = contrast;

  function hasTiles(map) {
    var found = false;
    map.eachLayer(function (layer) { if (layer instanceof L.TileLayer) { found = true; } });
    return found;
  }

  function loadScript(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var element = document.createElement("script");
        element.src = src;
        element.onload = resolve;
        element.onerror = reject;
        document.head.appendChild(element);
      });
    }
    return scripts[src];
  }

  function panes(map) {
    if (!map.getPane("basemap")) {
      map.createPane("basemap").style.zIndex = 250; // above tiles, under every overlay
      map.createPane("basemaplabels").style.zIndex = 260;
      map.getPane("basemaplabels").style.pointerEvents = "none";
    }
  }

  /* ---- the GeoJSON fallback: districts with their names ---- */
  function outlineStyle() {
    return contrast()
      ? { color: "#ffffff", weight: 1.5, dashArray: "4 3", fillColor: "#000000", fillOpacity: 1 }
      : { color: "#7b8794", weight: 1.2, dashArray: "4 3", fillColor: "#e9eee4", fillOpacity: 1 };
  }

  function drawOutline(map, data) {
    panes(map);
    var layer = L.geoJSON(data, {
      pane: "basemap",
      interactive: false,
      attribution: data.attribution || "",
      style: outlineStyle,
      onEachFeature: function (feature, shape) {
        if (feature.properties && feature.properties.name) {
          shape.bindTooltip(feature.properties.name, {
            permanent: true, direction: "center", className: "basemap-label", interactive: false, pane: "basemaplabels"
          });
        }
      }
    });
    layer.addTo(map);
    L.ratuszOnContrast(function () { layer.setStyle(outlineStyle); });
    var container = map.getContainer();
    function labels() { container.classList.toggle("basemap-labels-hidden", map.getZoom() < LABEL_ZOOM); }
    map.on("zoomend", labels);
    labels();
  }

  /* ---- the PMTiles base map ---- */
  // Colours for the portal's own layers (gis_build_basemap) and for the
  // OpenMapTiles layers a tilemaker build has (water, landuse, roads, …).
  function palette(dark) {
    return dark ? {
      background: "#000000", land: "#000000", border: "#ffffff", district: "#ffffff",
      parcel: "#8c8c8c", road: "#5c5c5c", roadCase: "#bfbfbf", water: "#003a66", green: "#0b2e0b",
      building: "#333333", text: "#ffffff", halo: "#000000"
    } : {
      background: "#f4f6f8", land: "#eef1ea", border: "#5d6b78", district: "#7b8794",
      parcel: "#b49c82", road: "#ffffff", roadCase: "#c3c9cf", water: "#a9cbe4", green: "#d6e7cd",
      building: "#dcd6ce", text: "#2f3740", halo: "#ffffff"
    };
  }

  function rules(P) {
    var c = palette(contrast());
    function width(base) { return function (z) { return Math.max(1, base * Math.pow(1.45, z - 14)); }; }
    var paint = [
      { dataLayer: "city", symbolizer: new P.PolygonSymbolizer({ fill: c.land }) },
      { dataLayer: "earth", symbolizer: new P.PolygonSymbolizer({ fill: c.land }) },
      { dataLayer: "landcover", symbolizer: new P.PolygonSymbolizer({ fill: c.green, opacity: 0.7 }) },
      { dataLayer: "park", symbolizer: new P.PolygonSymbolizer({ fill: c.green }) },
      { dataLayer: "water", symbolizer: new P.PolygonSymbolizer({ fill: c.water }) },
      { dataLayer: "building", symbolizer: new P.PolygonSymbolizer({ fill: c.building }) },
      { dataLayer: "parcels", symbolizer: new P.LineSymbolizer({ color: c.parcel, width: 0.7 }) },
      { dataLayer: "streets", symbolizer: new P.LineSymbolizer({ color: c.roadCase, width: width(9), lineCap: "round" }) },
      { dataLayer: "streets", symbolizer: new P.LineSymbolizer({ color: c.road, width: width(7), lineCap: "round" }) },
      { dataLayer: "transportation", symbolizer: new P.LineSymbolizer({ color: c.roadCase, width: width(6), lineCap: "round" }) },
      { dataLayer: "transportation", symbolizer: new P.LineSymbolizer({ color: c.road, width: width(4.5), lineCap: "round" }) },
      { dataLayer: "districts", symbolizer: new P.LineSymbolizer({ color: c.district, width: 1.2, dash: [4, 3] }) },
      { dataLayer: "city", symbolizer: new P.LineSymbolizer({ color: c.border, width: 2 }) },
      { dataLayer: "boundary", symbolizer: new P.LineSymbolizer({ color: c.border, width: 1.5, dash: [6, 3] }) }
    ];
    var font = "600 13px sans-serif";
    var label = [
      { dataLayer: "places", symbolizer: new P.CenteredTextSymbolizer({ labelProps: ["name"], font: font, fill: c.text, stroke: c.halo, width: 3 }) },
      { dataLayer: "place", symbolizer: new P.CenteredTextSymbolizer({ labelProps: ["name:pl", "name"], font: font, fill: c.text, stroke: c.halo, width: 3 }) },
      { dataLayer: "streets", minzoom: 14, symbolizer: new P.LineLabelSymbolizer({ labelProps: ["name"], font: "12px sans-serif", fill: c.text, stroke: c.halo, width: 3 }) },
      { dataLayer: "transportation_name", minzoom: 14, symbolizer: new P.LineLabelSymbolizer({ labelProps: ["name:pl", "name"], font: "12px sans-serif", fill: c.text, stroke: c.halo, width: 3 }) }
    ];
    return { paint: paint, label: label, background: c.background };
  }

  function drawArchive(map, data) {
    var info = data.pmtiles;
    Promise.all([loadScript(info.reader), loadScript(info.script)]).then(function () {
      var archive = new window.pmtiles.PMTiles(info.url);
      return Promise.all([archive.getHeader(), archive.getMetadata().catch(function () { return {}; })]);
    }).then(function (found) {
      var header = found[0];
      var metadata = found[1] || {};
      var bounds = L.latLngBounds([header.minLat, header.minLon], [header.maxLat, header.maxLon]);
      var attribution = metadata.attribution || data.attribution || "";
      var layer = null;
      function draw() {
        var P = window.protomapsL;
        var style = rules(P);
        if (layer) { map.removeLayer(layer); }
        layer = P.leafletLayer({
          url: info.url,
          paintRules: style.paint,
          labelRules: style.label,
          backgroundColor: style.background,
          maxDataZoom: header.maxZoom,
          bounds: bounds,
          attribution: attribution
        });
        layer.addTo(map);
        layer.bringToBack();
        map.getContainer().classList.toggle("has-basemap-dark", contrast());
      }
      draw();
      L.ratuszOnContrast(draw);
      map.getContainer().classList.add("has-vector-basemap");
    }).catch(function () {
      // an archive that cannot be read: the districts' outline, as without one
      fetch(BASEMAP_URL + "?zarys=1", { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (outline) { if (outline && outline.features) { drawOutline(map, outline); } })
        .catch(function () { /* offline: the map's own layers still work */ });
    });
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
        basemap.then(function (data) {
          if (!data) { return; }
          if (!map.attributionControl) { L.control.attribution().addTo(map); }
          map.getContainer().classList.add("has-basemap");
          if (data.pmtiles) { drawArchive(map, data); }
          else if (data.features) { drawOutline(map, data); }
        });
      }, 0);
    });
  });
})();
