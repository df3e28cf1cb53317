"""Word documents (.docx): body paragraphs and tables in document order.

The zip is inspected before python-docx opens it: a file that is not a zip,
has too many members, or would decompress past `MAX_UNZIPPED` (a zip bomb) is
refused. python-docx opens the package; the body is then read from its XML,
so paragraphs inside content controls and text inside tracked insertions,
hyperlinks and fields are kept, and deleted text is not. Automatic numbering
from numbering.xml is rendered as Word shows it ("一、" before "概述"), since
that is often the only heading number. Headers, footers, comments, footnotes
and text boxes are not the report body and are left out; a comment that says
`ogilint: disable=…` is kept as a suppression directive (`Document.directives`)
at the paragraph or table it is anchored on.

Locations: body paragraphs are numbered from 1 in document order, empty ones
included (paragraphs inside tables are not counted); tables are numbered from
1, their rows and cells too.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from linter.document import Document
from linter.loaders import InputError
from linter.loaders.assemble import DocumentBuilder, Grid, join_wrapped
from linter.loaders.reasons import failure
from linter.suppressions import is_directive

MAX_UNZIPPED = 256 * 1024 * 1024  # a report's parts are a few MB; more is a zip bomb
MAX_MEMBERS = 10_000
# Word's own bounds: a list counter starts at most at 32767, a table has at
# most 63 columns. Larger values are crafted; they are clamped, not trusted.
MAX_LIST_NUMBER = 32767
MAX_GRID_COLUMNS = 63
_INFLATE_CHUNK = 1024 * 1024  # inflated a MiB at a time: the cap is checked between pieces

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_CONTAINERS = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "moveTo"}
# Subtrees of a paragraph that hold no displayed body text (or text that is not
# the body's: deletions, text boxes, the fallback copy of a drawing).
_SKIPPED = {
    _W + "del",
    _W + "moveFrom",
    _W + "pPr",
    _W + "rPr",
    _W + "txbxContent",
    _W + "instrText",
    _W + "delText",
    _MC_FALLBACK,
}
_VAL = _W + "val"


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError("not-docx") from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise InputError("docx-too-many-parts", parts=len(members))
        # The sizes the zip directory declares are checked first (cheap), then
        # what the members really inflate to: zipfile inflates a member whole
        # and only then cuts it to its declared size, so a member that
        # under-states its size would be inflated in full by python-docx.
        _refuse_unzipped(sum(m.file_size for m in members))
        budget = MAX_UNZIPPED
        for member in members:
            budget -= _inflated_size(data, member, budget)
        if not _is_word(archive):
            raise InputError("zip-not-docx")


def _refuse_unzipped(size: int) -> None:
    if size > MAX_UNZIPPED:
        mib = 1024 * 1024
        raise InputError(
            "docx-too-large-unzipped", size_mb=size // mib, limit_mb=MAX_UNZIPPED // mib
        )


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra length


_HEAD = 1024  # an XML declaration and a DOCTYPE come first in a part


def _refuse_doctype(head: bytes, member: zipfile.ZipInfo) -> None:
    """Word never writes a DOCTYPE; one in a part can only declare entities to expand."""
    if b"<!DOCTYPE" in head.upper():
        raise InputError("docx-doctype", part=member.filename)


def _inflated_size(data: bytes, member: zipfile.ZipInfo, budget: int) -> int:
    """What `member` really inflates to, inflating at most `budget` + 1 MiB of it."""
    if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        # Word writes stored and deflated parts only; an LZMA or bzip2 member
        # would be inflated in one piece, beyond any cap.
        raise InputError("docx-compression", method=member.compress_type)
    try:
        signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, member.header_offset)
    except struct.error:  # a directory entry pointing past the end of the file
        signature, name_length, extra_length = b"", 0, 0
    if signature != b"PK\x03\x04":
        raise InputError("corrupt-docx", error=f"no local header for {member.filename}")
    start = member.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    pending = data[start : start + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        _refuse_doctype(pending[:_HEAD], member)
        return len(pending)  # copied, never more than the bytes in the file
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    try:
        while pending and not inflater.eof:
            piece = inflater.decompress(pending, _INFLATE_CHUNK)
            if not size:
                _refuse_doctype(piece[:_HEAD], member)
            size += len(piece)
            if size > budget:
                raise InputError(
                    "docx-inflates-past-limit",
                    part=member.filename,
                    declared=member.file_size,
                    limit_mb=MAX_UNZIPPED // (1024 * 1024),
                )
            pending = inflater.unconsumed_tail
    except zlib.error as exc:
        raise InputError("corrupt-docx", error=f"{member.filename}: {exc}") from exc
    return size


def _is_word(archive: zipfile.ZipFile) -> bool:
    """The package's main part is a Word document (wherever it is stored)."""
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return True
    if "[Content_Types].xml" not in names:
        return False
    try:
        types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return b"wordprocessingml.document.main" in types


