"""The document every check reads: source text, lines, normalised view, blocks.

A loader builds one `Document` whatever the container (text, web page, Word,
PDF). It holds what the loader produced and the views of it that need nothing
else (the normalised text and its offset map, line starts); what is read
*from* the text (headings, quantities, standard tables, …) is computed once by
`linter.analysis`. Checks see the normalised text (`norm`), its lines and
those facts; they never know which loader ran. Locations are computed here
and nowhere else: a span of `norm` maps back to the line and column of the
extracted text and, through the blocks, to the page, paragraph or table cell
of the original file.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import Any

from linter.normalise import normalise


@dataclass(frozen=True)
class Block:
    """A paragraph or table of the source, as a range of extracted lines.

    `location` holds the native position ({"page": 3}, {"paragraph": 12},
    {"table": 1, "row": 4, "cell": 2}); it is empty for plain text.
    """

    kind: str  # "paragraph" | "table"
    first_line: int  # 0-based, inclusive
    last_line: int  # 0-based, inclusive
    location: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """A table of the source: its grid and where its text rendering sits.

    `rows` is the grid with merged cells expanded (a cell spanning two columns
    or rows repeats its text in each), so `rows[r][c]` is always defined.
    `spans` lists the merged cells as (row, column, rowspan, colspan), 0-based,
    so a reader can tell a repeated value from a merge. Row `r` is rendered as
    extracted line `first_line + r`: the cells that start in that row, joined
    by a tab; `cell_starts[r]` holds (column in that line, 0-based grid column)
    of each rendered cell. `location` is the table's native place
    ({"table": 2} or {"table": 2, "page": 5}); `table` numbers are 1-based in
    document order.
    """

    rows: tuple[tuple[str, ...], ...]
    first_line: int  # 0-based, inclusive
    last_line: int  # 0-based, inclusive
    location: dict[str, Any] = field(default_factory=dict)
    spans: tuple[tuple[int, int, int, int], ...] = ()
    cell_starts: tuple[tuple[tuple[int, int], ...], ...] = ()


@dataclass(frozen=True)
class Directive:
    """A comment the loader found that speaks to ogilint (`ogilint: disable=…`).

    Comments are not report text: a web page's `<!-- -->` and a Word comment
    stay out of `text`, and the loader records here the 0-based extracted line
    they stand at (the paragraph a Word comment is anchored on; the line a web
    page's comment precedes or sits in), so the suppression stage can tell
    which part of the report holds them.
    """

    text: str
    line: int  # 0-based extracted line


@dataclass(frozen=True)
class Span:
    """1-based line and column (in characters) of a range of the extracted text."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Document:
    """Extracted text of one report, as its loader produced it."""

    path: str
    text: str
    encoding: str | None = "utf-8"  # None: a container with no text encoding (PDF, Word)
    blocks: tuple[Block, ...] = ()
    # Tables of the source (web page, Word, PDF); their rows are also lines of `text`.
    tables: tuple[Table, ...] = ()
    # What the loader knows of the file itself (format, page count, …).
    meta: dict[str, Any] = field(default_factory=dict)
    # Comments addressed to ogilint (web page and Word comments; a text file's are lines).
    directives: tuple[Directive, ...] = ()

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def _normalised(self):
        return normalise(self.text)

    @cached_property
    def norm(self) -> str:
        """The normalised text (NFKC, simplified, number gaps removed)."""
        return self._normalised.text

    @cached_property
    def norm_lines(self) -> list[str]:
        return self.norm.split("\n")

    @cached_property
    def norm_line_starts(self) -> list[int]:
        return _line_starts(self.norm)

    @cached_property
    def line_starts(self) -> list[int]:
        return _line_starts(self.text)

    # -- locations ---------------------------------------------------------

    def source_offset(self, norm_index: int) -> int:
        """Index in `text` of the source character behind `norm[norm_index]`."""
        index = self._normalised.source_index
        if not index:
            return 0
        return index[min(max(norm_index, 0), len(index) - 1)]

    def norm_line_of(self, norm_index: int) -> int:
        """0-based line of a position in the normalised text."""
        return bisect.bisect_right(self.norm_line_starts, norm_index) - 1

    def span(self, start: int, end: int) -> Span:
        """Map a half-open range of `norm` to 1-based source line/column."""
        first = self.source_offset(start)
        last = self.source_offset(max(start, end - 1)) + 1
        line, column = self._line_col(first)
        end_line, end_column = self._line_col(last - 1)
        return Span(line, column, end_line, end_column + 1)

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def in_brackets(self, offset: int) -> bool:
        """Whether `offset` of `norm` sits inside a bracketed aside on its line
        (more "(" than ")" between the line start and `offset`)."""
        start = self.norm_line_starts[self.norm_line_of(offset)]
        return self._bracket_depth(offset) > self._bracket_depth(start)

    @cached_property
    def _brackets(self) -> tuple[array, array]:
        """Offsets of the brackets of `norm`, and the count of "(" less ")" up to and
        including each: counting them in the line before every figure was quadratic
        in the length of a line."""
        offsets, depths, depth = array("i"), array("i"), 0
        for m in _BRACKET.finditer(self.norm):
            depth += 1 if m.group() == "(" else -1
            offsets.append(m.start())
            depths.append(depth)
        return offsets, depths

    def _bracket_depth(self, offset: int) -> int:
        """Count of "(" less ")" in `norm` before `offset`."""
        offsets, depths = self._brackets
        index = bisect.bisect_left(offsets, offset) - 1
        return depths[index] if index >= 0 else 0

    def block_at(self, line: int) -> Block | None:
        """The block holding 1-based `line`, if the loader recorded blocks."""
        return _holding(self.blocks, self._block_firsts, line - 1)

    @cached_property
    def _block_firsts(self) -> list[int] | None:
        return _firsts_if_disjoint(self.blocks)

    @cached_property
    def _table_firsts(self) -> list[int] | None:
        return _firsts_if_disjoint(self.tables)

    def location_at(self, line: int, column: int) -> dict[str, Any]:
        """Native location of 1-based `line`/`column`, down to the table cell."""
        block = self.block_at(line)
        location = dict(block.location) if block else {}
        table = _holding(self.tables, self._table_firsts, line - 1)
        if table is not None:
            starts = table.cell_starts[line - 1 - table.first_line]
            before = [grid_column for start, grid_column in starts if start <= column - 1]
            if before:
                location["cell"] = before[-1] + 1
        return location

    @cached_property
    def table_lines(self) -> frozenset[int]:
        """0-based lines of `norm` that render table rows (not prose)."""
        rows = {i for t in self.tables for i in range(t.first_line, t.last_line + 1)}
        if not self.virtual_lines:  # norm lines are the extracted lines
            return frozenset(rows)
        return frozenset(
            i
            for i, start in enumerate(self.norm_line_starts)
            if self._line_col(self.source_offset(start))[0] - 1 in rows
        )

    @cached_property
    def virtual_lines(self) -> dict[int, bool]:
        """Lines of `norm` cut out of a flattened line: line -> starts a part's heading."""
        return self._normalised.virtual_lines


_BRACKET = re.compile(r"[()]")


def _firsts_if_disjoint(ranges: Sequence[Block | Table]) -> list[int] | None:
    """First lines of `ranges` when they are in line order and do not overlap (so the
    one holding a line is found by bisection), else None."""
    for a, b in pairwise(ranges):
        if b.first_line <= a.last_line:
            return None
    return [r.first_line for r in ranges]


def _holding(ranges, firsts: list[int] | None, line: int):
    """The first of `ranges` whose lines hold 0-based `line`, if any."""
    if firsts is None:  # a loader whose ranges overlap: the first one in its order wins
        return next((r for r in ranges if r.first_line <= line <= r.last_line), None)
    index = bisect.bisect_right(firsts, line) - 1
    if index >= 0 and line <= ranges[index].last_line:
        return ranges[index]
    return None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts
