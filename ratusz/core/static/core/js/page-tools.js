/* Page tools of the seed: print, larger/smaller text (+ / - keys), contrast. */
(function () {
  "use strict";
  var STEPS = [87.5, 100, 112.5, 125, 150, 175, 200];
  var SIZE_KEY = "ratusz.textSize";
  var CONTRAST_KEY = "ratusz.contrast";
  var root = document.documentElement;

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* ignore */ }
  }
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function currentStep() {
    var size = parseFloat(load(SIZE_KEY) || "100");
    var index = STEPS.indexOf(size);
    return index === -1 ? 1 : index;
  }
  function announce(text) {
    var status = document.querySelector("[data-page-tools-status]");
    if (status) { status.textContent = text; }
  }
  function setStep(index) {
    index = Math.max(0, Math.min(STEPS.length - 1, index));
    var size = STEPS[index];
    root.style.fontSize = size + "%";
    store(SIZE_KEY, String(size));
    announce("Rozmiar tekstu: " + size + "%");
  }
  function toggleContrast(button) {
    var on = root.classList.toggle("contrast");
    store(CONTRAST_KEY, on ? "high" : "normal");
    if (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); }
    announce(on ? "Wysoki kontrast włączony" : "Wysoki kontrast wyłączony");
  }
  function isTyping(target) {
    if (!target) { return false; }
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  // For print.css: relative links print with the site's address; the print
  // header carries the day the page was printed.
  root.style.setProperty("--page-origin", JSON.stringify(window.location.origin));
  window.addEventListener("beforeprint", function () {
    var stamp = document.querySelector("[data-print-date]");
    if (stamp) { stamp.textContent = stamp.getAttribute("data-label") + " " + new Date().toLocaleDateString(root.lang || "pl"); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.querySelector("[data-page-tools]");
    if (tools) {
      tools.hidden = false;
      var contrastButton = tools.querySelector('[data-action="contrast"]');
      if (contrastButton) {
        contrastButton.setAttribute("aria-pressed", root.classList.contains("contrast") ? "true" : "false");
      }
      tools.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-action]");
        if (!button) { return; }
        var action = button.getAttribute("data-action");
        if (action === "print") { window.print(); }
        else if (action === "larger") { setStep(currentStep() + 1); }
        else if (action === "smaller") { setStep(currentStep() - 1); }
        else if (action === "contrast") { toggleContrast(button); }
      });
    }
    // Folding on small screens: the page tools and the main menu open with a button.
    Array.prototype.forEach.call(document.querySelectorAll("[data-page-tools-toggle], [data-main-nav-toggle]"), function (toggle) {
      var box = toggle.closest("[data-page-tools], [data-main-nav]");
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        box.classList.toggle("is-open", open);
      });
    });
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) { return; }
    if (event.key === "+") { setStep(currentStep() + 1); event.preventDefault(); }
    else if (event.key === "-") { setStep(currentStep() - 1); event.preventDefault(); }
  });
})();
