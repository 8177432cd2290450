// The admin's date picker (jQuery datetimepicker, vendored by Wagtail) builds an
// apply button with a fixed English label and no option to change it: relabel
// each one as it appears. The label comes from the page (translatable).
(function () {
  "use strict";
  var label = document.currentScript && document.currentScript.dataset.saveSelected;
  if (!label) return;
  function relabel(root) {
    var buttons = root.querySelectorAll ? root.querySelectorAll(".xdsoft_save_selected") : [];
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].textContent !== label) buttons[i].textContent = label;
    }
  }
  function start() {
    relabel(document);
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        for (var j = 0; j < records[i].addedNodes.length; j++) relabel(records[i].addedNodes[j]);
      }
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
