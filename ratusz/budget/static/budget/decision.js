// The decision form shows only the fields the chosen decision needs. Without
// JavaScript every field stays visible with a hint saying which decision uses it.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector(".budget-decision-form");
  if (!form) return;
  var radios = form.querySelectorAll('input[name="action"]');
  var blocks = form.querySelectorAll("[data-needs]");
  function update() {
    var chosen = form.querySelector('input[name="action"]:checked');
    var action = chosen ? chosen.value : "";
    blocks.forEach(function (block) {
      var needed = block.dataset.needs.split(" ").indexOf(action) !== -1;
      block.hidden = !needed;
      var hint = block.querySelector(".budget-needs__hint");
      if (hint) hint.hidden = true;
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
});
