"""PDF text as offices really produce it: paper-white boxes behind paragraphs,
letter-spaced labels, the part heading just above the first table."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from linter.analysis import analyse
from linter.loaders import load_bytes

FONT = "STSong-Light"


def _register() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _boxed_report() -> bytes:
    """Every paragraph on a white box (Word's paragraph shading), then a ruled table."""
    _register()
    style = ParagraphStyle(
        "b", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK", backColor=(1, 1, 1)
    )
    grid = TableStyle(
        [("FONT", (0, 0), (-1, -1), FONT, 12), ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]
    )
    story = [
        Paragraph("一、总体情况", style),
        Paragraph("（一）主动公开情况。全年主动公开信息一千余条，" * 3, style),
        Paragraph("（二）政府信息管理情况。严格执行先审后发程序。" * 3, style),
        Paragraph("二、主动公开政府信息情况", style),
        Table(
            [
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", "0", "0", "0"],
                ["行政规范性文件", "3", "0", "8"],
            ],
            colWidths=[439.2756 / 4] * 4,  # the boxes' width: their edges meet the grid's
            style=grid,
        ),
        Paragraph("三、收到和处理政府信息公开申请情况", style),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def test_white_boxes_behind_paragraphs_are_not_a_table() -> None:
    doc = load_bytes(_boxed_report(), "boxed.pdf")
    (table,) = doc.tables
    assert table.rows[0][0] == "信息内容"
    assert "二、主动公开政府信息情况" in doc.lines
    assert [(h.number, h.title) for h in analyse(doc).outline.top_level] == [
        (1, "总体情况"),
        (2, "主动公开政府信息情况"),
        (3, "收到和处理政府信息公开申请情况"),
    ]


def test_letter_spaced_label_in_a_pdf_reads_as_the_label() -> None:
    _register()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    text = page.beginText(72, 700)
    text.setFont(FONT, 12)
    text.setCharSpace(8)  # spacing drawn by the layout, not by space characters
    text.textOut("电话")
    text.setCharSpace(0)
    text.textLine("：0517-83605210")
    text.textLine("统计期限自2024年1月1日至2024年12月31日。")
    page.drawText(text)
    page.showPage()
    page.save()
    doc = load_bytes(buffer.getvalue(), "spaced.pdf")
    assert " " in doc.lines[0]  # pdfplumber puts the gap back as a space
    assert doc.norm.startswith("电话:0517-83605210")


# -- the shared 2021-format report, printed the way offices print it ---------------------

_SPACED_LABELS = ("年度报告", "统计期限", "地址", "邮编", "电话", "电子邮箱", "总体情况")


def _letter_space(text: str) -> str:
    for label in _SPACED_LABELS:
        text = text.replace(label, " ".join(label))
    return text.replace("：", " ： ")


def _stray_space(cell: str) -> str:
    """A PDF's justified cell: a space inside a long CJK label."""
    if len(cell) > 8 and not any(c.isdigit() for c in cell):
        return cell[:3] + " " + cell[3:]
    return cell


def _reprinted(source) -> bytes:
    """`source`'s paragraphs and ruled tables set again, labels letter-spaced."""
    from html import escape

    from linter.sections import parse_heading

    _register()
    body = ParagraphStyle("b", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK")
    story = []
    tables = {t.first_line: t for t in source.tables}
    in_table = source.table_lines
    for i, line in enumerate(source.lines):
        if i in tables:
            table = tables[i]
            rows = [[_stray_space(c) for c in row] for row in table.rows]
            for r, c, rowspan, colspan in table.spans:
                for rr in range(r, r + rowspan):
                    for cc in range(c, c + colspan):
                        if (rr, cc) != (r, c):
                            rows[rr][cc] = ""
            style = [("FONT", (0, 0), (-1, -1), FONT, 6), ("GRID", (0, 0), (-1, -1), 0.5, 0)]
            style += [
                ("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1))
                for r, c, rowspan, colspan in table.spans
            ]
            story.append(Table(rows, style=TableStyle(style)))
        if i in in_table or not line.strip():
            continue
        text = _letter_space(line) if parse_heading(line) is None or "总体" in line else line
        story.append(Paragraph(escape(text), body))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def test_letter_spaced_reprint_of_the_2021_report_gives_the_findings_of_its_clean_text(
    tmp_path,
) -> None:
    from conftest import REPORTS, run_ogilint

    if not (REPORTS / "huaian-2024.pdf").exists():
        pytest.skip(f"the shared corpus is not at {REPORTS}")
    source = load_bytes((REPORTS / "huaian-2024.pdf").read_bytes(), "huaian-2024.pdf")
    reprint = tmp_path / "reprint.pdf"
    reprint.write_bytes(_reprinted(source))
    doc = load_bytes(reprint.read_bytes(), "reprint.pdf")
    assert any("电 话 ：" in line for line in doc.lines)  # the spacing survives extraction

    def rules(path) -> list[str]:
        findings = run_ogilint("check", str(path), "--format", "json").json["files"][0]
        return sorted(f["rule"] for f in findings["findings"])

    assert rules(reprint) == rules(REPORTS / "huaian-2024.txt")


def _reprinted_row() -> bytes:
    _register()
    grid = TableStyle(
        [("FONT", (0, 0), (-1, -1), FONT, 9), ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]
    )
    rows = [["一、本 年新收政府信息 公开申请数量", "3001", "53"], ["二、上年结转", "34", "0"]]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Table(rows, style=grid)])
    return buffer.getvalue()


def test_stray_spaces_inside_a_grid_cell_are_layout() -> None:
    doc = load_bytes(_reprinted_row(), "row.pdf")
    (row,) = [line for line in doc.norm_lines if "\t" in line and "3001" in line]
    assert row.startswith("一、本年新收政府信息公开申请数量\t3001")


def test_part_heading_set_as_the_tables_first_row_starts_the_part() -> None:
    _register()
    body = ParagraphStyle("b", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK")
    grid = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 10),
            ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
            ("SPAN", (0, 0), (-1, 0)),
        ]
    )
    rows = [
        ["二、主动公开政府信息情况", "", ""],
        ["信息内容", "本年制发件数", "现行有效件数"],
        ["规章", "0", "0"],
        ["行政规范性文件", "3", "8"],
    ]
    story = [
        Paragraph("一、总体情况", body),
        Paragraph("全年主动公开信息一千余条。", body),
        Table(rows, style=grid),
        Paragraph("三、收到和处理政府信息公开申请情况", body),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    doc = load_bytes(buffer.getvalue(), "caption.pdf")
    assert "二、主动公开政府信息情况" in doc.lines
    assert [h.number for h in analyse(doc).outline.top_level] == [1, 2, 3]
