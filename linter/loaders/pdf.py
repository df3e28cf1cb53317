"""PDF reports: the text layer re-flowed into paragraphs, tables as tables.

pdfplumber gives lines as laid out on the page. They are put back together:
page numbers ("- 3 -", "第 3 页", "3/12") and running headers and footers
(the same line at the top or bottom of most pages) are dropped, tables found
by their ruling lines become `Table`s and are cut out of the prose, and the
remaining lines are re-flowed into paragraphs: a line joins the next without
a space (CJK style) unless the next is a heading, the line is a heading on its
own, or the line ends the paragraph: it stops short of the right margin, or it
ends with 。!?;: and the next line starts indented (or the document does not
indent paragraphs at all). Each paragraph is one extracted line located at
the page where it starts.

A PDF without a text layer (a scan) is read with OCR when the `ocr` extra is
installed (`linter/loaders/ocr.py`: its lines and tables are laid out here as
a text layer's are, and the document says `meta["ocr"]`), and refused with
how to install it otherwise. One whose text layer is mostly glyphs without a
Unicode mapping, or that needs a password is refused, and so is one that is
cut short (no %%EOF at its end).
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from linter.document import Document
from linter.loaders import InputError, pdf_pdfium
from linter.loaders.assemble import DocumentBuilder, Grid, join_wrapped
from linter.loaders.pdf_streams import check_streams
from linter.sections import parse_heading

_CID = re.compile(r"\(cid:\d+\)")  # how pdfminer writes a glyph it cannot map to Unicode
MAX_PAGES = 1000  # the longest annual reports run to a few hundred pages
_MIN_TEXT = 20  # non-blank characters a real report's text layer has at the least
_EOF_REACH = 2048  # %%EOF may be followed by a little whitespace or junk
_MARGIN_BAND = 0.15  # top and bottom share of a page where furniture sits
_EDGE_LINES = 2  # lines at each end of a page that may be furniture
_MIN_STARTS = 5  # paragraph starts needed to tell whether paragraphs are indented
_PAGE_NUMBER = re.compile(
    r"""^(?:[-—–－_~·\s]*\d{1,4}[-—–－_~·\s]*
         |第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?
         |共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页
         |\d+\s*/\s*\d+
         |page\s*\d+(?:\s*of\s*\d+)?)$""",
    re.VERBOSE | re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"[。;:!?；：！？][”’\"」』)）】]*$")
_STOP = re.compile(r"[。!?！？]")
# A line ending in two or more separate figures is a table row set without
# rulings (pdfplumber finds no table): it is a line of its own, never re-flowed
# into a paragraph ("…1 236" + "二、上年结转…" would glue two rows together).
_FIGURE_ROW = re.compile(r"(?:\s+[\d.,/—-]+){2,}\s*$")
_LATIN_RUN = re.compile(r"[!-~]*")


@dataclass
class _Line:
    page: int  # 1-based
    text: str
    x0: float
    x1: float
    top: float
    size: float  # font size: the width of one CJK character
    lead: float  # width of the leading Latin run (a word that would not fit above)


@dataclass
class _PageTable:
    page: int
    top: float
    grid: Grid


@dataclass
class _Layout:
    """Where body text sits, measured over the whole document."""

    left: dict[int, float] = field(default_factory=dict)  # per page
    right: dict[int, float] = field(default_factory=dict)
    indents: bool = True  # paragraphs start with a first-line indent


def _check_bytes(data: bytes) -> None:
    if b"%PDF-" not in data[:1024]:
        raise InputError("not-pdf")
    if b"%%EOF" not in data[-_EOF_REACH:]:
        raise InputError("truncated-pdf")
    check_streams(data)  # before any library inflates them


def _check_pages(pdf: Any) -> None:
    """Refuse a document of more pages than any report, counting no further."""
    from pdfminer.pdfpage import PDFPage

    if sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), MAX_PAGES + 1)) > MAX_PAGES:
        raise InputError("pdf-too-many-pages", limit=MAX_PAGES)


def _xref_broken(pdf: Any) -> bool:
    """pdfminer rebuilt the cross-reference table by scanning the file (it was broken)."""
    from pdfminer.pdfdocument import PDFXRefFallback

    return any(isinstance(xref, PDFXRefFallback) for xref in pdf.doc.xrefs)


def _open(data: bytes) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data), password="")
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError("encrypted-pdf-password") from exc
        if isinstance(cause, PDFEncryptionError):
            raise InputError("encrypted-pdf", error=str(cause)) from exc
        raise InputError("unreadable-pdf") from exc


# -- one page ---------------------------------------------------------------------


def _is_grid(texts: list[list[str | None]]) -> bool:
    """A real table: at least two rows with two filled cells (not a box round a paragraph)."""
    return sum(1 for row in texts if sum(1 for c in row if c and c.strip()) >= 2) >= 2


def _grid(table: Any, texts: list[list[str | None]]) -> Grid:
    """The table's cells (`texts`: its `extract()`) on a grid, with the spans its boxes cover."""
    rows = table.rows
    column_x0: dict[int, float] = {}
    for row in rows:
        for j, box in enumerate(row.cells):
            if box is not None:
                column_x0.setdefault(j, box[0])
    row_tops = [row.bbox[1] for row in rows]
    tolerance = 1.0
    grid = Grid()
    for i, row in enumerate(rows):
        for j, box in enumerate(row.cells):
            if box is None:
                continue
            x1, bottom = box[2], box[3]
            rowspan = sum(1 for k in range(i, len(rows)) if row_tops[k] < bottom - tolerance)
            colspan = sum(1 for k, x0 in column_x0.items() if k >= j and x0 < x1 - tolerance)
            text = texts[i][j] if j < len(texts[i]) else ""
            grid.place(i, j, text or "", max(rowspan, 1), max(colspan, 1))
    return grid


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lead_width(chars: list[dict[str, Any]]) -> float:
    width = 0.0
    for c in chars:
        if not c["text"].isascii() or c["text"].isspace():
            break
        width += c["x1"] - c["x0"]
    return width


