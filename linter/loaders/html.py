"""Web pages (.html, .htm, .shtml, saved pages) as government sites publish them.

The charset comes from a BOM, then the page's own declaration (<meta charset>,
<meta http-equiv>, <?xml encoding>), then detection. A page whose declared
charset does not match its bytes is refused rather than read as mojibake: the
findings on garbled text would be noise, and the fix (the page's <meta>) is
the publisher's to make.

The article is kept and the furniture around it dropped: script and style,
navigation, page header and footer, sharing and breadcrumb boxes (by tag, by
ARIA role, by class or id words such as nav, breadcrumb, footer, share, dqwz).
Block elements (<p>, <div>, <br>, <li>, headings…) become line breaks. A data
table becomes a `Table` and one line per row; a layout table (one that nests
tables, has a single row or column, or holds long text) is read as blocks.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from linter.document import Document
from linter.loaders import InputError
from linter.loaders.assemble import DocumentBuilder, Grid, join_wrapped
from linter.loaders.text import decode as decode_text
from linter.suppressions import is_directive

_DECLARATION_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# GB2312 and GBK pages routinely hold characters of their superset GB18030.
_GB_NAMES = {"gb2312", "gbk", "gb_2312-80", "cp936", "ms936", "windows-936", "euc-cn", "gb18030"}
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CJK = re.compile(r"[\u3400-\u9fff]")

_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "title",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "map",
    "audio",
    "video",
    "nav",
    "aside",
    "link",
    "meta",
}
_BLOCK_TAGS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
# class/id words that always mark furniture, and words that do unless the same
# attribute also names content ("article-related" is still the article).
_FURNITURE = {
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "footer",
    "copyright",
    "share",
    "bdshare",
    "sitemap",
    "toolbar",
    "qrcode",
    "dqwz",
    "fenxiang",
    "topbar",
}
_MAYBE_FURNITURE = {
    "foot",
    "banner",
    "sidebar",
    "search",
    "login",
    "related",
    "position",
    "location",
    "print",
    "ad",
    "ads",
}
_CONTENT = {
    "article",
    "content",
    "main",
    "text",
    "detail",
    "zoom",
    "body",
    "con",
    "news",
    "trs",
    "editor",
    "zhengwen",
    "wenzhang",
}
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# A layout table's cell holds whole paragraphs; a data table's holds a figure or a label.
_MAX_DATA_CELL = 300


# -- charset ---------------------------------------------------------------


def _codec(name: str) -> str | None:
    """Python codec for a declared charset name, or None when unknown."""
    name = name.strip().lower().removeprefix("x-")
    if name in _GB_NAMES:
        return "gb18030"
    if name == "big5":
        return "cp950"  # what Big5 pages are written in (Windows code page 950)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _declared(data: bytes) -> str | None:
    head = data[:_DECLARATION_BYTES]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m[1].decode("ascii") if m else None


def decode(data: bytes) -> tuple[str, str]:
    """The page's text and the codec it was read with."""
    if data.startswith(_BOMS):
        return decode_text(data)  # a byte-order mark outranks any declaration
    declared = _declared(data)
    codec = _codec(declared) if declared else None
    if codec is None:
        return decode_text(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise _mismatch(declared, data) from None
    if codec not in ("utf-8", "ascii") and not data.isascii() and _is_utf8(data):
        raise _mismatch(declared, data)
    if not _CJK.search(text) and _CJK.search(_guess(data)[0]):
        raise _mismatch(declared, data)  # a single-byte charset over Chinese bytes
    return text, codec


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess(data: bytes) -> tuple[str, str]:
    try:
        return decode_text(data)
    except InputError:
        return "", "unknown"


def _mismatch(declared: str | None, data: bytes) -> InputError:
    guess = _guess(data)[1]
    return InputError("charset-mismatch", declared=declared, actual=guess)


# -- which elements are furniture ---------------------------------------------


def _words(value: str) -> set[str]:
    return {w.lower() for w in _WORDS.findall(value)}


def _is_furniture(attrs: dict[str, Any], tag: str, node: Any) -> bool:
    if "hidden" in attrs or _HIDDEN_STYLE.search(attrs.get("style") or ""):
        return True
    if (attrs.get("role") or "").lower() in _FURNITURE_ROLES:
        return True
    if tag in ("header", "footer") and not _inside(node, ("article", "main")):
        return True
    for name in ("id", "class"):
        words = _words(attrs.get(name) or "")
        if words & _FURNITURE or (words & _MAYBE_FURNITURE and not words & _CONTENT):
            return True
    return False


def _inside(node: Any, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


# -- from elements to lines --------------------------------------------------

_SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
# A line break in the markup between two CJK characters is not a space (CSS
# segment-break rules): "申请\n情况" reads "申请情况".
_CJK_BREAK = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t\r\f]*\n[ \t\r\n\f]*"
    r"(?=[\u3000-\u9fff\uff00-\uffef])"
)