# -- numbering ----------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """Chinese counting numeral: 十, 十一, 二十三, 一百零五 (up to 9999)."""
    if n <= 0 or n > 9999:
        return str(n)
    out = ""
    zero = False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        unit = units[power - 1] if power else ""
        out += ("" if (d == 1 and power == 1 and not out) else digits[d]) + unit
    return out


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _counted(n: int, render: Any, most: int) -> str:
    """`render(n)` up to `most`; past it the figure, which stays short (Word would
    write 32 M's or a thousand g's, and no report's list gets there)."""
    return render(n) if 0 < n <= most else str(n)


def format_number(n: int, fmt: str) -> str:
    """The text Word shows for counter `n` in number format `fmt` ("" for bullets)."""
    formats = {
        "decimal": lambda: str(n),
        "decimalZero": lambda: f"{n:02d}",
        "decimalFullWidth": lambda: str(n).translate(
            {ord(d): ord(d) + 0xFEE0 for d in "0123456789"}
        ),
        "upperRoman": lambda: _counted(n, _roman, 3999).upper(),
        "lowerRoman": lambda: _counted(n, _roman, 3999),
        "upperLetter": lambda: _counted(n, _letter, 26 * 4).upper(),
        "lowerLetter": lambda: _counted(n, _letter, 26 * 4),
        "chineseCounting": lambda: _chinese(n),
        "chineseCountingThousand": lambda: _chinese(n),
        "japaneseCounting": lambda: _chinese(n),
        "taiwaneseCounting": lambda: _chinese(n),
        "taiwaneseCountingThousand": lambda: _chinese(n),
        "chineseLegalSimplified": lambda: _chinese(n, _CN_LEGAL, "拾佰仟"),
        "ideographTraditional": lambda: _STEMS[(n - 1) % 10],
        "decimalEnclosedCircle": lambda: _CIRCLED[n - 1] if n <= 20 else str(n),
        "decimalEnclosedCircleChinese": lambda: _CIRCLED[n - 1] if n <= 20 else str(n),
        "decimalEnclosedParen": lambda: f"({n})",
        "decimalEnclosedFullstop": lambda: f"{n}.",
    }
    if fmt in ("bullet", "none"):
        return ""
    return formats.get(fmt, formats["decimal"])()


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str
    legal: bool


def _attr(element: Any, child: str, default: str | None = None) -> str | None:
    found = element.find(_W + child) if element is not None else None
    return found.get(_VAL, default) if found is not None else default


