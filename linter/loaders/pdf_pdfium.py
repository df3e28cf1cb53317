"""A PDF page's characters and paths read with pdfium, as pdfplumber would give them.

pdfminer (under pdfplumber) interprets content streams in Python: 95 % of a
text PDF's load time. pdfium does the same in C, ~25x faster. This module
reads a page with pdfium and builds the objects pdfplumber's own algorithms
take: character dicts (text, box, font size) and rect/line/curve dicts, on a
`Container` whose `find_tables` and `extract_text_lines` are pdfplumber's.
The PDF loader then runs unchanged on either kind of page.

The boxes are pdfminer's, recomputed from what pdfium tells: a character runs
from its origin to its advance (pdfium's loose box), and from the font's
descent below the baseline to one font size above it; a path is split into its
subpaths and each becomes a line, a rectangle or a curve by pdfminer's rule.

Only where pdfium is known to see the page as pdfminer does is it used:
`read_page` returns None (the caller falls back to pdfplumber) for a rotated or
offset page, rotated, skewed or vertical text, a glyph without a Unicode
mapping, a character outside the basic plane, two characters at one origin
(a ligature pdfium splits), or a text object pdfium dropped (it skips repeated
and zero-width text objects that pdfminer keeps).
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfplumber.container import Container
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils.text import chars_to_textmap

_TOLERANCE = 0.01  # points: pdfium works in single precision
_BEZIER = pdfium_c.FPDF_SEGMENT_BEZIERTO
_MOVE = pdfium_c.FPDF_SEGMENT_MOVETO


class Page(Container):
    """The objects of one page, with the parts of pdfplumber's `Page` the loader uses."""

    def __init__(self, objects: dict[str, list[dict[str, Any]]], width: float, height: float):
        self._objects = objects
        self.width = width
        self.height = height
        self.bbox = (0.0, 0.0, width, height)

    @property
    def objects(self) -> dict[str, list[dict[str, Any]]]:
        return self._objects

    def filter(self, keep: Callable[[dict[str, Any]], bool]) -> Page:
        kept = {kind: [obj for obj in objs if keep(obj)] for kind, objs in self._objects.items()}
        return Page(kept, self.width, self.height)

    def find_tables(self) -> list[Any]:
        tables = TableFinder(self, TableSettings.resolve(None)).tables
        for table in tables:
            # `Table.extract` tests every character of its page against every
            # cell; only those centred inside the table can fall in one.
            x0, top, x1, bottom = table.bbox
            inside = [
                c
                for c in self.chars
                if x0 <= (c["x0"] + c["x1"]) / 2 < x1
                and top <= (c["top"] + c["bottom"]) / 2 < bottom
            ]
            table.page = Page({"char": inside}, self.width, self.height)
        return tables

    def extract_text_lines(self, strip: bool, return_chars: bool) -> list[dict[str, Any]]:
        textmap = chars_to_textmap(
            self.chars, layout_bbox=self.bbox, layout_width=self.width, layout_height=self.height
        )
        return textmap.extract_text_lines(strip=strip, return_chars=return_chars)

    def close(self) -> None:
        self._objects = {}


# pdfium is not thread-safe, not even across documents, and a cluster worker
# (`dask worker --nthreads 8`) checks files in threads: one pdfium call at a time.
LOCK = threading.RLock()


class Reader:
    """A document's pages as pdfium reads them, where pdfium reads them as pdfminer does."""

    def __init__(self, data: bytes | None) -> None:
        with LOCK:
            self._document = None if data is None else open_document(data)
        self._fonts = Fonts()

    def page(self, index: int, page_obj: Any) -> Page | None:
        """Page `index` (0-based; `page_obj`: pdfminer's), or None: read it with pdfminer."""
        if self._document is None:
            return None
        try:
            fonts = self._fonts.of_page(page_obj)
            with LOCK:
                return read_page(self._document, index, fonts)
        except Exception:  # a damaged page or font: pdfminer reads it as it always did
            return None

    def close(self) -> None:
        if self._document is not None:
            with LOCK:
                self._document.close()


def open_document(data: bytes) -> pypdfium2.PdfDocument | None:
    """The document opened by pdfium, or None when pdfium cannot read it."""
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None


