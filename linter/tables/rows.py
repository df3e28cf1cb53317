"""Labelled rows of figures: read from a loader's grid, or from text.

Two sources give one type. A table the loader read as a grid (web page, Word,
PDF) gives its rows directly: each cell is a grid cell, carrying its native
place (table, row, cell, and the page of a PDF) and its span in the
normalised text, so a finding on it needs no arithmetic to say where it is.
A table that arrives as text (a .txt report, a table copied from a page, a
PDF-to-Markdown conversion) is read line by line: cells are separated by
tabs, by "|" (Markdown pipe rows "| a | b |" and plain " | " text), or else by
spaces, the first figure possibly glued to its label. Either way the trailing
figure cells of a row are its cells and the rest its label; blank cells ("/",
"-", "—", "无" or empty) are cells without a value, so a check can say which
one is blank.

A PDF wraps long labels over several lines, sometimes with the figures on the
first line and the rest of the label below ("（二）部分公开（区分处理的，只计这一情"
/ "447 7 0 0 0 0 454" / "形，不计其他情形）"), so each row also carries the
label-only lines around it as context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from linter.numbers import figure as figure_value

if TYPE_CHECKING:
    from linter.document import Document, Table

# A figure may carry its counter ("0件"); "无" in a cell is a blank, not a number.
_FIGURE = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?(?:件|条|个|项|元|万元)?")
_BLANK = re.compile(r"/|-|—|–|——|－|无|")
_GLUED = re.compile(r"(?P<label>.*[^\d.,\s])(?P<figure>\d+(?:\.\d+)?)$")
_WORD = re.compile(r"\S+")
_SHORT_ROW = 24
# A Markdown table's header separator: | --- | :---: | (nothing else on the line).
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE = "|"
_MIN_PIPES = 2  # "a | b" is prose with a bar; "| a | b |" and "a | b | c" are rows


@dataclass(frozen=True)
class Cell:
    text: str  # as written (normalised); "" for an empty cell
    value: Decimal | None  # None: blank, "/", "-" or "—"
    start: int  # offsets in Document.norm (an empty cell: where it would be)
    end: int
    # Native place of a grid cell: {"table": t, "row": r, "cell": c} (1-based), with
    # the table's own place ({"page": p}); empty for a cell read from text.
    place: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class FigureRow:
    line: int  # 0-based line of the extracted text
    label: str  # the row's own label, normalised
    context: str  # the label with the label-only lines around it
    cells: tuple[Cell, ...]


def _cell(text: str, start: int, place: dict[str, Any] | None = None) -> Cell | None:
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    at = start + lead if stripped else start
    if _FIGURE.fullmatch(stripped):
        value = figure_value(re.sub(r"[^\d.+-]", "", stripped))
        if value is None:  # a run of digits no table counts: not a figure cell
            return None
        return Cell(stripped, value, at, at + len(stripped), dict(place or {}))
    if _BLANK.fullmatch(stripped):
        return Cell(stripped, None, at, at + len(stripped), dict(place or {}))
    return None


# -- rows that arrive as text ------------------------------------------------------------------


def is_pipe_rule(line: str) -> bool:
    """A Markdown separator row (|---|---|): part of a table, but no row of it."""
    return bool(_PIPE_RULE.match(line)) and "-" in line


def _pipe_cells(line: str) -> list[tuple[str, int]] | None:
    """Cells of a pipe row ("| a | b |", "a | b | c"), with offsets; None for other lines."""
    if line.count(_PIPE) < _MIN_PIPES:
        return None
    out, pos = [], 0
    for piece in line.split(_PIPE):
        out.append((piece, pos))
        pos += len(piece) + 1
    # The outer bars of "| a | b |" close the row; they open no empty cell.
    if not out[0][0].strip():
        out.pop(0)
    if out and not out[-1][0].strip():
        out.pop()
    return out


def _tokens(line: str) -> tuple[list[tuple[str, int]], bool]:
    """Cells of a delimited row (tabs, pipes) or words of a text row, with offsets.

    The flag says whether the line is delimited: there an empty cell is a cell.
    """
    if "\t" in line:
        out, pos = [], 0
        for piece in line.split("\t"):
            out.append((piece, pos))
            pos += len(piece) + 1
        return out, True
    piped = _pipe_cells(line)
    if piped is not None:
        return piped, True
    return [(m.group(0), m.start()) for m in _WORD.finditer(line)], False


def split_row(line: str, base: int) -> tuple[str, list[Cell]]:
    """(label, trailing figure cells) of one normalised line starting at `base`."""
    if "\t" not in line and line.count(_PIPE) < _MIN_PIPES:
        # Most lines are prose: a last word that is no figure, no blank and ends in no
        # digit (so holds no glued figure) leaves every word to the label.
        words = line.split()  # the words `_WORD` finds
        last = words[-1] if words else ""
        if not (last[-1:].isdecimal() or _FIGURE.fullmatch(last) or _BLANK.fullmatch(last)):
            return " ".join(words), []
    return _split_tokens(line, base)


def _split_tokens(line: str, base: int) -> tuple[str, list[Cell]]:
    """`split_row` read token by token: the cells from the end, then a glued figure."""
    tokens, delimited = _tokens(line)
    cells: list[Cell] = []
    while tokens:
        text, at = tokens[-1]
        cell = _cell(text, base + at)
        if cell is None or (not text.strip() and not delimited):
            break
        cells.append(cell)
        tokens.pop()
    if tokens and not delimited:
        text, at = tokens[-1]
        # Most last words end in no digit: no need to run the backtracking pattern there.
        glued = _GLUED.match(text) if text.removesuffix("\n")[-1:].isdecimal() else None
        # "予以公开1288 21 0 …": the first figure touches the label. A lone figure
        # glued to a label ("行政许可447228") counts only on a short line, not prose.
        if (
            glued
            and (cells or len(line.strip()) <= _SHORT_ROW)
            and figure_value(glued["figure"]) is not None
        ):
            figure = glued["figure"]
            cells.append(
                Cell(
                    figure,
                    Decimal(figure),
                    base + at + glued.start("figure"),
                    base + at + len(text),
                )
            )
            tokens[-1] = (glued["label"], at)
    cells.reverse()
    label = " ".join(t.strip() for t, _ in tokens if t.strip())
    return label, cells


# -- rows of a loader's grid -------------------------------------------------------------------


def _grid_row(doc: Document, table: Table, r: int, line: int) -> tuple[str, list[Cell]] | None:
    """(label, trailing figure cells) of grid row `r`, each cell at its native place.

    Row `r` is rendered as one line (normalised line `line`), its cells joined by
    tabs (cell texts hold none), so the i-th tab-separated piece of that line is
    the i-th cell that starts in the row. None when the line does not show that shape.
    """
    starts = table.cell_starts[r]
    pieces = doc.norm_lines[line].split("\t")
    if len(pieces) != len(starts) or len(starts) < 2:
        return None  # a one-cell row is text inside a frame: read it as text
    base = doc.norm_line_starts[line]
    row_place = {**table.location, "row": r + 1}
    cells: list[Cell] = []
    offset = 0
    placed = []
    for piece, (_, column) in zip(pieces, starts, strict=True):
        placed.append((piece, base + offset, {**row_place, "cell": column + 1}))
        offset += len(piece) + 1
    while placed:
        piece, at, place = placed[-1]
        cell = _cell(piece, at, place)
        if cell is None:
            break
        cells.append(cell)
        placed.pop()
    cells.reverse()
    label = " ".join(p.strip() for p, _, _ in placed if p.strip())
    return label, cells


def _norm_line_of_row(doc: Document) -> dict[int, int]:
    """Normalised line of each extracted line that renders a table row.

    They are the same line unless a flattened paragraph was cut into virtual
    lines (linter.flattened) somewhere above the table.
    """
    rows = {t.first_line + r for t in doc.tables for r in range(len(t.cell_starts))}
    if not doc.virtual_lines:
        return {line: line for line in rows}
    out: dict[int, int] = {}
    for i, start in enumerate(doc.norm_line_starts):
        source = doc.span(start, start + 1).line - 1
        if source in rows:
            out.setdefault(source, i)
    return out


def grid_rows(doc: Document, first: int, last: int) -> dict[int, tuple[str, list[Cell]]]:
    """(label, cells) of the grid rows among normalised lines first..last, by line."""
    rows: dict[int, tuple[str, list[Cell]]] = {}
    norm_line = _norm_line_of_row(doc)
    for table in doc.tables:
        for r in range(len(table.cell_starts)):
            line = norm_line.get(table.first_line + r)
            if line is None or not first <= line <= last:
                continue
            read = _grid_row(doc, table, r, line)
            if read is not None:
                rows[line] = read
    return rows


# -- both, in text order -----------------------------------------------------------------------


def figure_rows(
    doc: Document,
    noise_lines: frozenset[int],
    first: int,
    last: int,
    split: dict[int, tuple[str, list[Cell]]] | None = None,
) -> list[FigureRow]:
    """Rows with figures among 0-based lines first..last (page noise left out), with
    their label context. `split` keeps each text line's (label, cells) for the next
    call over an overlapping range of the same document."""
    from_grid = grid_rows(doc, first, last)
    split = {} if split is None else split
    parsed = []
    for i in range(first, last + 1):
        line = doc.norm_lines[i]
        if i in noise_lines or is_pipe_rule(line):
            continue
        read = from_grid.get(i)
        if read is None:
            if i not in split:
                split[i] = split_row(line, doc.norm_line_starts[i])
            read = split[i]
        label, cells = read
        parsed.append((i, label, cells))
    rows = []
    for k, (i, label, cells) in enumerate(parsed):
        if not cells:
            continue
        # Walked lazily from the row outwards: slicing `parsed` per row is quadratic.
        before = _label_lines(parsed[j] for j in range(k - 1, -1, -1))[::-1]
        after = _label_lines(parsed[j] for j in range(k + 1, len(parsed)))
        context = "".join([*before, label, *after])
        rows.append(FigureRow(i, label, context, tuple(cells)))
    return rows


def _label_lines(neighbours: Iterable[tuple[int, str, list[Cell]]]) -> list[str]:
    """Label-only lines next to a row, up to the nearest row with figures (at most 3)."""
    out = []
    for n, (_, label, cells) in enumerate(neighbours):
        if cells or n >= 3:
            break
        out.append(label)
    return out