def _int(value: str | None, default: int, most: int = MAX_LIST_NUMBER) -> int:
    """A numeric attribute, within [0, `most`]: a crafted 10^10 cannot size anything."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return min(max(number, 0), most)


@dataclass
class Numbering:
    """Word's list counters, advanced paragraph by paragraph in document order."""

    abstracts: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    style_numbers: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_parents: dict[str, str] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, numbering: Any, styles: Any) -> Numbering:
        self = cls()
        for abstract in numbering.iterfind(_W + "abstractNum") if numbering is not None else ():
            levels = {}
            for lvl in abstract.iterfind(_W + "lvl"):
                levels[_int(lvl.get(_W + "ilvl"), 0)] = _Level(
                    start=_int(_attr(lvl, "start"), 1),
                    fmt=_attr(lvl, "numFmt", "decimal") or "decimal",
                    text=_attr(lvl, "lvlText", "") or "",
                    suffix=_attr(lvl, "suff", "tab") or "tab",
                    legal=lvl.find(_W + "isLgl") is not None,
                )
            self.abstracts[abstract.get(_W + "abstractNumId", "")] = levels
        for num in numbering.iterfind(_W + "num") if numbering is not None else ():
            overrides = {
                _int(o.get(_W + "ilvl"), 0): _int(_attr(o, "startOverride"), 1)
                for o in num.iterfind(_W + "lvlOverride")
                if o.find(_W + "startOverride") is not None
            }
            self.nums[num.get(_W + "numId", "")] = (
                _attr(num, "abstractNumId", "") or "",
                overrides,
            )
        for style in styles.iterfind(_W + "style") if styles is not None else ():
            style_id = style.get(_W + "styleId", "")
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                ilvl = _attr(num_pr, "ilvl")
                self.style_numbers[style_id] = (
                    _attr(num_pr, "numId"),
                    _int(ilvl, 0) if ilvl else None,
                )
            parent = _attr(style, "basedOn")
            if parent:
                self.style_parents[style_id] = parent
        return self

    def _num_pr(self, paragraph: Any) -> tuple[str | None, int]:
        ppr = paragraph.find(_W + "pPr")
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id = _attr(num_pr, "numId")
        ilvl = _attr(num_pr, "ilvl")
        style = _attr(ppr, "pStyle")
        seen: set[str] = set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            style_num, style_ilvl = self.style_numbers.get(style, (None, None))
            num_id = num_id or style_num
            if ilvl is None and style_ilvl is not None:
                ilvl = str(style_ilvl)
            style = self.style_parents.get(style)
        return num_id, _int(ilvl, 0)

    def label(self, paragraph: Any) -> str:
        """The number Word puts before `paragraph` ("一、", "(二)", "3.") or ""."""
        num_id, ilvl = self._num_pr(paragraph)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstracts.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            # A list instance with a start override restarts the shared counters.
            self._started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return self._render(level, levels, counters)

    @staticmethod
    def _render(level: _Level, levels: dict[int, _Level], counters: dict[int, int]) -> str:
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for lvl in range(8, -1, -1):
            placeholder = f"%{lvl + 1}"
            if placeholder in text:
                ref = levels.get(lvl, level)
                value = counters.get(lvl, ref.start)
                fmt = "decimal" if level.legal else ref.fmt
                text = text.replace(placeholder, format_number(value, fmt))
        if not text:
            return ""
        # Word's default separator is a tab; after 、 or a closing bracket it
        # reads as nothing, after "1." as a space.
        if level.suffix == "space" or (level.suffix == "tab" and text[-1].isascii()):
            return text + " "
        return text


# -- body -----------------------------------------------------------------------


def _body_items(body: Any) -> Iterator[Any]:
    """Body-level paragraphs and tables in document order, through content controls.

    A one-cell table holding the whole text is a frame drawn round the page, not a
    table: its paragraphs and tables are read as the body's.
    """
    stack = list(reversed(list(body)))
    while stack:
        element = stack.pop()
        frame = _frame_cell(element) if element.tag == _TBL else None
        if frame is not None:
            stack.extend(reversed(list(frame)))
        elif element.tag in (_P, _TBL):
            yield element
        elif element.tag in _CONTAINERS:
            stack.extend(reversed(list(element)))


_FRAME_BLOCKS = 3  # a boxed note is one or two paragraphs; a frame holds the text


def _frame_cell(table: Any) -> Any:
    """The only cell of a 1 × 1 table that holds a text of its own, else None."""
    rows = list(_rows(table))
    if len(rows) != 1:
        return None
    cells = list(_cells(rows[0]))
    if len(cells) != 1:
        return None
    blocks = [e for e in cells[0] if e.tag in (_P, _TBL)]
    has_table = any(e.tag == _TBL for e in blocks)
    return cells[0] if has_table or len(blocks) >= _FRAME_BLOCKS else None


def paragraph_text(paragraph: Any) -> str:
    """The displayed text of a w:p: runs, tabs and line breaks, without deletions."""
    return "".join(text for _, text in displayed_pieces(paragraph))


def displayed_pieces(paragraph: Any) -> Iterator[tuple[Any, str]]:
    """Each element of a w:p that shows text (w:t, w:tab, w:br…), with that text, in order.

    The one reading of what a paragraph displays: `paragraph_text` joins it, and
    `ogilint annotate` maps a finding's offsets back to the runs through it.
    """
    stack = list(reversed(list(paragraph)))
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == _W + "t":
            yield element, element.text or ""
        elif tag == _W + "tab":
            yield element, "\t"
        elif tag in (_W + "br", _W + "cr"):
            if element.get(_W + "type") in (None, "textWrapping"):
                yield element, "\n"
        elif tag == _W + "noBreakHyphen":
            yield element, "-"
        elif tag != _P:  # a nested paragraph belongs to a text box, skipped above
            stack.extend(reversed(list(element)))


