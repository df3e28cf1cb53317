"""Scanned PDFs: the page images read with OCR (the optional `ocr` extra).

A report scanned to PDF has no text layer. Each page is rendered with
pypdfium2 (already installed with pdfplumber), turned upright (a skew of a
few degrees, a page scanned sideways or upside down), and read with
RapidOCR's PP-OCR models, which ship inside the `rapidocr_onnxruntime` wheel:
nothing is downloaded at run time.

Tables are rebuilt from the page image rather than from the text boxes alone:
their ruling lines give the cells (merged cells included), and the text boxes
fall into the cells by position. The detector misses many lone digits ("0" in
a table of zeros), so a cell with ink but no box is read again on its own.
Text outside tables becomes lines of boxes ordered by position; the PDF loader
re-flows them into paragraphs exactly as it does a text layer. Coordinates are
given in PDF points, like pdfplumber's.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from linter.loaders import InputError
from linter.loaders.assemble import Grid
from linter.loaders.pdf_pdfium import LOCK

DPI = 150  # enough for 10.5 pt table figures; OCR time grows with the pixels
_POINT = 72.0
_MIN_SCORE = 0.5  # recognition confidence below which a box is noise
_MAX_SKEW = 5.0  # degrees of scanner skew searched for
_MIN_CELL_PT = 6.0  # a ruled region narrower or lower than this is not a cell
_SPANNING = 0.8  # share of a table's width (height) its outer rulings cover
_FILLED = 0.8  # share of its bounding box a cell fills (text holes aside)
_SHORT = 6  # characters of a cell that holds a figure
_SURE = 0.95  # confidence above which a detector box's reading is kept as it is
_GAP_CHARS = 1.5  # a gap this many characters wide separates cells of an unruled row
# Letters the recogniser gives for a lone digit in a tight table cell.
_DIGIT_FOR = str.maketrans("ODoQIl|", "0000111")
_LOOKALIKES = re.compile(r"[0-9ODoQIl|]+")
_SPECKLED = re.compile(r"[.,·'`_-]*(?P<figure>\d+(?:\.\d+)?)[.,·'`_-]*")


@dataclass(frozen=True)
class OcrLine:
    """One line of recognised text outside tables, in PDF points."""

    text: str
    x0: float
    x1: float
    top: float
    size: float  # the height of one character


@dataclass(frozen=True)
class OcrTable:
    top: float
    grid: Grid


@dataclass(frozen=True)
class OcrPage:
    number: int  # 1-based
    height: float
    lines: tuple[OcrLine, ...]
    tables: tuple[OcrTable, ...]


@dataclass(frozen=True)
class _Box:
    """A recognised text box, axis-aligned, in pixels of the upright page."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    score: float = 1.0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class _Cell:
    x0: int
    y0: int
    x1: int
    y1: int


@functools.lru_cache(maxsize=1)
def _engine() -> Any:
    """The OCR engine, built once per process (loading the models takes a while)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise InputError("scanned-pdf") from exc  # its words say how to install the extra
    return RapidOCR()


def read_pages(data: bytes) -> list[OcrPage]:
    """Every page of the PDF `data`, read with OCR."""
    engine = _engine()
    import pypdfium2

    with LOCK:
        pdf = pypdfium2.PdfDocument(data)
    try:
        return [_read_page(engine, image, number, height) for number, image, height in _render(pdf)]
    finally:
        with LOCK:
            pdf.close()


def _render(pdf: Any) -> Iterator[tuple[int, Any, float]]:
    """Each page as a grey image. pdfium is not thread-safe (Dask workers check files
    in threads): every call into it holds the loaders' pdfium lock, the OCR does not."""
    import numpy as np

    with LOCK:
        count = len(pdf)
    for index in range(count):
        with LOCK:
            page = pdf[index]
            bitmap = page.render(scale=DPI / _POINT, grayscale=True)
            image = np.array(bitmap.to_pil().convert("L"))
            page.close()
        yield index + 1, image, image.shape[0] * _POINT / DPI


# -- turning the page upright ------------------------------------------------------------