def read_page(
    document: pypdfium2.PdfDocument, index: int, fonts: dict[bytes, _Metrics | None]
) -> Page | None:
    """Page `index` (0-based) as pdfplumber would parse it, or None when pdfium may differ.

    `fonts` are the page's fonts as pdfminer reads them (`Fonts.of_page`).
    """
    page = document[index]
    try:
        if page.get_rotation() or page.get_mediabox() != page.get_cropbox():
            return None
        x0, y0, x1, y1 = page.get_mediabox()
        if x0 or y0:
            return None
        height = y1
        text_objects: dict[int, int] = {}  # address -> place in the content
        paths: list[dict[str, Any]] = []
        for obj, kind, form in _page_objects(page):
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                text_objects[_address(obj)] = len(text_objects)
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                paths.extend(_paths(obj, _multiply(_object_matrix(obj), form), height))
        chars = _chars(page, height, text_objects, fonts)
        if chars is None:
            return None
        objects: dict[str, list[dict[str, Any]]] = {"char": chars}
        for path in paths:
            objects.setdefault(path["object_type"], []).append(path)
        return Page(objects, x1, height)
    finally:
        page.close()


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


# -- characters ----------------------------------------------------------------------


@dataclass
class _Metrics:
    """What pdfminer takes from a font dictionary for a character's box."""

    descent: float  # below the baseline, for size 1 (negative)
    widths: dict[str, float | None]  # advance for size 1 by text; None: two glyphs differ
    vertical: bool


class Fonts:
    """pdfminer's metrics of each page's fonts, by BaseFont name.

    pdfium's own boxes are close to pdfminer's but not equal: its loose box
    grows to the glyph's ink where the ink overhangs the advance, and its
    descent may come from the font program. Reading the font dictionaries
    with pdfminer (without interpreting any content) gives pdfminer's numbers;
    a character whose text no glyph of its font maps to is left to pdfminer.
    """

    def __init__(self) -> None:
        from pdfminer.pdfinterp import PDFResourceManager

        self._manager = PDFResourceManager(caching=True)
        self._built: dict[int, _Metrics | None] = {}

    def of_page(self, page_obj: Any) -> dict[bytes, _Metrics | None]:
        """BaseFont name -> metrics of the page's fonts (None: two fonts of that name differ)."""
        from pdfminer.pdftypes import PDFObjRef, dict_value, resolve1

        found: dict[bytes, _Metrics | None] = {}
        resources = resolve1(page_obj.resources) or {}
        for spec in dict_value(resources.get("Font") or {}).values():
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            font = self._manager.get_font(objid, dict_value(spec))
            name = _name_bytes(getattr(font, "basefont", None) or font.fontname)
            metrics = self._metrics(font)
            if name in found and found[name] != metrics:
                metrics = None
            found[name] = metrics
        return found

    def _metrics(self, font: Any) -> _Metrics | None:
        if id(font) not in self._built:
            self._built[id(font)] = _font_metrics(font)
        return self._built[id(font)]


def _name_bytes(name: Any) -> bytes:
    if isinstance(name, bytes):
        return name
    text = str(name)
    try:
        return text.encode("latin-1")  # pdfminer reads name bytes as Latin-1 when not UTF-8
    except UnicodeEncodeError:
        return text.encode("utf-8")


def _font_metrics(font: Any) -> _Metrics | None:
    """Descent and per-text advances of a pdfminer font (None: a kind this path leaves alone)."""
    from pdfminer.pdffont import PDFCIDFont, PDFSimpleFont, PDFType3Font

    if isinstance(font, PDFCIDFont):
        widths = _cid_widths(font)
    elif isinstance(font, PDFSimpleFont) and not isinstance(font, PDFType3Font):
        widths = _simple_widths(font)
    else:
        return None
    if widths is None:
        return None
    return _Metrics(font.get_descent(), widths, font.is_vertical())