# Fill colours that paint nothing on a white page: white in gray, RGB or CMYK.
_PAPER = {(1.0,), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0), 1}


def _invisible(obj: dict[str, Any]) -> bool:
    """A rectangle filled white and not stroked: paper, not a ruling.

    Word and WPS paint a white box behind every line of some paragraphs; stacked
    edge to edge, those boxes look like a one-column table to pdfplumber and the
    prose (and the part heading above the first real table) would be read as
    table rows.
    """
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return False
    color = obj.get("non_stroking_color")
    if isinstance(color, list):
        color = tuple(color)
    return color in _PAPER


def _read_page(page: Any, number: int) -> tuple[list[_Line], list[_PageTable]]:
    tables = []
    if page.rects or page.lines or page.curves:  # no ruling, no table: skip the search
        ruled = page.filter(lambda obj: not _invisible(obj))
        candidates = [(t, t.extract()) for t in ruled.find_tables()]  # extract() costs: once
        tables = [(t, texts) for t, texts in candidates if _is_grid(texts)]
    boxes = [t.bbox for t, _ in tables]
    text_page = page
    if boxes:
        text_page = page.filter(
            lambda obj: obj.get("object_type") != "char" or not any(_inside(obj, b) for b in boxes)
        )
    lines = []
    for found in text_page.extract_text_lines(strip=True, return_chars=True):
        text = found["text"]
        chars = [c for c in found["chars"] if not c["text"].isspace()]
        if not text.strip() or not chars:
            continue
        size = statistics.median(c["size"] for c in chars)
        lines.append(
            _Line(number, text, found["x0"], found["x1"], found["top"], size, _lead_width(chars))
        )
    page_tables = [_PageTable(number, t.bbox[1], _grid(t, texts)) for t, texts in tables]
    return lines, page_tables


# -- furniture ------------------------------------------------------------------------


def _edge_lines(lines: list[_Line], height: float) -> list[_Line]:
    """The lines at the top and bottom of a page that may be headers or footers."""
    ends = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
    band = height * _MARGIN_BAND
    return [ln for ln in ends if ln.top < band or ln.top > height - band]


def _drop_furniture(pages: list[list[_Line]], heights: list[float]) -> list[list[_Line]]:
    edges = [_edge_lines(lines, h) for lines, h in zip(pages, heights, strict=True)]
    furniture = {id(ln) for lines in edges for ln in lines if _PAGE_NUMBER.match(ln.text.strip())}
    if len(pages) >= 2:
        key = {id(ln): re.sub(r"\d+", "#", ln.text.strip()) for lines in edges for ln in lines}
        per_page = Counter(k for lines in edges for k in {key[id(ln)] for ln in lines})
        repeated = {k for k, n in per_page.items() if n >= 2 and n >= len(pages) / 2}
        furniture |= {i for i, k in key.items() if k in repeated}
    return [[ln for ln in lines if id(ln) not in furniture] for lines in pages]


# -- re-flow ----------------------------------------------------------------------------


def _is_heading(text: str) -> bool:
    return parse_heading(unicodedata.normalize("NFKC", text)) is not None


def _measure(pages: list[list[_Line]]) -> _Layout:
    layout = _Layout()
    every = [ln for lines in pages for ln in lines]
    if not every:
        return layout
    right_all = (
        statistics.quantiles([ln.x1 for ln in every], n=10)[-1] if len(every) > 1 else every[0].x1
    )
    left_all = Counter(round(ln.x0) for ln in every).most_common(1)[0][0]
    for lines in pages:
        if not lines:
            continue
        many = len(lines) >= 8
        page = lines[0].page
        layout.right[page] = max(ln.x1 for ln in lines) if many else right_all
        layout.left[page] = (
            Counter(round(ln.x0) for ln in lines).most_common(1)[0][0] if many else left_all
        )
    # Body paragraphs start after a short line (headings are set flush left
    # either way). Only when hardly any of them is indented is the document
    # one of block paragraphs: wrongly assuming indents merely joins two
    # paragraphs, wrongly assuming none splits sentences apart.
    starts = [
        b
        for lines in pages
        for a, b in itertools.pairwise(lines)
        if _short(a, b, layout) and not _is_heading(b.text)
    ]
    if len(starts) >= _MIN_STARTS:
        indented = sum(1 for ln in starts if _indented(ln, layout))
        layout.indents = indented > len(starts) * 0.2
    return layout


