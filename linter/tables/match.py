"""Mapping rows of figures onto a standard table template.

Rows are matched by label, in template order: a dynamic-programming alignment
of the document's figure rows (in text order) with the template's rows. A row
whose own label matches a template label scores highest, one whose wrapped
context matches scores less, an unlabelled row of the right width can still
take its place in the sequence ("447 7 0 0 0 0 454" between (一) and 1.属于国家秘密).
Each layout (2019, 2021) is tried and the better alignment wins; the layout
found is itself a finding for `outdated-format`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from linter.regimes import table_templates
from linter.tables.rows import Cell, FigureRow, figure_rows
from linter.tables.templates import Template, TemplateRow

if TYPE_CHECKING:
    from collections.abc import Callable

    from linter.document import Document
    from linter.sections import Outline

_OWN, _CONTEXT, _UNLABELLED = 3.0, 1.5, 0.5
_SKIP_ROW, _SKIP_TEMPLATE = -0.5, -1.0
_HAS_WORDS = re.compile(r"[\u4e00-\u9fff]{2,}")
_MIN_MATCHED = 0.6  # share of template rows a table must fill to be recognised


@dataclass(frozen=True)
class MatchedTable:
    template: Template
    layout: str
    rows: dict[str, FigureRow]  # template row key -> the document row
    # One table per scope when the report prints it several times (市政府本级, then
    # 全市汇总, each opening with its row 一); empty when it is printed once.
    printings: tuple[MatchedTable, ...] = ()

    @property
    def printed(self) -> tuple[MatchedTable, ...]:
        """The table as printed: each printing, or the table itself."""
        return self.printings or (self,)

    def cell(self, row: str, column: str) -> Cell | None:
        figure_row = self.rows.get(row)
        if figure_row is None:
            return None
        columns = self.columns_of(row)
        if column not in columns or not fits(figure_row, len(columns)):
            return None
        return figure_row.cells[columns.index(column)]

    def columns_of(self, row: str) -> tuple[str, ...]:
        for r in self.template.layout_rows(self.layout):
            if r.key == row:
                return r.columns
        return ()


def fits(row: FigureRow, width: int) -> bool:
    """`row` has `width` figure cells, ignoring empty grid cells after them (a layout
    column drawn at the table's right edge)."""
    extra = row.cells[width:]
    return len(row.cells) >= width and all(not c.text and c.value is None for c in extra)


def _width(row: FigureRow) -> int:
    """Cells up to the last one that is not an empty layout cell."""
    width = len(row.cells)
    while width and not row.cells[width - 1].text and row.cells[width - 1].value is None:
        width -= 1
    return width


@cache  # a template's few column tuples, asked for at every step of the alignment
def _group_names(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.split("·")[0] for c in columns))


@cache
def _groups(columns: tuple[str, ...]) -> tuple[int, ...]:
    """Widths of the column groups ("复议·总计" is in group 复议), in order."""
    widths: list[int] = []
    previous = None
    for column in columns:
        group = column.split("·")[0] if "·" in column else None
        if group is None:
            return ()
        if group == previous:
            widths[-1] += 1
        else:
            widths.append(1)
        previous = group
    return tuple(widths) if len(widths) > 1 else ()


def _joined(
    rows: list[FigureRow], end: int, groups: tuple[int, ...], names: tuple[str, ...]
) -> FigureRow | None:
    """The row printed as one sub-table per column group, ending at rows[end - 1].

    Table 四 is often set as three small tables (行政复议 / 直接起诉 / 复议后起诉),
    each one unlabelled row of five figures: read in order they are the one row.
    """
    start = end - len(groups)
    if start < 0 or len(names) != len(groups):
        return None
    pieces = rows[start:end]
    # A piece is unlabelled, or labelled with its own group ("行政复议", "行政诉讼(未经
    # 复议直接起诉)", "行政诉讼(复议后起诉)": the table set as three rows of five).
    shapes = zip(pieces, groups, names, strict=True)
    if any(
        (_HAS_WORDS.search(p.label) and name not in p.label) or _width(p) != w
        for p, w, name in shapes
    ):
        return None
    first = pieces[0]
    cells = tuple(c for p, w in zip(pieces, groups, strict=True) for c in p.cells[:w])
    return FigureRow(first.line, first.label, first.context, cells)


def _score(row: FigureRow, trow: TemplateRow) -> float | None:
    if not fits(row, len(trow.columns)):
        return None
    if trow.label.search(row.label):
        return _OWN
    if trow.label.search(row.context):
        return _CONTEXT
    return _UNLABELLED if not _HAS_WORDS.search(row.label) else None


def _candidates(
    rows: list[FigureRow], i: int, trow: TemplateRow
) -> list[tuple[int, FigureRow, float]]:
    """(rows taken, the row, score) of each way the document rows ending at `i` fill `trow`."""
    out = []
    if i > 0 and (s := _score(rows[i - 1], trow)) is not None:
        out.append((1, rows[i - 1], s))
    groups = _groups(trow.columns)
    joined = _joined(rows, i, groups, _group_names(trow.columns)) if groups else None
    if joined is not None and (s := _score(joined, trow)) is not None:
        out.append((len(groups), joined, s))
    return out