def _descendants(parent: Any, tag: str) -> Iterator[Any]:
    """`tag` elements under `parent`, looking through content controls, not into them."""
    stack = list(reversed(list(parent)))
    while stack:
        element = stack.pop()
        if element.tag == tag:
            yield element
        elif element.tag in _CONTAINERS:
            stack.extend(reversed(list(element)))


def _rows(table: Any) -> Iterator[Any]:
    return _descendants(table, _TR)


def _cells(row: Any) -> Iterator[Any]:
    return _descendants(row, _TC)


def grid_cells(table: Any) -> Iterator[tuple[int, int, int, bool, Any]]:
    """(row, grid column, column span, continues a vertical merge, w:tc) of each cell.

    Rows and columns are 0-based; the column counts grid columns (gridBefore and
    gridSpan included), which is what a finding's `cell` (1-based) names.
    """
    for r, tr in enumerate(_rows(table)):
        column = _int(_attr(tr.find(_W + "trPr"), "gridBefore"), 0, MAX_GRID_COLUMNS)
        for tc in _cells(tr):
            tc_pr = tc.find(_W + "tcPr")
            span = max(_int(_attr(tc_pr, "gridSpan"), 1, MAX_GRID_COLUMNS), 1)
            merge = tc_pr.find(_W + "vMerge") if tc_pr is not None else None
            continues = merge is not None and merge.get(_VAL, "continue") == "continue"
            yield r, column, span, continues, tc
            column += span


def _table_grid(table: Any, numbering: Numbering) -> Grid:
    grid = Grid()
    for r, column, span, continues, tc in grid_cells(table):
        text = join_wrapped(numbering.label(p) + paragraph_text(p) for p in tc.iter(_P))
        if not (continues and grid.extend_down(r, column)):
            grid.place(r, column, text, 1, span)
    return grid


def numbered_blocks(body: Any) -> tuple[list[Any], list[Any]]:
    """The w:p of each body paragraph and the w:tbl of each table, as locations number them.

    `paragraph` N of a finding is the N-th item of the first list, `table` N of
    the second: the order `load` reads them in, frames looked through; a table
    without a cell is no table (the builder skips an empty grid).
    """
    paragraphs: list[Any] = []
    tables: list[Any] = []
    for item in _body_items(body):
        if item.tag == _P:
            paragraphs.append(item)
        elif next(grid_cells(item), None) is not None:
            tables.append(item)
    return paragraphs, tables


def load(data: bytes, path: str) -> Document:
    _check_zip(data)
    import docx

    try:
        word = docx.Document(io.BytesIO(data))
        numbering_xml = _numbering_element(word)
        styles_xml = word.styles.element
    except Exception as exc:  # missing parts, bad XML, bad CRC, a macro-enabled .docm
        raise InputError("corrupt-docx", error=failure(exc)) from exc
    numbering = Numbering.read(numbering_xml, styles_xml)
    builder = DocumentBuilder()
    paragraphs = 0
    anchored: dict[str, int] = {}  # Word comment id -> line of the paragraph or table it marks
    for item in _body_items(word.element.body):
        for comment_id in _comment_ids(item):
            anchored.setdefault(comment_id, len(builder.lines))
        if item.tag == _P:
            paragraphs += 1
            text = numbering.label(item) + paragraph_text(item)
            builder.paragraph(text, {"paragraph": paragraphs})
        else:
            builder.table(_table_grid(item, numbering))
    if not any(line.strip() for line in builder.lines):
        raise InputError("docx-without-text")
    _directives(word, anchored, builder)
    meta = {"format": "docx", "paragraphs": paragraphs, "tables": len(builder.tables)}
    return builder.build(path, None, meta)


def _comment_ids(item: Any) -> list[str]:
    """Ids of the Word comments whose range starts (or whose mark stands) in `item`."""
    return [
        element.get(_W + "id", "")
        for element in item.iter(_W + "commentRangeStart", _W + "commentReference")
    ]


def _directives(word: Any, anchored: dict[str, int], builder: DocumentBuilder) -> None:
    """Word comments addressed to ogilint, at the line of the text they are anchored on."""
    if not anchored:
        return
    try:
        texts = {str(c.comment_id): c.text for c in word.comments}
    except Exception:  # a damaged comments part: the report is still read, without them
        return
    for comment_id, line in anchored.items():
        text = texts.get(comment_id, "")
        if is_directive(text):
            builder.directive(text, line)


def _numbering_element(word: Any) -> Any:
    """numbering.xml's root, or None when the document has no lists."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return word.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return None