def _indented(line: _Line, layout: _Layout) -> bool:
    return line.x0 > layout.left.get(line.page, line.x0) + line.size * 1.5


def _short(line: _Line, following: _Line, layout: _Layout) -> bool:
    """`line` stops before the right margin by more than the next word needs."""
    gap = layout.right.get(line.page, line.x1) - line.x1
    return gap > max(following.lead, following.size) + line.size


def _breaks(prev: _Line, line: _Line, layout: _Layout) -> bool:
    """Whether `line` starts a new paragraph after `prev`."""
    if _is_heading(line.text) and not prev.text.endswith("第"):  # "第" + "（一）项" is no heading
        return True
    if _is_heading(prev.text) and not _STOP.search(prev.text):
        return True  # a heading alone on its line
    if _short(prev, line, layout):
        return True
    if _FIGURE_ROW.search(prev.text) or _FIGURE_ROW.search(line.text):
        return True
    if _ENDS_SENTENCE.search(prev.text):
        return _indented(line, layout) or not layout.indents
    return False


def _reflow(items: list[_Line | _PageTable], layout: _Layout, builder: DocumentBuilder) -> None:
    paragraph: list[_Line] = []

    def flush() -> None:
        if paragraph:
            text = join_wrapped(ln.text for ln in paragraph)
            builder.paragraph(text, {"page": paragraph[0].page})
            paragraph.clear()

    for item in items:
        if isinstance(item, _PageTable):
            flush()
            builder.table(item.grid, {"page": item.page})
            continue
        if paragraph and _breaks(paragraph[-1], item, layout):
            flush()
        paragraph.append(item)
    flush()


# -- the loader --------------------------------------------------------------------------


def load(data: bytes, path: str) -> Document:
    _check_bytes(data)
    pdf = _open(data)
    pages: list[list[_Line]] = []
    tables: list[_PageTable] = []
    heights: list[float] = []
    with pdf:
        _check_pages(pdf)
        broken = _xref_broken(pdf)
        fast = pdf_pdfium.Reader(None if broken else data)
        try:
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    # pdfium's objects where they are pdfminer's; pdfminer's otherwise
                    read = fast.page(number - 1, page.page_obj)
                    lines, page_tables = _read_page(read or page, number)
                except InputError:
                    raise
                except Exception as exc:  # pdfminer fails in many ways on damaged content
                    raise InputError("unreadable-pdf-page", page=number) from exc
                pages.append(lines)
                tables.extend(page_tables)
                heights.append(float(page.height))
                page.close()  # drop the page's parsed objects: memory stays flat on long reports
        finally:
            fast.close()
    pages = _drop_furniture(pages, heights)
    text = "".join(ln.text for lines in pages for ln in lines).replace(" ", "")
    if len(text) < _MIN_TEXT and not tables:
        if broken or not pages:
            # Not a scan: what was read of a damaged file holds no text.
            raise InputError("damaged-pdf")
        return _scanned(data, path)
    unmapped = len(_CID.findall(text))
    if unmapped and unmapped > len(_CID.sub("", text)):
        raise InputError("unmapped-pdf")
    return _assemble(pages, tables, heights, path, {})


def _assemble(
    pages: list[list[_Line]],
    tables: list[_PageTable],
    heights: list[float],
    path: str,
    meta: dict[str, Any],
) -> Document:
    """Lines and tables in reading order, re-flowed into a Document (`meta` added)."""
    layout = _measure(pages)
    items: list[_Line | _PageTable] = [*(ln for lines in pages for ln in lines), *tables]
    items.sort(key=lambda it: (it.page, it.top))
    builder = DocumentBuilder()
    _reflow(items, layout, builder)
    meta = {"format": "pdf", "pages": len(heights), "tables": len(builder.tables), **meta}
    return builder.build(path, None, meta)


def _scanned(data: bytes, path: str) -> Document:
    """A PDF without a text layer, read with OCR; the document's meta says so."""
    from linter.loaders import ocr  # the optional extra: only a scan needs it

    read = ocr.read_pages(data)
    pages = [
        [_Line(p.number, ln.text, ln.x0, ln.x1, ln.top, ln.size, _ocr_lead(ln)) for ln in p.lines]
        for p in read
    ]
    heights = [p.height for p in read]
    pages = _drop_furniture(pages, heights)
    tables = [_PageTable(p.number, t.top, t.grid) for p in read for t in p.tables]
    if not tables and len("".join(ln.text for lines in pages for ln in lines)) < _MIN_TEXT:
        raise InputError("scanned-pdf-unread")
    return _assemble(pages, tables, heights, path, {"ocr": True})


def _ocr_lead(line: Any) -> float:
    """Width of the leading Latin run of an OCR line (half a character per letter)."""
    return len(_LATIN_RUN.match(line.text)[0]) * line.size / 2
