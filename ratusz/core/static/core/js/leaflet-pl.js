/* Leaflet in Polish for every map of the portal, loaded right after leaflet.js:
   zoom buttons, the popup's close button, and a metric scale bar on each map. */
(function () {
  "use strict";
  if (!window.L) { return; }
  L.Control.Zoom.prototype.options.zoomInTitle = "Przybliż";
  L.Control.Zoom.prototype.options.zoomOutTitle = "Oddal";
  L.Control.Attribution.prototype.options.prefix =
    '<a href="https://leafletjs.com" hreflang="en">Leaflet</a>';
  L.Map.addInitHook(function () {
    if (this.options.scaleControl !== false) {
      L.control.scale({ imperial: false, position: "bottomleft" }).addTo(this);
    }
    this.on("popupopen", function (event) {
      var close = event.popup.getElement() && event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Zamknij okienko");
        close.setAttribute("title", "Zamknij");
      }
    });
  });
})();
