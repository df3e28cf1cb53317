"""Labelled rows of figures, read from the extracted text.

Loaders render every table row as one line (cells joined by tabs), and a
table copied from a web page or extracted from a PDF as plain text arrives as
lines of a label followed by figures separated by spaces. Both are read here
the same way: the trailing figures of a line are its cells, the rest its
label. Blank cells ("/", "-", "—", or an empty grid cell) are kept as cells
without a value, so a check can say which one is blank.

A PDF wraps long labels over several lines, sometimes with the figures on the
first line and the rest of the label below ("（二）部分公开（区分处理的，只计这一情"
/ "447 7 0 0 0 0 454" / "形，不计其他情形）"), so each row also carries the
label-only lines around it as context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from linter.document import Document

# A figure may carry its counter ("0件"); "无" in a cell is a blank, not a number.
_FIGURE = re.compile(r"[+-]?\d+(?:,\d{3})*(?:\.\d+)?(?:件|条|个|项|元|万元)?")
_BLANK = re.compile(r"/|-|—|–|——|－|无|")
_GLUED = re.compile(r"(?P<label>.*[^\d.,\s])(?P<figure>\d+(?:\.\d+)?)$")
_WORD = re.compile(r"\S+")
_SHORT_ROW = 24


@dataclass(frozen=True)
class Cell:
    text: str  # as written (normalised); "" for an empty grid cell
    value: Decimal | None  # None: blank, "/", "-" or "—"
    start: int  # offsets in Document.norm (an empty cell: where it would be)
    end: int


@dataclass(frozen=True)
class FigureRow:
    line: int  # 0-based line of the extracted text
    label: str  # the row's own label, normalised
    context: str  # the label with the label-only lines around it
    cells: tuple[Cell, ...]


def _cell(text: str, start: int) -> Cell | None:
    stripped = text.strip()
    if _FIGURE.fullmatch(stripped):
        number = re.sub(r"[^\d.+-]", "", stripped)
        return Cell(stripped, Decimal(number), start, start + len(text))
    if _BLANK.fullmatch(stripped):
        return Cell(stripped, None, start, start + max(len(text), 0))
    return None


def _tokens(line: str) -> list[tuple[str, int]]:
    """Cells of a grid row (tab-separated) or words of a text row, with offsets."""
    if "\t" in line:
        out, pos = [], 0
        for piece in line.split("\t"):
            out.append((piece, pos))
            pos += len(piece) + 1
        return out
    return [(m.group(0), m.start()) for m in _WORD.finditer(line)]


def split_row(line: str, base: int) -> tuple[str, list[Cell]]:
    """(label, trailing figure cells) of one normalised line starting at `base`."""
    tokens = _tokens(line)
    cells: list[Cell] = []
    while tokens:
        text, at = tokens[-1]
        cell = _cell(text, base + at)
        if cell is None or (not text.strip() and "\t" not in line):
            break
        cells.append(cell)
        tokens.pop()
    if tokens and "\t" not in line:
        text, at = tokens[-1]
        glued = _GLUED.match(text)
        # "予以公开1288 21 0 …": the first figure touches the label. A lone figure
        # glued to a label ("行政许可447228") counts only on a short line, not prose.
        if glued and (cells or len(line.strip()) <= _SHORT_ROW):
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


def figure_rows(
    doc: Document, noise_lines: frozenset[int], first: int, last: int
) -> list[FigureRow]:
    """Rows with figures among 0-based lines first..last (page noise left out), with
    their label context."""
    parsed = []
    for i in range(first, last + 1):
        if i in noise_lines:
            continue
        label, cells = split_row(doc.norm_lines[i], doc.norm_line_starts[i])
        parsed.append((i, label, cells))
    rows = []
    for k, (i, label, cells) in enumerate(parsed):
        if not cells:
            continue
        before = _label_lines(parsed[:k][::-1])[::-1]
        after = _label_lines(parsed[k + 1 :])
        context = "".join([*before, label, *after])
        rows.append(FigureRow(i, label, context, tuple(cells)))
    return rows


def _label_lines(neighbours) -> list[str]:
    """Label-only lines next to a row, up to the nearest row with figures (at most 3)."""
    out = []
    for _, label, cells in neighbours[:3]:
        if cells:
            break
        out.append(label)
    return out
