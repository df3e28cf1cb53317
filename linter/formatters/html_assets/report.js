"use strict";
// Severity filter: an element listing severities (data-sev) is "off" when none is shown.
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".filter input[type=checkbox]"));
  var counter = document.querySelector(".filter .shown");
  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    document.querySelectorAll("[data-sev]").forEach(function (el) {
      var on = el.getAttribute("data-sev").split(" ").some(function (s) { return shown[s]; });
      el.classList.toggle("off", !on);
    });
    var notes = document.querySelectorAll(".note");
    var visible = document.querySelectorAll(".note:not(.off)").length;
    counter.textContent = counter.getAttribute("data-template")
      .replace("{shown}", String(visible)).replace("{total}", String(notes.length));
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  apply();
})();
