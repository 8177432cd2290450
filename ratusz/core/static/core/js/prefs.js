/* Applies the visitor's text size and contrast before the page paints.
   Kept in localStorage, never in a cookie. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  try {
    var size = window.localStorage.getItem("ratusz.textSize");
    if (size) { root.style.fontSize = size + "%"; }
    if (window.localStorage.getItem("ratusz.contrast") === "high") { root.classList.add("contrast"); }
  } catch (e) { /* storage disabled: defaults apply */ }
})();
