"""PDF text as offices really produce it: paper-white boxes behind paragraphs,
letter-spaced labels, the part heading just above the first table."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

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
    assert [(h.number, h.title) for h in doc.outline.top_level] == [
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
