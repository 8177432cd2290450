/* Safety banner: a resident may hide a notice; the choice is kept in localStorage
   (no cookie) under the notice's identifier+version token, so an update shows again. */
(function () {
  "use strict";
  var KEY = "ratusz.alerts.hidden";
  var KEEP = 100;

  function load() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY));
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function remember(token) {
    var list = load().filter(function (t) { return t !== token; });
    list.push(token);
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list.slice(-KEEP)));
    } catch (e) { /* private mode: hiding lasts for this page only */ }
  }

  var section = document.querySelector("[data-alert-banners]");
  if (!section) {
    return;
  }
  var hidden = load();
  var banners = section.querySelectorAll(".alert-banner");

  var stack = section.querySelector("[data-alert-stack]");

  function updateSection() {
    var visible = Array.prototype.filter.call(banners, function (el) { return !el.hidden; });
    section.hidden = visible.length === 0;
    if (!stack) {
      return;
    }
    // One line for several notices: the most severe still shown names the line;
    // a single notice left is shown as it is, without the folding line.
    if (visible.length === 1) {
      stack.open = true;
      stack.classList.add("alert-stack--single");
    } else if (visible.length > 1) {
      var top = visible[0];
      var summary = stack.querySelector("[data-alert-summary]");
      summary.className = summary.className.replace(/alert-banner--\w+/, "alert-banner--" + top.getAttribute("data-level"));
      stack.querySelector("[data-alert-summary-level]").textContent = top.getAttribute("data-level-text");
      stack.querySelector("[data-alert-summary-headline]").textContent = top.querySelector(".alert-banner__link").textContent;
      stack.querySelector("[data-alert-summary-count]").textContent = String(visible.length);
    }
  }

  Array.prototype.forEach.call(banners, function (el) {
    var token = el.getAttribute("data-alert-token");
    if (hidden.indexOf(token) !== -1) {
      el.hidden = true;
      return;
    }
    var button = el.querySelector("[data-alert-hide]");
    button.hidden = false;
    button.addEventListener("click", function () {
      remember(token);
      el.hidden = true;
      updateSection();
      var next = section.querySelector(".alert-banner:not([hidden]) [data-alert-hide]");
      var target = (stack && !stack.open ? stack.querySelector("summary") : next) || document.getElementById("main");
      if (target) {
        target.focus();
      }
    });
  });
  updateSection();

  Array.prototype.forEach.call(section.querySelectorAll("dialog[data-alert-fullpage]"), function (dialog) {
    var token = "full:" + dialog.getAttribute("data-alert-token");
    if (hidden.indexOf(token) !== -1 || typeof dialog.showModal !== "function") {
      return;
    }
    dialog.querySelector("[data-alert-close]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () { remember(token); });
    dialog.showModal();
  });
})();
