"""What a format that shows the report itself needs of a `Document`: a `SourceView`.

The annotated HTML page lays out the extracted text with each finding in place
and the loader's tables as tables; it gets them here, as plain values that
travel with the `FileResult` (across processes too), not the `Document`.
"""

from __future__ import annotations

from linter.document import Document, Table
from linter.records import SourceCell, SourceTable, SourceView


def source_view(doc: Document) -> SourceView:
    """The extracted text of `doc`, its line starts and its table grids."""
    starts = tuple(doc.line_starts)
    tables = tuple(_table(t, doc.lines, starts) for t in doc.tables)
    return SourceView(doc.text, starts, tables)


def _table(table: Table, lines: list[str], starts: tuple[int, ...]) -> SourceTable:
    """The cells of `table`, each with the span of its text in its rendered line."""
    merged = {(r, c): (rs, cs) for r, c, rs, cs in table.spans}
    cells: list[SourceCell] = []
    for r, row in enumerate(table.cell_starts):
        line = table.first_line + r
        if line >= len(lines):
            break
        # A row renders its cells joined by one tab: a cell ends one before the next starts.
        ends = [start - 1 for start, _ in row[1:]] + [len(lines[line])]
        for (start, column), end in zip(row, ends, strict=True):
            rowspan, colspan = merged.get((r, column), (1, 1))
            base = starts[line]
            cells.append(SourceCell(r, column, rowspan, colspan, base + start, base + end))
    return SourceTable(table.first_line, table.last_line, tuple(cells), dict(table.location))