def _cid_widths(font: Any) -> dict[str, float | None] | None:
    """Advances by text of a CID font whose codes both libraries decode alike.

    Identity-encoded fonts (what Word and WPS embed) carry a ToUnicode map that
    both read. A font on a predefined Unicode CMap (UniGB-UCS2-H: reportlab's
    STSong-Light) is set in code points: pdfium takes the code as the text, so
    a text counts only when pdfminer's CMap decodes its own code point to a
    glyph of that text (it drops codes its CMap lacks, as U+00B7). Other
    predefined CMaps (GBK-EUC-H …) are left to pdfminer.
    """
    from pdfminer.cmapdb import FileUnicodeMap, IdentityCMap, IdentityCMapByte

    widths: dict[str, float | None] = {}
    if isinstance(font.cmap, IdentityCMap | IdentityCMapByte):
        if not isinstance(font.unicode_map, FileUnicodeMap):
            return None
        for cid, text in font.unicode_map.cid2unichr.items():
            if len(text) == 1:
                _add_width(widths, text, font.char_width(cid))
        return widths
    name = str(font.cmap.attrs.get("CMapName", ""))
    table = getattr(font.cmap, "code2cid", None)
    if isinstance(font.unicode_map, FileUnicodeMap) or not table:  # a ToUnicode map, or none
        return None
    if not (name.startswith("Uni") and ("UCS2" in name or "UTF16" in name)):
        return None
    for high, row in table.items():
        if not isinstance(row, dict):
            continue
        for low, cid in row.items():
            if isinstance(cid, int) and font.to_unichr(cid) == chr(high << 8 | low):
                _add_width(widths, chr(high << 8 | low), font.char_width(cid))
    return widths


def _simple_widths(font: Any) -> dict[str, float | None]:
    widths: dict[str, float | None] = {}
    for code in range(256):
        try:
            text = font.to_unichr(code)
        except Exception:  # pdfminer raises its own error for an unmapped code
            continue
        if len(text) == 1:
            _add_width(widths, text, font.char_width(code))
    return widths


def _add_width(widths: dict[str, float | None], text: str, width: float) -> None:
    """Record `width` for `text`; two glyphs of one text with different advances: None."""
    widths[text] = width if widths.get(text, width) == width else None


def _chars(
    page: pypdfium2.PdfPage,
    height: float,
    text_objects: dict[int, int],
    fonts: dict[bytes, _Metrics | None],
) -> list[dict[str, Any]] | None:
    """Every character pdfminer would give, in content order; None when pdfium may differ."""
    textpage = page.get_textpage()
    raw = textpage.raw
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    by_object: dict[int, _Metrics | None] = {}
    name = ctypes.create_string_buffer(256)
    seen: set[int] = set()
    chars: list[dict[str, Any]] = []
    order: list[int] = []  # each character's text object's place in the content
    previous: tuple[float, float] | None = None
    try:
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            if pdfium_c.FPDFText_IsGenerated(raw, i):  # spaces and breaks pdfium adds
                continue
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if not code or 0xD800 <= code <= 0xDFFF or pdfium_c.FPDFText_HasUnicodeMapError(raw, i):
                return None
            pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
            a, d = matrix.a, matrix.d
            if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or a <= 0 or d <= 0:
                return None  # rotated, skewed or mirrored: pdfminer's boxes differ
            obj = pdfium_c.FPDFText_GetTextObject(raw, i)
            key = _address(obj)
            seen.add(key)
            if key not in by_object:
                font = pdfium_c.FPDFTextObj_GetFont(obj)
                size = pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
                by_object[key] = fonts.get(name.raw[: max(size - 1, 0)])
            metrics = by_object[key]
            text = chr(code)
            width = metrics.widths.get(text) if metrics is not None else None
            if width is None or metrics is None or metrics.vertical:
                return None  # a font pdfminer reads otherwise, or a glyph it maps elsewhere
            pdfium_c.FPDFText_GetCharOrigin(raw, i, origin_x, origin_y)
            x, y = origin_x.value, origin_y.value
            if previous == (x, y):
                return None  # one glyph, several characters (a ligature)
            previous = (x, y)
            font_size = pdfium_c.FPDFText_GetFontSize(raw, i)
            x1 = x + width * font_size * a
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
            if box.right > box.left and box.right < x1 - _TOLERANCE:
                return None  # pdfium advances less than pdfminer: another width or scaling
            size = font_size * d
            y0 = y + metrics.descent * size
            chars.append(_char(text, x, x1, y0, y0 + size, height))
            order.append(text_objects.get(key, -1))
    finally:
        textpage.close()
    if seen != text_objects.keys():
        return None  # pdfium skipped a text object (a repeat, or one of zero width)
    # pdfium may reorder the text objects of a line; pdfminer keeps content order
    return [chars[i] for i in sorted(range(len(chars)), key=order.__getitem__)]


