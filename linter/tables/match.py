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

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from linter.tables.rows import Cell, FigureRow, figure_rows
from linter.tables.templates import Template, TemplateRow, standard_templates

if TYPE_CHECKING:
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


def _score(row: FigureRow, trow: TemplateRow) -> float | None:
    if not fits(row, len(trow.columns)):
        return None
    if trow.label.search(row.label):
        return _OWN
    if trow.label.search(row.context):
        return _CONTEXT
    return _UNLABELLED if not _HAS_WORDS.search(row.label) else None


def align(
    rows: list[FigureRow], trows: tuple[TemplateRow, ...]
) -> tuple[float, dict[str, FigureRow]]:
    """Best order-preserving assignment of document rows to template rows."""
    n, m = len(rows), len(trows)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options = []
            if i > 0:
                options.append((best[i - 1][j] + _SKIP_ROW, "row"))
            if j > 0:
                options.append((best[i][j - 1] + _SKIP_TEMPLATE, "template"))
            if i > 0 and j > 0 and (s := _score(rows[i - 1], trows[j - 1])) is not None:
                options.append((best[i - 1][j - 1] + s, "match"))
            best[i][j], step[i][j] = max(options)
    matched: dict[str, FigureRow] = {}
    i, j = n, m
    while i > 0 or j > 0:
        move = step[i][j]
        if move == "match":
            matched[trows[j - 1].key] = rows[i - 1]
            i, j = i - 1, j - 1
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


def match_template(
    doc: Document, outline: Outline, noise_lines: frozenset[int], template: Template
) -> MatchedTable | None:
    """The template's table in `doc`, in the layout that fits best, if recognisable."""
    first, last = part_lines(outline, template.part)  # type: ignore[misc]
    rows = figure_rows(doc, noise_lines, first, last)
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


def standard_tables(
    doc: Document, outline: Outline, noise_lines: frozenset[int]
) -> dict[str, MatchedTable]:
    """Each standard table found in `doc`, by table name."""
    found = {}
    for template in standard_templates():
        matched = match_template(doc, outline, noise_lines, template)
        if matched is not None:
            found[template.table] = matched
    return found
