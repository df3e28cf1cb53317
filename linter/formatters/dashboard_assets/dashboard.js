// Sort the sweep's table on a click on a heading (again: the other way), and hide the
// rows the filter's words do not all match. No library, no network.
(function () {
  "use strict";
  const texts = JSON.parse(document.getElementById("texts").textContent);
  const table = document.getElementById("sweep");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const filter = document.getElementById("filter");
  const shown = document.getElementById("shown");

  function key(row, index, numeric) {
    const text = row.cells[index].textContent.trim();
    if (!numeric) return text;
    return text === "" ? null : Number(text);
  }

  function sortBy(th) {
    const index = th.cellIndex;
    const numeric = th.dataset.type === "n";
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const sign = ascending ? 1 : -1;
    const sorted = Array.from(body.rows).sort(function (a, b) {
      const x = key(a, index, numeric);
      const y = key(b, index, numeric);
      if (x === null || x === "") return y === null || y === "" ? 0 : 1; // unknown last
      if (y === null || y === "") return -1;
      if (numeric) return sign * (x - y);
      return sign * x.localeCompare(y, "zh-CN");
    });
    for (const row of sorted) body.appendChild(row);
  }

  function applyFilter() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let count = 0;
    for (const row of rows) {
      const text = row.textContent.toLowerCase();
      const match = words.every(function (w) { return text.includes(w); });
      row.hidden = !match;
      if (match) count += 1;
    }
    shown.textContent = texts.shown.replace("{shown}", count).replace("{total}", rows.length);
  }

  for (const th of table.tHead.rows[0].cells) {
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(th); }
    });
  }
  filter.addEventListener("input", applyFilter);
  applyFilter();
})();
