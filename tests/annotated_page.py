"""Reading the annotated HTML report back in a real browser (tests of --format html).

The page and the JSON of the same inputs are compared finding by finding: the
page numbers the findings of file i as `f{i}-{k}` in the order JSON lists them.
"""

from __future__ import annotations

from linter.loaders import load_path

# Each <td>'s place in the table's grid, rowspans and colspans counted (the HTML
# table model), so a test reads the marked cell's row and column itself.
GRID_OF_BAD_CELLS = """
table => {
  const taken = [];
  const out = [];
  table.querySelectorAll('tr').forEach((tr, r) => {
    taken[r] = taken[r] || [];
    let c = 0;
    tr.querySelectorAll('td').forEach(td => {
      while (taken[r][c]) c++;
      const rs = td.rowSpan, cs = td.colSpan;
      for (let i = 0; i < rs; i++) {
        taken[r + i] = taken[r + i] || [];
        for (let j = 0; j < cs; j++) taken[r + i][c + j] = true;
      }
      if (td.classList.contains('bad')) out.push([r, c, td.textContent]);
      c += cs;
    });
  });
  return out;
}
"""


def span_text(path: str, finding: dict) -> str:
    """The text a located finding points at, from the extracted text (`ogilint extract`)."""
    lines = load_path(path).text.split("\n")
    first, last = finding["line"] - 1, finding["end_line"] - 1
    if first == last:
        return lines[first][finding["column"] - 1 : finding["end_column"] - 1]
    parts = [lines[first][finding["column"] - 1 :], *lines[first + 1 : last]]
    return "".join([*parts, lines[last][: finding["end_column"] - 1]])


def highlight(page, anchor: str) -> tuple[str, list[dict]]:
    """The text of a finding's highlight (its <mark> pieces) and their bounding boxes."""
    pieces = page.locator(f'mark[data-f~="{anchor}"]')
    texts = pieces.all_text_contents()
    return "".join(texts), [pieces.nth(i).bounding_box() for i in range(len(texts))]


def assert_every_finding_shown(page, report: dict) -> None:
    """Each finding of the JSON has its visible highlight (exact span) or its visible note."""
    for i, file in enumerate(report["files"], 1):
        for k, finding in enumerate(file["findings"], 1):
            anchor = f"f{i}-{k}"
            if not finding["excerpt"]:  # about the report as a whole: its note
                assert page.locator(f"#{anchor}.note").is_visible(), (file["path"], finding)
                continue
            text, boxes = highlight(page, anchor)
            expected = span_text(file["path"], finding)
            # A table row's cells are separate <td>s: the tabs between them are not shown.
            assert text == expected.replace("\t", "") or (not text and not expected.strip()), (
                anchor,
                text,
                expected,
            )
            assert boxes, (anchor, finding)
            assert all(b and b["width"] > 0 and b["height"] > 0 for b in boxes), (anchor, boxes)
            assert page.locator(f"#n-{anchor}.note").is_visible()


def assert_named_cells_marked(page, report: dict) -> int:
    """A finding naming a table cell has that very <td> marked; returns how many were checked."""
    checked = 0
    for i, file in enumerate(report["files"], 1):
        for finding in file["findings"]:
            if "cell" not in finding:
                continue
            table = page.locator(f'#file-{i} .table-wrap[data-table="{finding["table"]}"] table')
            bad = table.evaluate(GRID_OF_BAD_CELLS)
            assert [finding["row"] - 1, finding["cell"] - 1] in [b[:2] for b in bad], (
                finding,
                bad,
            )
            checked += 1
    return checked


def visible_notes(page) -> int:
    return page.evaluate(
        "() => [...document.querySelectorAll('.note')].filter(n => n.offsetParent).length"
    )