def _char(text: str, x0: float, x1: float, y0: float, y1: float, height: float) -> dict[str, Any]:
    top = height - y1
    return {
        "object_type": "char",
        "text": text,
        "upright": True,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": top,
        "bottom": height - y0,
        "doctop": top,
        "width": x1 - x0,
        "height": y1 - y0,
        "size": y1 - y0,
    }


# -- paths -----------------------------------------------------------------------------

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _page_objects(page: pypdfium2.PdfPage) -> Iterator[tuple[Any, int, _Matrix]]:
    """Every object on the page, inside forms too: (object, type, matrix of its form)."""
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        yield from _with_form_contents(pdfium_c.FPDFPage_GetObject(raw, i), _IDENTITY)


def _with_form_contents(obj: Any, outer: _Matrix) -> Iterator[tuple[Any, int, _Matrix]]:
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    yield obj, kind, outer
    if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
        own = _multiply(_object_matrix(obj), outer)
        for i in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
            yield from _with_form_contents(pdfium_c.FPDFFormObj_GetObject(obj, i), own)


def _object_matrix(obj: Any) -> _Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _multiply(m: _Matrix, n: _Matrix) -> _Matrix:
    """`m` then `n` (row vectors, as PDF writes them)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _paths(obj: Any, matrix: _Matrix, height: float) -> Iterator[dict[str, Any]]:
    """The path object's subpaths as pdfminer paints them: lines, rects and curves."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        return
    r, g, b, alpha = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, alpha)
    paint = {
        "stroke": bool(stroke.value),
        "fill": bool(fill_mode.value),
        "non_stroking_color": tuple(c.value / 255 for c in (r, g, b)),
    }
    for shape, points in _subpaths(obj, matrix):
        made = _classify(shape, points)
        if made is not None:
            yield _path_object(*made, height, paint)


def _subpaths(obj: Any, matrix: _Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """(pdfminer's operator letters, end points in page space) of each subpath.

    pdfium stores a Bézier as three points and closes a subpath by flagging its
    last point (adding a line back to the start when needed); pdfminer keeps one
    point per operator and writes the close as `h` at the start point.
    """
    x, y = ctypes.c_float(), ctypes.c_float()
    shape, start = "", (0.0, 0.0)
    points: list[tuple[float, float]] = []
    bezier = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, x.value, y.value)
        if kind == _MOVE:
            if shape:
                yield shape, points
            shape, points, start, bezier = "m", [point], point, 0
            continue
        if kind == _BEZIER:
            bezier += 1
            if bezier < 3:
                continue  # a control point: pdfminer keeps only where the curve ends
            bezier = 0
        closes = pdfium_c.FPDFPathSegment_GetClose(segment)
        points.append(point)
        if kind == _BEZIER:
            shape += "c"
            if closes:
                shape += "h"
                points.append(start)
        elif closes and point == start:
            shape += "h"
        elif closes:
            shape += "lh"
            points.append(start)
        else:
            shape += "l"
    if shape:
        yield shape, points


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _classify(
    shape: str, points: list[tuple[float, float]]
) -> tuple[str, list[tuple[float, float]]] | None:
    """pdfminer's kind of a subpath ("line", "rect", "curve") and its points."""
    if len(shape) < 2:
        return None  # a lone move paints nothing in pdfminer either
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points = points[:-2] + points[-1:]
    if shape in {"mlh", "ml"}:
        return "line", points[:2]
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        closed = points[0] == points[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            return "rect", [(x0, y0), (x2, y0), (x2, y2), (x0, y2)]
    return "curve", points


def _path_object(
    kind: str, points: list[tuple[float, float]], height: float, paint: dict[str, Any]
) -> dict[str, Any]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": height - y1,
        "bottom": height - y0,
        "doctop": height - y1,
        "width": x1 - x0,
        "height": y1 - y0,
        "pts": [(x, height - y) for x, y in points],
        **paint,
    }