class _Lines:
    """Text runs collected between block boundaries, flushed as lines."""

    def __init__(self, builder: DocumentBuilder | None = None) -> None:
        self.builder = builder
        self.lines: list[str] = []
        self._runs: list[str] = []
        self.pre = 0

    def text(self, value: str) -> None:
        if not self.pre:
            self._runs.append(value)
            return
        head, *rest = value.split("\n")
        self._runs.append(head)
        for piece in rest:
            self.flush()
            self._runs.append(piece)

    def flush(self) -> None:
        raw = "".join(self._runs)
        self._runs = []
        if not self.pre:
            raw = _SPACE_RUN.sub(" ", _CJK_BREAK.sub("", raw))
        line = raw.rstrip() if self.pre else raw.strip(" \t\r\n\f")
        if not line.strip():
            return
        if self.builder is not None:
            self.builder.paragraph(line)
        self.lines.append(line)

    def comment(self, text: str) -> None:
        """A comment: a directive to ogilint is kept (at the line it stands in), not as text."""
        if self.builder is not None and is_directive(text):
            self.builder.directive(text)

    def table(self, grid: Grid, node: Any) -> None:
        self.flush()
        if self.builder is not None:
            # A directive inside the table's cells stands at the table's first row.
            for inner in node.traverse(include_text=True):
                if inner.tag == "-comment":
                    self.comment(inner.comment_content or "")
            self.builder.table(grid)


def _walk(root: Any, out: _Lines) -> None:
    """Feed the text under `root` to `out`, block by block (no recursion: pages nest deep)."""
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        # lexbor gives no tag name to a processing instruction (`<?php … ?>`)
        tag = node.tag or "-instruction"
        if leaving:
            if tag in _BLOCK_TAGS:
                out.flush()
            if tag == "pre":
                out.pre -= 1
        elif tag == "-text":
            out.text(node.text(deep=False) or "")
        elif tag == "-comment":
            out.comment(node.comment_content or "")
        elif not tag.startswith("-") and not _open(node, out):  # "-comment", "-doctype"
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))


def _open(node: Any, out: _Lines) -> bool:
    """Handle an opening tag; True when its content is not to be walked."""
    tag = node.tag
    attrs = node.attributes
    if tag in _SKIP_TAGS or _is_furniture(attrs, tag, node):
        return True
    if tag == "br":
        out.flush()
        return True
    if tag == "table":
        grid = _data_table(node)
        if grid is not None:
            out.table(grid, node)
            return True
    if tag in _BLOCK_TAGS:
        out.flush()
    if tag == "pre":
        out.pre += 1
    return False


# -- tables -------------------------------------------------------------------


# Browsers' own bounds (HTML standard): colspan at most 1000, rowspan at most
# 65534 and never past the table's last row.
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534


def _span(value: str | None, most: int) -> int:
    try:
        return min(max(int(value or 1), 1), most)
    except ValueError:
        return 1


def _cell_text(cell: Any) -> str:
    lines = _Lines()
    _walk(cell, lines)
    lines.flush()
    return join_wrapped(lines.lines)


def _data_table(table: Any) -> Grid | None:
    """The grid of a data table, or None for a layout table."""
    if len(table.css("table")) > 1:  # lexbor's css() matches the node itself too
        return None
    grid = Grid()
    rows = table.css("tr")
    try:
        if not _fill(grid, rows):
            return None
    except InputError as exc:
        if exc.code != "table-too-large":
            raise
        return None  # spans no data table has: its text is read as blocks
    if grid.width < 2 or grid.height < 2:  # one row or one column: a layout box
        return None
    return grid


def _fill(grid: Grid, rows: list[Any]) -> bool:
    """Place the cells of `rows` on `grid`; False for a layout table (a long cell text)."""
    for row, tr in enumerate(rows):
        column = 0
        for cell in tr.iter():
            if cell.tag not in ("td", "th"):
                continue
            while grid.taken(row, column):
                column += 1
            text = _cell_text(cell)
            if len(text) > _MAX_DATA_CELL:
                return False
            colspan = _span(cell.attributes.get("colspan"), MAX_COLSPAN)
            rowspan = min(_span(cell.attributes.get("rowspan"), MAX_ROWSPAN), len(rows) - row)
            grid.place(row, column, text, rowspan, colspan)
            column += colspan
    return True


# -- the loader ---------------------------------------------------------------


def load(data: bytes, path: str) -> Document:
    from selectolax.lexbor import LexborHTMLParser

    text, codec = decode(data)
    tree = LexborHTMLParser(text)
    builder = DocumentBuilder()
    root = tree.body if tree.body is not None else tree.root
    if root is None:
        raise InputError("page-without-body")
    out = _Lines(builder)
    _walk(root, out)
    out.flush()
    if not any(line.strip() for line in builder.lines):
        raise InputError("page-without-text")
    return builder.build(path, codec, {"format": "html", "tables": len(builder.tables)})
