"""Word documents: body order, Word's own numbering, tables, what is not the body."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from fixtures_formats import TRADITIONAL, report_text, word_document

from linter.analysis import analyse
from linter.loaders import load_bytes
from linter.loaders.docx import format_number

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# A two-level outline list as Word writes it for Chinese official documents:
# 一、 at level 0, （一） at level 1, 1. at level 2.
_OUTLINE = f"""
<w:abstractNum {W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""
_OUTLINE_NUM = f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _numbered(document, text: str, level: int):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
    )
    return paragraph


def _with_outline_numbering():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_OUTLINE))
    numbering.append(parse_xml(_OUTLINE_NUM))
    return document


def test_one_paragraph_per_line_reads_back_exactly_with_paragraph_locations() -> None:
    text = report_text(TRADITIONAL)
    doc = load_bytes(word_document(text), "report.docx")
    assert doc.text == text
    assert doc.encoding is None
    assert doc.block_at(61).location == {"paragraph": 61}


def test_word_numbering_is_rendered_as_heading_numbers() -> None:
    document = _with_outline_numbering()
    _numbered(document, "概述", 0)
    _numbered(document, "申请情况。全市共受理申请12件。", 1)
    _numbered(document, "处理情况", 1)
    _numbered(document, "财政领域", 2)
    _numbered(document, "主动公开政府信息情况", 0)
    _numbered(document, "重点领域", 1)
    document.add_paragraph("正文", style="List Number")  # numbering from the style
    document.add_paragraph("要点", style="List Bullet")  # a bullet is no heading number
    doc = load_bytes(_save(document), "report.docx")
    assert doc.lines == [
        "一、概述",
        "（一）申请情况。全市共受理申请12件。",
        "（二）处理情况",
        "1. 财政领域",
        "二、主动公开政府信息情况",
        "（一）重点领域",
        "1. 正文",
        "要点",
    ]
    assert [h.title for h in analyse(doc).outline.top_level] == ["概述", "主动公开政府信息情况"]


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (110, "chineseCounting", "一百一十"),
        (3, "ideographTraditional", "丙"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (2, "decimalEnclosedCircle", "②"),
        (7, "decimalFullWidth", "７"),
        (3, "bullet", ""),
    ],
)
def test_number_formats(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text


def test_headers_footers_comments_and_deletions_are_not_the_body() -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉:某市人民政府办公室 电话:0371-1234567"
    section.footer.paragraphs[0].text = "第 1 页"
    paragraph = document.add_paragraph("全市共受理申请")
    run = paragraph.add_run("12件")
    document.add_comment(run, text="批注:数字请核实", author="审核人")
    paragraph._p.append(parse_xml(f"<w:del {W}><w:r><w:delText>13件</w:delText></w:r></w:del>"))
    paragraph._p.append(parse_xml(f"<w:ins {W}><w:r><w:t>。</w:t></w:r></w:ins>"))
    doc = load_bytes(_save(document), "report.docx")
    assert doc.lines == ["全市共受理申请12件。"]


def test_body_order_tables_and_paragraph_numbers() -> None:
    document = docx.Document()
    document.add_paragraph("一、概述")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "申请情况"  # gridSpan
    table.cell(1, 0).merge(table.cell(2, 0)).text = "渠道"  # vMerge
    table.cell(1, 1).text, table.cell(1, 2).text = "当面", "3"
    table.cell(2, 1).text, table.cell(2, 2).text = "网络", "7"
    document.add_paragraph("二、主动公开").add_run().add_break()  # a soft line break
    document.paragraphs[-1].add_run("第二行")
    body = document.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>三、控件内</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    doc = load_bytes(_save(document), "report.docx")
    assert doc.lines == [
        "一、概述",
        "申请情况",
        "渠道\t当面\t3",
        "网络\t7",
        "二、主动公开",
        "第二行",
        "三、控件内",
    ]
    (grid,) = doc.tables
    assert grid.rows == (
        ("申请情况", "申请情况", "申请情况"),
        ("渠道", "当面", "3"),
        ("渠道", "网络", "7"),
    )
    assert set(grid.spans) == {(0, 0, 1, 3), (1, 0, 2, 1)}
    assert [b.location for b in doc.blocks] == [
        {"paragraph": 1},
        {"table": 1, "row": 1},
        {"table": 1, "row": 2},
        {"table": 1, "row": 3},
        {"paragraph": 2},
        {"paragraph": 3},
    ]
    assert doc.block_at(6).location == {"paragraph": 2}  # the line after the soft break
    assert doc.location_at(4, 4) == {"table": 1, "row": 3, "cell": 3}
    assert doc.meta == {"format": "docx", "paragraphs": 3, "tables": 1}


def test_figures_in_a_word_table_are_read_as_table_rows() -> None:
    text = report_text(TRADITIONAL)
    doc = load_bytes(word_document(text, figures_in_table=True), "report.docx")
    assert doc.tables
    row = next((t, r) for t in doc.tables for r, cells in enumerate(t.rows) if "2425件" in cells[0])
    table, r = row
    assert doc.lines[table.first_line + r].startswith("2018年全市共受理依申請公開2425件")