def _ink(image: Any) -> Any:
    """Dark pixels as 255 on 0 (Otsu's threshold copes with grey scans and shading)."""
    import cv2

    _, ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _rotate(image: Any, degrees: float) -> Any:
    """`image` turned by `degrees` (counter-clockwise) about its centre, white filled."""
    import cv2

    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _sharpness(ink: Any) -> float:
    """How sharply the rows of ink stand apart: high when text lines are horizontal."""
    profile = ink.sum(axis=1, dtype="float64")
    return float(profile.var())


def _skew(ink: Any, around: float, span: float, step: float) -> tuple[float, float]:
    import numpy as np

    best = (around, -1.0)
    for angle in np.arange(around - span, around + span + step / 2, step):
        score = _sharpness(_rotate(ink, float(angle)))
        if score > best[1]:
            best = (float(angle), score)
    return best


def _upright(image: Any) -> Any:
    """The page with its text lines horizontal: sideways scans turned, skew removed.

    Measured on a small copy: the text lines give the row profile of the ink its
    sharpest peaks when they are level."""
    import cv2

    small_width = 600
    scale = small_width / image.shape[1]
    small = _ink(cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    # Which way the text runs is told by the text alone: a table's rulings run both ways.
    across, down = _rulings(small, DPI / _POINT * scale)
    text = small & cv2.bitwise_not(across | down)
    if _sharpness(text.T) > 1.5 * _sharpness(text):
        image = cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
        small = cv2.rotate(small, cv2.ROTATE_90_CLOCKWISE)
    coarse, _ = _skew(small, 0.0, _MAX_SKEW, 0.5)
    angle, _ = _skew(small, coarse, 0.5, 0.1)
    if abs(angle) >= 0.1:
        image = _rotate(image, angle)
    return image


def _upside_down(engine: Any, image: Any, boxes: list[_Box]) -> bool:
    """Most text lines read as turned by 180 degrees (a page scanned upside down)."""
    votes = 0
    sample = sorted(boxes, key=lambda b: b.x1 - b.x0, reverse=True)[:9]
    for box in sample:
        crop = image[int(box.y0) : int(box.y1) + 1, int(box.x0) : int(box.x1) + 1]
        result, _ = engine(crop, use_det=False, use_cls=True, use_rec=False)
        if result and str(result[0][0]) == "180" and float(result[0][1]) > 0.9:
            votes += 1
    return votes * 2 > len(sample)


# -- text boxes ---------------------------------------------------------------------------


def _boxes(engine: Any, image: Any) -> list[_Box]:
    result, _ = engine(image, use_cls=False)  # the page is upright: a lone "6" stays a 6
    boxes = []
    for quad, text, score in result or ():
        if float(score) < _MIN_SCORE or not text.strip():
            continue
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        boxes.append(_Box(text.strip(), min(xs), min(ys), max(xs), max(ys), float(score)))
    return boxes


def _recognise(engine: Any, crop: Any) -> tuple[str, float]:
    """The text of a small crop holding one line (no detection), and its confidence."""
    result, _ = engine(crop, use_det=False, use_cls=False, use_rec=True)
    if not result:
        return "", 0.0
    text, score = result[0][0].strip(), float(result[0][1])
    return (text, score) if score >= _MIN_SCORE else ("", 0.0)


def _lines_of(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes grouped into lines (overlapping vertically), each ordered left to right."""
    lines: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: b.cy):
        line = lines[-1] if lines else None
        if line and _same_line(line, box):
            line.append(box)
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _same_line(line: list[_Box], box: _Box) -> bool:
    top = min(b.y0 for b in line)
    bottom = max(b.y1 for b in line)
    overlap = min(bottom, box.y1) - max(top, box.y0)
    return overlap > 0.5 * min(box.height, bottom - top)


def _line_text(line: list[_Box]) -> str:
    """A line's boxes joined; a wide gap (an unruled table row) becomes a space."""
    size = max(b.height for b in line)
    text = line[0].text
    for left, right in itertools.pairwise(line):
        gap = right.x0 - left.x1
        text += (" " if gap > _GAP_CHARS * size else "") + right.text
    return text


# -- ruled tables ------------------------------------------------------------------------


def _rulings(ink: Any, unit: float) -> tuple[Any, Any]:
    """Ink that forms long straight strokes: (horizontal, vertical) table rulings."""
    across = _strokes(ink, (max(10, round(20 * unit)), 1), (3, 1))
    down = _strokes(ink, (1, max(10, round(14 * unit))), (1, 3))
    return across, down


def _strokes(ink: Any, length: tuple[int, int], mend: tuple[int, int]) -> Any:
    """Ink in straight runs at least `length` long; gaps of `mend` are closed first,
    as a speck of scanner noise breaks a ruling for a pixel or two."""
    import cv2

    mended = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, mend))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, length)
    return cv2.morphologyEx(mended, cv2.MORPH_OPEN, kernel)


