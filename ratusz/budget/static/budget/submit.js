// The submission form, enhanced: "Dodaj pozycję kosztorysu" adds a row here instead
// of reloading the page, the total follows every amount typed, and the support link
// can be copied with one button. Without JavaScript the same buttons work through
// the server (a new row comes back with the form; the total is drawn on each load).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("[data-budget-form]");
  if (form) costRows(form);
  document.querySelectorAll("[data-copy]").forEach(copyButton);
});

function parseAmount(text) {
  var clean = String(text || "").replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d{0,2})?$/.test(clean)) return null;
  return Math.round(parseFloat(clean) * 100);
}

function formatPln(grosze) {
  var sign = grosze < 0 ? "-" : "";
  grosze = Math.abs(grosze);
  var whole = String(Math.floor(grosze / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  var cents = String(grosze % 100).padStart(2, "0");
  return sign + whole + "," + cents + "\u00a0zł";
}

function costRows(form) {
  var list = form.querySelector("[data-cost-rows]");
  var count = form.querySelector("[data-cost-count]");
  var total = form.querySelector("[data-cost-total]");
  var add = form.querySelector("[data-cost-add]");
  if (!list || !count || !total || !add) return;
  var MAX = 30; // forms.MAX_COST_ROWS

  function update() {
    var sum = 0;
    list.querySelectorAll('input[name$="_amount"]').forEach(function (input) {
      var value = parseAmount(input.value);
      if (value !== null) sum += value;
    });
    total.textContent = formatPln(sum);
  }

  function renumber(node, from, to) {
    var pattern = new RegExp("cost_" + from + "_", "g");
    node.querySelectorAll("[id], [for], [name], [aria-describedby]").forEach(function (el) {
      ["id", "for", "name", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(pattern, "cost_" + to + "_"));
      });
    });
    node.querySelectorAll("label").forEach(function (label) {
      label.firstChild.textContent = label.firstChild.textContent.replace(String(from), String(to));
    });
  }

  add.addEventListener("click", function (event) {
    var rows = list.querySelectorAll("[data-cost-row]");
    var n = rows.length;
    if (n >= MAX) return; // the server answers with the same bound
    event.preventDefault();
    var row = rows[n - 1].cloneNode(true);
    renumber(row, n, n + 1);
    row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
    row.querySelectorAll(".errorlist").forEach(function (el) { el.remove(); });
    row.querySelectorAll(".form-field--error").forEach(function (el) { el.classList.remove("form-field--error"); });
    list.appendChild(row);
    count.value = String(n + 1);
    row.querySelector("input").focus();
  });
  list.addEventListener("input", update);
  update();
}

function copyButton(button) {
  var source = document.getElementById(button.dataset.copy);
  var status = document.getElementById(button.dataset.copyStatus);
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.value).then(function () {
      if (status) status.textContent = button.dataset.copied || "";
    });
  });
}
