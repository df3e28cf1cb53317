"""Laying out what a container loader read as one `Document`, in reading order.

The web page, Word and PDF loaders all find the same two things: paragraphs
(text with a native location such as {"page": 3}) and tables (cells with
merges). `DocumentBuilder` turns them into extracted lines, records a `Block`
for every paragraph and every table row, and renders each table row as one
line (its cells joined by a tab) so prose checks still read the figures.
`join_wrapped` joins text that a container broke into pieces (a PDF line, a
cell's paragraphs) the way Chinese is written: without a space, unless two
Latin words meet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from linter.document import Block, Directive, Document, Table
from linter.loaders.reasons import InputError

CELL_SEPARATOR = "\t"


def _needs_space(left: str, right: str) -> bool:
    """A space goes back only between two Latin words (not inside a wrapped number)."""
    if not (left.isascii() and right.isascii() and left.isalnum() and right.isalnum()):
        return False
    return not (left.isdigit() and right.isdigit())


def join_wrapped(pieces: Iterable[str]) -> str:
    """Join pieces of one paragraph that a layout wrapped, CJK style."""
    out = ""
    for raw in pieces:
        piece = raw.strip()
        if not piece:
            continue
        if out and _needs_space(out[-1], piece[0]):
            out += " "
        out += piece
    return out


def one_line(text: str) -> str:
    """Cell text on one line: its own line breaks joined, tabs made spaces."""
    return join_wrapped(text.replace(CELL_SEPARATOR, " ").split("\n"))


@dataclass
class _Cell:
    row: int
    column: int
    rowspan: int
    colspan: int
    text: str


# Rows x columns of one table. The standard tables of a report have a few
# hundred slots; spans a file sets (HTML colspan, Word gridSpan) could ask
# for billions, each slot a dict entry and a string in every row.
MAX_TABLE_SLOTS = 200_000


class Grid:
    """The cells of one table, placed on a grid; merges are cells with spans."""

    def __init__(self) -> None:
        self._cells: list[_Cell] = []
        self._slots: dict[tuple[int, int], _Cell] = {}
        self._height = 0
        self._width = 0

    def _grow(self, height: int, width: int) -> None:
        """Extend the grid to `height` x `width`, refused past `MAX_TABLE_SLOTS`."""
        height, width = max(self._height, height), max(self._width, width)
        if height * width > MAX_TABLE_SLOTS:
            raise InputError("table-too-large", slots=height * width, limit=MAX_TABLE_SLOTS)
        self._height, self._width = height, width

    def place(self, row: int, column: int, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        """A cell whose top-left slot is (row, column); slots already taken stay taken."""
        cell = _Cell(row, column, max(rowspan, 1), max(colspan, 1), one_line(text))
        self._grow(row + cell.rowspan, column + cell.colspan)
        self._cells.append(cell)
        for r in range(row, row + cell.rowspan):
            for c in range(column, column + cell.colspan):
                self._slots.setdefault((r, c), cell)

    def taken(self, row: int, column: int) -> bool:
        return (row, column) in self._slots

    def extend_down(self, row: int, column: int) -> bool:
        """Grow the cell above (row, column) by one row (Word's vMerge "continue")."""
        above = self._slots.get((row - 1, column))
        if above is None or above.row + above.rowspan != row:
            return False
        self._grow(row + 1, 0)
        above.rowspan += 1
        for c in range(above.column, above.column + above.colspan):
            self._slots.setdefault((row, c), above)
        return True

    @property
    def height(self) -> int:
        return self._height

    @property
    def width(self) -> int:
        return self._width

    def rows(self) -> tuple[tuple[str, ...], ...]:
        """The grid with merged cells expanded; empty slots are ""."""
        return tuple(
            tuple(cell.text if (cell := self._slots.get((r, c))) else "" for c in range(self.width))
            for r in range(self.height)
        )

    def spans(self) -> tuple[tuple[int, int, int, int], ...]:
        return tuple(
            (c.row, c.column, c.rowspan, c.colspan)
            for c in self._cells
            if c.rowspan > 1 or c.colspan > 1
        )

    def row_cells(self, row: int) -> list[tuple[int, str]]:
        """(grid column, text) of the cells that start in `row`, left to right."""
        return sorted((c.column, c.text) for c in self._cells if c.row == row)


class DocumentBuilder:
    """Collects paragraphs and tables in reading order and builds the Document."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.directives: list[Directive] = []

    def directive(self, text: str, line: int | None = None) -> None:
        """A comment addressed to ogilint, standing at `line` (default: the next line)."""
        self.directives.append(Directive(text, len(self.lines) if line is None else line))

    def paragraph(self, text: str, location: dict[str, Any] | None = None) -> None:
        """One paragraph; a line break inside it (Word's Shift+Enter) starts a new line."""
        first = len(self.lines)
        self.lines.extend(text.split("\n"))
        self.blocks.append(Block("paragraph", first, len(self.lines) - 1, dict(location or {})))

    def table(self, grid: Grid, location: dict[str, Any] | None = None) -> None:
        """One table: a line per grid row and a Block per line."""
        if grid.height == 0:
            return
        place = {**(location or {}), "table": len(self.tables) + 1}
        first = len(self.lines)
        cell_starts = []
        for r in range(grid.height):
            line, starts = "", []
            for column, text in grid.row_cells(r):
                if starts:
                    line += CELL_SEPARATOR
                starts.append((len(line), column))
                line += text
            self.blocks.append(
                Block("table", len(self.lines), len(self.lines), {**place, "row": r + 1})
            )
            self.lines.append(line)
            cell_starts.append(tuple(starts))
        self.tables.append(
            Table(
                rows=grid.rows(),
                first_line=first,
                last_line=len(self.lines) - 1,
                location=place,
                spans=grid.spans(),
                cell_starts=tuple(cell_starts),
            )
        )

    def build(self, path: str, encoding: str | None, meta: dict[str, Any]) -> Document:
        return Document(
            path=path,
            text="\n".join(self.lines),
            encoding=encoding,
            blocks=tuple(self.blocks),
            tables=tuple(self.tables),
            meta=meta,
            # A comment after the last line belongs to the last line.
            directives=tuple(
                Directive(d.text, min(d.line, max(len(self.lines) - 1, 0)))
                for d in sorted(self.directives, key=lambda d: d.line)
            ),
        )