def _frames(across: Any, down: Any, unit: float) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x, y, w, h) of the ruled frames that are tables: big enough,
    and closed by rulings along most of their width and height (bold heading text
    also leaves long strokes, but never a frame)."""
    import cv2

    joined = cv2.dilate(across | down, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    frames = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k][:4])
        if w < 60 * unit or h < 2 * _MIN_CELL_PT * unit:
            continue
        if _long_lines(across[y : y + h, x : x + w], axis=1, reach=w) < 2:
            continue
        if _long_lines(down[y : y + h, x : x + w], axis=0, reach=h) < 2:
            continue
        frames.append((x, y, w, h))
    return frames


def _long_lines(strokes: Any, axis: int, reach: int) -> int:
    """How many separate rulings run along most of `reach` (rows: axis=1)."""
    covered = (strokes > 0).sum(axis=axis) >= _SPANNING * reach
    starts = covered[1:] & ~covered[:-1]
    return int(starts.sum()) + int(covered[0])


def _cells(rulings: Any, frame: tuple[int, int, int, int], unit: float) -> list[_Cell]:
    """The regions the rulings enclose inside one frame."""
    import cv2

    x, y, w, h = frame
    inside = cv2.bitwise_not(rulings[y : y + h, x : x + w])
    count, _, stats, _ = cv2.connectedComponentsWithStats(inside, connectivity=4)
    smallest = _MIN_CELL_PT * unit
    cells = []
    for k in range(1, count):
        cx, cy, cw, ch = (int(v) for v in stats[k][:4])
        if cw < smallest or ch < smallest:
            continue
        if stats[k][4] < _FILLED * cw * ch:
            continue  # a sliver of page inside the frame's box (a skewed corner), not a cell
        cells.append(_Cell(x + cx, y + cy, x + cx + cw, y + cy + ch))
    return cells


def _starts(values: list[int], tolerance: float) -> list[int]:
    """Distinct positions, near neighbours merged."""
    out: list[int] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _grid(cells: list[_Cell], texts: dict[_Cell, str], unit: float) -> Grid:
    """The cells on a grid: their columns and rows from where cells start, spans
    from how many starts a cell covers."""
    tolerance = 3 * unit
    columns = _starts([c.x0 for c in cells], tolerance)
    rows = _starts([c.y0 for c in cells], tolerance)
    grid = Grid()
    for cell in sorted(cells, key=lambda c: (c.y0, c.x0)):
        row = max(i for i, v in enumerate(rows) if v <= cell.y0 + tolerance)
        column = max(i for i, v in enumerate(columns) if v <= cell.x0 + tolerance)
        rowspan = sum(1 for v in rows[row:] if v < cell.y1 - tolerance)
        colspan = sum(1 for v in columns[column:] if v < cell.x1 - tolerance)
        grid.place(row, column, texts.get(cell, ""), rowspan, colspan)
    return grid


def _cell_text(
    engine: Any, image: Any, ink: Any, rulings: Any, cell: _Cell, boxes: list[_Box]
) -> str:
    if len(boxes) == 1 and len(boxes[0].text) <= _SHORT and boxes[0].score < _SURE:
        # A lone figure read from its tight detector box is often misread ("8" as
        # "00"): the cell's own ink read again decides when it is surer.
        text, score = _reread(engine, image, ink, rulings, cell)
        if score <= boxes[0].score:
            text = boxes[0].text
    elif boxes:
        text = "\n".join("".join(b.text for b in line) for line in _lines_of(boxes))
    else:
        text, _ = _reread(engine, image, ink, rulings, cell)
    return _as_figure(text)


def _as_figure(text: str) -> str:
    """A cell read as letters that look like digits ("D", "II") is the figure it shows.

    Only a cell of nothing else is changed: a word with such letters stays a word."""
    if _LOOKALIKES.fullmatch(text) and not text.isdigit() and len(text) <= 3:
        return text.translate(_DIGIT_FOR)
    # A speck of scanner noise beside a figure is read as a stop or a dash ("0.", "9-").
    speckled = _SPECKLED.fullmatch(text)
    return speckled["figure"] if speckled else text


def _reread(engine: Any, image: Any, ink: Any, rulings: Any, cell: _Cell) -> tuple[str, float]:
    """The text of a cell's ink (none: ""), read as one line, and its confidence."""
    import cv2
    import numpy as np

    own = ink[cell.y0 : cell.y1, cell.x0 : cell.x1] & cv2.bitwise_not(
        rulings[cell.y0 : cell.y1, cell.x0 : cell.x1]
    )
    count, _, stats, _ = cv2.connectedComponentsWithStats(own, connectivity=8)
    # Specks of scanner noise are a few pixels; a stroke of a digit is taller.
    marks = [stats[k] for k in range(1, count) if stats[k][3] >= 5 and stats[k][4] >= 8]
    if not marks:
        return "", 0.0
    x0 = min(int(m[0]) for m in marks)
    y0 = min(int(m[1]) for m in marks)
    x1 = max(int(m[0] + m[2]) for m in marks)
    y1 = max(int(m[1] + m[3]) for m in marks)
    pad = 3  # more margin brings in rulings and specks, and lowers the confidence
    crop = image[cell.y0 : cell.y1, cell.x0 : cell.x1][
        max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad
    ]
    return _recognise(engine, np.ascontiguousarray(crop))