def align(
    rows: list[FigureRow], trows: tuple[TemplateRow, ...]
) -> tuple[float, dict[str, FigureRow]]:
    """Best order-preserving assignment of document rows to template rows."""
    n, m = len(rows), len(trows)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[str, int, FigureRow | None]]] = [
        [("", 0, None)] * (m + 1) for _ in range(n + 1)
    ]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options: list[tuple[float, str, int, FigureRow | None]] = []
            if i > 0:
                options.append((best[i - 1][j] + _SKIP_ROW, "row", 1, None))
            if j > 0:
                options.append((best[i][j - 1] + _SKIP_TEMPLATE, "template", 0, None))
                for taken, row, s in _candidates(rows, i, trows[j - 1]):
                    options.append((best[i - taken][j - 1] + s, "match", taken, row))
            # max(options, key=(score, move, taken)) without a key call per option:
            # the first of equal keys wins, as with max.
            top = options[0]
            for option in options[1:]:
                if option[:3] > top[:3]:
                    top = option
            best[i][j], step[i][j] = top[0], top[1:]
    matched: dict[str, FigureRow] = {}
    i, j = n, m
    while i > 0 or j > 0:
        move, taken, row = step[i][j]
        if move == "match":
            matched[trows[j - 1].key] = row  # type: ignore[assignment]
            i, j = i - taken, j - 1
        elif move == "row":
            i -= 1
        else:
            j -= 1
    return best[n][m], matched


def part_lines(outline: Outline, part: str, whole: bool = True) -> tuple[int, int] | None:
    """Lines of the top-level part numbered `part` (二/三/四); else the whole text
    (or None when `whole` is false)."""
    number = "一二三四五六七八九十".index(part) + 1
    for heading in outline.top_level:
        if heading.number == number:
            return outline.section_range(heading)
    return (0, outline.line_count - 1) if whole else None


def _search_ranges(outline: Outline, template: Template) -> list[tuple[int, int]]:
    """Where to look for the template's table, best first: the part numbered for it,
    each part whose heading names it (reports number their parts otherwise, or
    restart the numbering for an attached tables section), then the whole report."""
    ranges: list[tuple[int, int]] = []
    numbered = part_lines(outline, template.part, whole=False)
    if numbered is not None:
        ranges.append(numbered)
    if template.heading is not None:
        for heading in outline.top_level:
            if template.heading.search(heading.title):
                ranges.append(outline.section_range(heading))
    ranges.append((0, outline.line_count - 1))
    return list(dict.fromkeys(ranges))


def _match_rows(template: Template, rows: list[FigureRow]) -> MatchedTable | None:
    """The template's table among `rows`, in the layout that fits best, if recognisable."""
    best: tuple[float, str, dict[str, FigureRow]] | None = None
    for layout in template.layouts:
        trows = template.layout_rows(layout)
        score, matched = align(rows, trows)
        labelled = sum(
            trows[k].label.search(matched[trows[k].key].label) is not None
            for k in range(len(trows))
            if trows[k].key in matched
        )
        if len(matched) < _MIN_MATCHED * len(trows) or labelled == 0:
            continue
        if best is None or score > best[0]:
            best = (score, layout, matched)
    return MatchedTable(template, best[1], best[2]) if best else None


def match_template(
    doc: Document,
    outline: Outline,
    noise_lines: frozenset[int],
    template: Template,
    rows_of: Callable[[int, int], list[FigureRow]] | None = None,
) -> MatchedTable | None:
    """The template's table in `doc`, in the layout that fits best, if recognisable.

    `rows_of(first, last)` gives the figure rows of a range of lines (by default read
    afresh; `standard_tables` reads each range once for all templates)."""
    for first, last in _search_ranges(outline, template):
        rows = rows_of(first, last) if rows_of else figure_rows(doc, noise_lines, first, last)
        matched = _match_rows(template, rows)
        if matched is not None:
            return _with_printings(template, matched, rows)
    return None


def _segments(template: Template, rows: list[FigureRow]) -> list[list[FigureRow]]:
    """`rows` cut before each repeat of the template's first row (一、本年新收…)."""
    firsts = {template.layout_rows(layout)[0].label for layout in template.layouts}
    starts = [i for i, r in enumerate(rows) if any(p.search(r.label) for p in firsts)]
    if len(starts) < 2:
        return [rows]
    cuts = [0, *starts[1:], len(rows)]
    return [rows[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def _with_printings(template: Template, whole: MatchedTable, rows: list[FigureRow]) -> MatchedTable:
    """`whole` with its printings when the rows hold the table once per scope and each
    piece is recognised on its own; the whole-range match still decides the layout."""
    segments = _segments(template, rows)
    if len(segments) < 2:
        return whole
    each = [_match_rows(template, segment) for segment in segments]
    if any(m is None for m in each):
        return whole
    return replace(whole, printings=tuple(m for m in each if m is not None))


def standard_tables(
    doc: Document, outline: Outline, noise_lines: frozenset[int]
) -> dict[str, MatchedTable]:
    """Each standard table found in `doc`, by table name.

    Tables are read with the templates of every regime: the report year, and so
    the regime, may only be known from the text around them; the regime decides
    which tables it requires and which layout it prescribes.
    """
    found = {}
    read: dict[tuple[int, int], list[FigureRow]] = {}
    split: dict[int, tuple[str, list[Cell]]] = {}

    def rows_of(first: int, last: int) -> list[FigureRow]:
        # Every template looks in the whole report last: read its rows once, not 3 times,
        # and each line once for all the (overlapping) ranges.
        if (first, last) not in read:
            read[first, last] = figure_rows(doc, noise_lines, first, last, split)
        return read[first, last]

    for template in table_templates():
        matched = match_template(doc, outline, noise_lines, template, rows_of)
        if matched is not None:
            found[template.table] = matched
    return found
