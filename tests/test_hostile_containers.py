"""Containers built to exhaust the reader: bombs and huge numbers in small files.

Every file is generated here (a few KB, built in milliseconds) and must give
a document or a one-line input error within a second or two: a bound that
trusted what the container declares would hang or take gigabytes instead.
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from decimal import Decimal

import pytest

from linter.loaders import InputError, load_bytes
from linter.loaders.assemble import MAX_TABLE_SLOTS
from linter.loaders.docx import MAX_UNZIPPED

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    "</Types>"
)
_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/numbering" Target="numbering.xml"/></Relationships>'
)
_PROSE = "<w:p><w:r><w:t>某县人民政府2021年政府信息公开工作年度报告</w:t></w:r></w:p>"


def docx(body: str, numbering: str = "", compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal Word package whose body (and numbering.xml) are the XML given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{_W}"><w:body>{_PROSE}{body}</w:body></w:document>',
        )
        numbering_xml = f'<w:numbering xmlns:w="{_W}">{numbering}</w:numbering>'
        archive.writestr("word/numbering.xml", numbering_xml)
    return buffer.getvalue()


def _stored_member(name: bytes, raw: bytes, declared: int, method: int) -> tuple[bytes, bytes]:
    """A local header + data and its central-directory entry, the size as `declared`."""
    crc = 0
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(raw), declared, len(name), 0
    )
    central = struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        method,
        0,
        0,
        crc,
        len(raw),
        declared,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    return local + name + raw, central + name


def understated_bomb() -> bytes:
    """A .docx whose document part declares 1,000 bytes and inflates past the cap.

    The deflate stream is one full-flushed block of zeros repeated (a block after
    a full flush stands alone), so the 300 KB file is made without inflating it.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = packer.compress(bytes(1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush(zlib.Z_FINISH)
    raw = block * (MAX_UNZIPPED // (1 << 20) + 8) + end
    body, entries, offset = b"", b"", 0
    for name, data, declared, method in (
        (b"[Content_Types].xml", _TYPES.encode(), len(_TYPES), 0),
        (b"word/document.xml", raw, 1000, 8),
    ):
        local, central = _stored_member(name, data, declared, method)
        entries += central[:42] + struct.pack("<L", offset) + central[46:]
        body += local
        offset += len(local)
    end_record = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 2, 2, len(entries), offset, 0)
    return body + entries + end_record


def _refused(data: bytes, name: str) -> InputError:
    with pytest.raises(InputError) as caught:
        load_bytes(data, name)
    return caught.value


def test_a_docx_part_that_understates_its_size_stops_at_the_cap() -> None:
    started = time.process_time()
    error = _refused(understated_bomb(), "bomb.docx")
    assert error.code == "docx-inflates-past-limit"
    assert "declares 1,000 bytes but inflates past 256 MB" in error.texts["en"]
    assert time.process_time() - started < 5


def test_a_docx_part_compressed_with_lzma_is_refused_before_inflating() -> None:
    data = docx("<w:p><w:r><w:t>正文</w:t></w:r></w:p>", compression=zipfile.ZIP_LZMA)
    error = _refused(data, "lzma.docx")
    assert error.code == "docx-compression" and "method 14" in error.texts["en"]


def _numbered_list(fmt: str, start: int) -> tuple[str, str]:
    numbering = (
        f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    item = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = "".join(f"{item}<w:r><w:t>第{i}项</w:t></w:r></w:p>" for i in range(3))
    return body, numbering


@pytest.mark.parametrize(
    ("fmt", "start"), [("upperRoman", 10**9), ("lowerLetter", 10**10), ("decimal", 10**4000)]
)
def test_a_list_numbered_from_a_huge_start_is_read_at_once(fmt: str, start: int) -> None:
    started = time.process_time()
    doc = load_bytes(docx(*_numbered_list(fmt, start)), "list.docx")
    assert time.process_time() - started < 1
    items = [line for line in doc.text.split("\n") if "项" in line]
    assert len(items) == 3 and all(len(line) < 20 for line in items), items


def test_roman_numbering_still_reads_as_word_shows_it() -> None:
    doc = load_bytes(docx(*_numbered_list("upperRoman", 1999)), "list.docx")
    assert "MCMXCIX. 第0项" in doc.text and "MM. 第1项" in doc.text


def _row(cells: str, before: int = 0) -> str:
    pr = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    return f"<w:tr>{pr}{cells}</w:tr>"


def _cell(text: str, span: int = 1) -> str:
    pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_huge_grid_spans_are_clamped_to_words_63_columns() -> None:
    rows = _row(_cell("项目", 5 * 10**7) + _cell("12"), before=5 * 10**7) + _row(
        _cell("收到申请") + _cell("3")
    )
    started = time.process_time()
    doc = load_bytes(docx(f"<w:tbl>{rows}</w:tbl>"), "spans.docx")
    assert time.process_time() - started < 1
    (table,) = doc.tables
    assert len(table.rows[0]) <= 63 * 2 + 63 and "收到申请" in doc.text


def test_a_table_with_more_slots_than_any_report_is_refused_in_one_line() -> None:
    wide = _row("".join(_cell(str(i), 63) for i in range(MAX_TABLE_SLOTS // 63 // 2 + 1)))
    error = _refused(docx(f"<w:tbl>{wide}{wide}{wide}</w:tbl>"), "wide.docx")
    assert error.code == "table-too-large" and "\n" not in error.texts["en"]


def test_html_spans_are_bounded_as_browsers_bound_them() -> None:
    cells = "".join('<td rowspan="1000" colspan="1000">7</td>' for _ in range(4))
    rows = "".join(f"<tr>{cells}</tr>" for _ in range(10))
    title = "<p>某县2021年政府信息公开工作年度报告</p>"
    page = f"<html><body>{title}<table>{rows}</table></body></html>"
    started = time.process_time()
    doc = load_bytes(page.encode(), "spans.html")
    assert time.process_time() - started < 2
    assert "政府信息公开工作年度报告" in doc.text


def test_html_rowspan_stops_at_the_last_row() -> None:
    page = (
        "<html><body><table><tr><td rowspan='65534'>类别</td><td>5</td></tr>"
        "<tr><td>6</td></tr></table></body></html>"
    )
    (table,) = load_bytes(page.encode(), "rowspan.html").tables
    assert len(table.rows) == 2 and table.rows[1] == ("类别", "6")


def test_a_29_digit_figure_is_not_read_and_the_other_findings_are_kept() -> None:
    from linter.engine import Settings, check_document
    from linter.rulebook import shipped_packs

    text = (
        "某县人民政府2015年政府信息公开工作年度报告\n"
        "全年共受理政府信息公开申请100件,其中当面申请20件,网络申请70件。\n"
        "全年共受理12345678901234567890123456789件,其中当面申请"
        "12345678901234567890123456000件,网络申请3件。\n"
    )
    result = check_document(load_bytes(text.encode(), "big.txt"), shipped_packs(), Settings())
    rules = [f.rule for f in result.findings]
    assert "internal-error" not in rules
    assert all(f.location is None or f.location.line != 3 for f in result.findings)
    (incomplete,) = [f for f in result.findings if f.rule == "total-incomplete"]
    assert incomplete.evidence.facts["total"] == Decimal(100)