def _tables(
    engine: Any, image: Any, boxes: list[_Box], unit: float
) -> tuple[list[tuple[int, Grid]], list[_Box]]:
    """The ruled tables of a page (top in pixels, grid) and the boxes outside them."""
    import cv2

    ink = _ink(image)
    across, down = _rulings(ink, unit)
    rulings = cv2.dilate(across | down, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    tables = []
    free = list(boxes)
    for frame in sorted(_frames(across, down, unit), key=lambda f: f[1]):
        cells = _cells(rulings, frame, unit)
        if len(cells) < 2:
            continue
        inside: dict[_Cell, list[_Box]] = {c: [] for c in cells}
        for box in list(free):
            cell = next(
                (c for c in cells if c.x0 <= box.cx <= c.x1 and c.y0 <= box.cy <= c.y1), None
            )
            if cell is not None:
                inside[cell].append(box)
                free.remove(box)
        texts = {c: _cell_text(engine, image, ink, rulings, c, inside[c]) for c in cells}
        tables.append((frame[1], _grid(cells, texts, unit)))
    return tables, free


# -- one page -----------------------------------------------------------------------------


def _read_page(engine: Any, image: Any, number: int, height: float) -> OcrPage:
    import numpy as np

    image = _upright(image)
    boxes = _boxes(engine, image)
    if boxes and _upside_down(engine, image, boxes):
        image = np.ascontiguousarray(image[::-1, ::-1])
        boxes = _boxes(engine, image)
    unit = DPI / _POINT  # pixels per point
    tables, free = _tables(engine, image, boxes, unit)
    lines = tuple(
        OcrLine(
            _line_text(line),
            min(b.x0 for b in line) / unit,
            max(b.x1 for b in line) / unit,
            min(b.y0 for b in line) / unit,
            float(np.median([b.height for b in line])) / unit,
        )
        for line in _lines_of(free)
    )
    return OcrPage(
        number,
        height,
        lines,
        tuple(OcrTable(top / unit, grid) for top, grid in tables),
    )
